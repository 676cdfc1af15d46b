import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
}

export class BackupError extends Error {}

/** `PRAGMA integrity_check` of a database file, opened read-only. */
export function integrityCheck(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the live database with SQLite's online backup API: it copies page by page
 * while the server keeps writing, and restarts a step when a page changes under it, so the copy is
 * one committed state. The copy is checked before it is reported done.
 */
export async function backupDatabase(sqlite: Database.Database, destination: string): Promise<BackupResult> {
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const { totalPages } = await sqlite.backup(partial);
  // The copy inherits WAL mode; switch it to a plain rollback journal so the backup is one
  // self-contained file (no -wal/-shm beside it once it is opened).
  const copy = new Database(partial);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const check = integrityCheck(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup failed its integrity check: ${check}`);
  }
  renameSync(partial, destination);
  return { path: destination, bytes: statSync(destination).size, pages: totalPages };
}

/** feuille-de-route-2025-06-15T020000Z.sqlite */
export function backupFileName(at: Date): string {
  return `feuille-de-route-${at
    .toISOString()
    .replace(/[:-]/g, '')
    .replace(/\.\d{3}/, '')
    .replace('T', 'T')}.sqlite`;
}

/** Keeps the `keep` newest backups of a folder, deletes the older ones; returns what was deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => /^feuille-de-route-\d{8}T\d{6}Z\.sqlite$/.test(f))
    .sort()
    .reverse();
  const old = files.slice(keep);
  for (const f of old) rmSync(join(dir, f));
  return old;
}

/**
 * Replaces the database file with a backup. The server must be stopped. The backup is checked
 * first; the current file is kept beside it (…before-restore-<time>) and its WAL files removed,
 * so nothing from the replaced database leaks into the restored one.
 */
export function restoreDatabase(backup: string, target: string, at: Date): { previous: string | null } {
  if (!existsSync(backup)) throw new BackupError(`No backup file at ${backup}`);
  const check = (() => {
    try {
      return integrityCheck(backup);
    } catch (e) {
      return (e as Error).message;
    }
  })();
  if (check !== 'ok') throw new BackupError(`${basename(backup)} is not a sound database: ${check}`);
  const probe = new Database(backup, { readonly: true });
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
