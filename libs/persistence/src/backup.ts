import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';
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

/** Our backups of one engine in a folder, newest first (the names sort by time). Nothing else the folder holds. */
export function listBackups(dir: string, engine: Engine = 'sqlite'): string[] {
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^feuille-de-route-\\d{8}T\\d{6}Z\\.${EXTENSION[engine]}$`);
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .reverse();
}

/** The newest backup of one engine in a folder (e.g. the copy on the share, for a restore after losing the disk). */
export function latestBackup(dir: string, engine: Engine = 'sqlite'): string {
  const [newest] = listBackups(dir, engine);
  if (!newest) throw new BackupError(`No ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup (feuille-de-route-<time>.${EXTENSION[engine]}) in ${dir}`);
  return join(dir, newest);
}

/**
 * Keeps the `keep` newest backups of one engine in a folder, deletes its older ones; returns what
 * was deleted. The other engine's backups (those made before a move to PostgreSQL) are left alone,
 * and so is every file that is not one of our backups. A `.partial` left by a backup or a copy
 * that was interrupted (a killed process) goes too once a newer backup is complete.
 */
export function pruneBackups(dir: string, keep: number, engine: Engine = 'sqlite'): string[] {
  const files = listBackups(dir, engine);
  const old = files.slice(keep);
  const partial = new RegExp(`^feuille-de-route-\\d{8}T\\d{6}Z\\.${EXTENSION[engine]}\\.partial$`);
  const stale = files.length ? readdirSync(dir).filter((f) => partial.test(f) && f < files[0]) : [];
  for (const f of [...old, ...stale]) rmSync(join(dir, f), { force: true });
  return old;
}

/** The SHA-256 of a file, read as a stream (a backup may be gigabytes: the server keeps serving meanwhile). */
async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Flushes a file or a folder to the disk. Some network file systems cannot sync a folder: the file itself was. */
async function syncToDisk(path: string, folder = false): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (e) {
    if (!(folder && ['EINVAL', 'ENOTSUP', 'EISDIR'].includes((e as NodeJS.ErrnoException).code ?? ''))) throw e;
  } finally {
    await handle.close();
  }
}

/**
 * Copies a finished backup into a second location (a mounted share) so that it survives the loss of
 * the server's disk. Written under a temporary name, flushed to the disk, compared with the original
 * (SHA-256) and only then renamed: the share never holds a partial file under a backup's name. The
 * folder must exist: creating it would write to the local disk when the share is not mounted.
 * Asynchronous throughout, so the server keeps serving while a large file is copied.
 */
export async function copyBackup(backup: string, copyDir: string): Promise<{ path: string; bytes: number }> {
  if (!existsSync(copyDir)) throw new BackupError(`The copy folder ${copyDir} (BACKUP_COPY_DIR) does not exist: is the share mounted?`);
  const destination = join(copyDir, basename(backup));
  const partial = `${destination}.partial`;
  try {
    await copyFile(backup, partial);
    await syncToDisk(partial);
    const [original, copied] = await Promise.all([fileHash(backup), fileHash(partial)]);
    if (original !== copied) throw new BackupError(`The copy of ${basename(backup)} in ${copyDir} differs from the backup (SHA-256)`);
    await rename(partial, destination);
    await syncToDisk(copyDir, true);
  } catch (e) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw e;
  }
  return { path: destination, bytes: statSync(destination).size };
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
