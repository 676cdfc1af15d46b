import BetterSqlite3 from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database, Engine } from './database';
import { PgArchive, pgDump, pgRestore, readPgArchive } from './pg-backup';

export interface BackupResult {
  engine: Engine;
  path: string;
  bytes: number;
  /** SQLite: the pages copied. */
  pages?: number;
  /** PostgreSQL: the tables whose rows the archive holds. */
  tables?: number;
}

export class BackupError extends Error {}

/** A backup's extension says its engine: a SQLite file, or a pg_dump custom-format archive. */
const EXTENSION: Record<Engine, string> = { sqlite: 'sqlite', postgres: 'dump' };

/** `PRAGMA integrity_check` of a database file, opened read-only. */
export function integrityCheck(path: string): string {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  } finally {
    db.close();
  }
}

/**
 * A backup of the open database into `destination`: SQLite's online backup, or pg_dump of the
 * PostgreSQL database at `url` (the configured DATABASE_URL). Either is checked before it is
 * reported done, and only then takes its final name.
 */
export async function backupDatabase(database: Database, destination: string, url?: string): Promise<BackupResult> {
  if (database.engine === 'sqlite') return backupSqlite(database.sqlite!, destination);
  if (!url) throw new BackupError('A PostgreSQL backup needs the database URL (DATABASE_URL)');
  return backupPostgres(url, destination);
}

/**
 * A consistent copy of the live database with SQLite's online backup API: it copies page by page
 * while the server keeps writing, and restarts a step when a page changes under it, so the copy is
 * one committed state. The copy is checked before it is reported done.
 */
export async function backupSqlite(sqlite: BetterSqlite3.Database, destination: string): Promise<BackupResult> {
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const { totalPages } = await sqlite.backup(partial);
  // The copy inherits WAL mode; switch it to a plain rollback journal so the backup is one
  // self-contained file (no -wal/-shm beside it once it is opened).
  const copy = new BetterSqlite3(partial);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const check = integrityCheck(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup failed its integrity check: ${check}`);
  }
  renameSync(partial, destination);
  return { engine: 'sqlite', path: destination, bytes: statSync(destination).size, pages: totalPages };
}

/**
 * pg_dump's custom-format archive of the database: one consistent snapshot (pg_dump reads in one
 * repeatable-read transaction) while the servers keep writing. The archive's table of contents is
 * read back before it is reported done.
 */
export async function backupPostgres(url: string, destination: string): Promise<BackupResult> {
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    await pgDump(url, partial);
    const archive = await readPgArchive(partial);
    if (!archive.tables.includes('public.objectives')) throw new BackupError('The backup holds no roadmap: pg_dump did not dump the Feuille de route tables');
    renameSync(partial, destination);
    return { engine: 'postgres', path: destination, bytes: statSync(destination).size, tables: archive.tables.length };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** feuille-de-route-2025-06-15T020000Z.sqlite (SQLite) or .dump (PostgreSQL). */
export function backupFileName(at: Date, engine: Engine = 'sqlite'): string {
  const time = at
    .toISOString()
    .replace(/[:-]/g, '')
    .replace(/\.\d{3}/, '');
  return `feuille-de-route-${time}.${EXTENSION[engine]}`;
}

/**
 * Keeps the `keep` newest backups of one engine in a folder, deletes its older ones; returns what
 * was deleted. The other engine's backups (those made before a move to PostgreSQL) are left alone.
 */
export function pruneBackups(dir: string, keep: number, engine: Engine = 'sqlite'): string[] {
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^feuille-de-route-\\d{8}T\\d{6}Z\\.${EXTENSION[engine]}$`);
  const files = readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .reverse();
  const old = files.slice(keep);
  for (const f of old) rmSync(join(dir, f));
  return old;
}

/** What a file starts with: SQLite's header, or pg_dump's custom-format one. */
function fileKind(path: string): Engine | undefined {
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1').startsWith('SQLite format 3\0')) return 'sqlite';
  if (head.toString('latin1', 0, 5) === 'PGDMP') return 'postgres';
  return undefined;
}

/** A backup of the other engine is refused with what to do instead, before anything is touched. */
function refuseOtherEngine(backup: string, engine: Engine): void {
  const kind = fileKind(backup);
  if (kind === 'postgres' && engine === 'sqlite') {
    throw new BackupError(`${basename(backup)} is a PostgreSQL dump, and the configured database is SQLite: set DATABASE_URL to restore it into PostgreSQL`);
  }
  if (kind === 'sqlite' && engine === 'postgres') {
    throw new BackupError(
      `${basename(backup)} is a SQLite database, and the configured database is PostgreSQL: restore it as DATABASE_PATH without DATABASE_URL, then copy it with "migrate-data --to"`,
    );
  }
}

/**
 * Replaces the database file with a backup. The server must be stopped. The backup is checked
 * first; the current file is kept beside it (…before-restore-<time>) and its WAL files removed,
 * so nothing from the replaced database leaks into the restored one.
 */
export function restoreDatabase(backup: string, target: string, at: Date): { previous: string | null } {
  if (!existsSync(backup)) throw new BackupError(`No backup file at ${backup}`);
  refuseOtherEngine(backup, 'sqlite');
  const check = (() => {
    try {
      return integrityCheck(backup);
    } catch (e) {
      return (e as Error).message;
    }
  })();
  if (check !== 'ok') throw new BackupError(`${basename(backup)} is not a sound database: ${check}`);
  const probe = new BetterSqlite3(backup, { readonly: true });
  const hasSchema = probe.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('objectives', '__drizzle_migrations')").pluck().get();
  probe.close();
  if (hasSchema !== 2) throw new BackupError(`${basename(backup)} is not a Feuille de route database`);

  mkdirSync(dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${at.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(incoming, target);
  return { previous };
}

/**
 * Restores a pg_dump archive into the PostgreSQL database at `url` (the servers must be stopped):
 * every table the archive holds is dropped and recreated with its rows, in one transaction. The
 * archive is checked first (a pg_dump archive of a Feuille de route database). Returns its contents.
 */
export async function restorePostgres(backup: string, url: string): Promise<PgArchive> {
  if (!existsSync(backup)) throw new BackupError(`No backup file at ${backup}`);
  refuseOtherEngine(backup, 'postgres');
  let archive: PgArchive;
  try {
    archive = await readPgArchive(backup);
  } catch (e) {
    throw new BackupError(`${basename(backup)} is not a sound PostgreSQL dump: ${(e as Error).message}`);
  }
  if (!archive.tables.includes('public.objectives') || !archive.tables.includes('drizzle.__drizzle_migrations')) {
    throw new BackupError(`${basename(backup)} is not a Feuille de route database`);
  }
  await pgRestore(url, backup);
  return archive;
}
