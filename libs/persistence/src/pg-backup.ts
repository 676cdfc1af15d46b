import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian's PostgreSQL 15 client puts its tools when they are not on PATH. */
const DEBIAN_PG_BIN = '/usr/lib/postgresql/15/bin';

export type PgTool = 'pg_dump' | 'pg_restore';

export class PgToolError extends Error {}

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The path of pg_dump or pg_restore: in PG_BIN_DIR when it is set (and only there: a setting that
 * names a folder is meant), else the first on PATH, else Debian's PostgreSQL 15 folder.
 */
export function findPgTool(tool: PgTool, binDir: string | undefined = process.env.PG_BIN_DIR || undefined): string {
  if (binDir) {
    const file = join(binDir, tool);
    if (executable(file)) return file;
    throw new PgToolError(`${tool} not found in PG_BIN_DIR (${binDir})`);
  }
  const folders = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), DEBIAN_PG_BIN];
  const found = folders.map((folder) => join(folder, tool)).find(executable);
  if (!found) throw new PgToolError(`${tool} not found on PATH nor in ${DEBIAN_PG_BIN}: install the PostgreSQL client (postgresql-client) or set PG_BIN_DIR`);
  return found;
}

/**
 * How a PostgreSQL tool reaches the database without the password ever being on its command line
 * (where `ps` shows it) or in a message: the URL without its password as the dbname argument (libpq
 * reads the rest of the URL itself, query parameters included), the password in PGPASSWORD.
 */
export function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv; secret: string | undefined } {
  const u = new URL(url);
  const secret = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { dbname: u.toString(), env: secret === undefined ? {} : { PGPASSWORD: secret }, secret };
}

/** Runs a PostgreSQL tool; a failure is reported with what the tool said on stderr, never with the password. */
async function runPgTool(tool: PgTool, args: string[], url: string | undefined, binDir?: string): Promise<string> {
  const connection = url ? pgConnection(url) : undefined;
  const path = findPgTool(tool, binDir);
  return new Promise((resolve, reject) => {
    // --no-password: a tool that lacks a password fails at once instead of waiting for someone to type it.
    const child = spawn(path, ['--no-password', ...args, ...(connection ? [`--dbname=${connection.dbname}`] : [])], {
      env: { ...process.env, ...connection?.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new PgToolError(`${tool} could not start: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      let said = Buffer.concat(err).toString('utf8').trim();
      if (connection?.secret) said = said.split(connection.secret).join('***');
      reject(new PgToolError(`${tool} failed (exit code ${code}): ${said || 'no message'}`));
    });
  });
}

/** A pg_dump archive's table of contents, as `pg_restore --list` reads it. */
export interface PgArchive {
  /** "2025-06-15 02:00:00 UTC", as the archive's header says. */
  createdAt: string | undefined;
  /** The name of the database it was dumped from. */
  database: string | undefined;
  /** schema.table of every table whose rows the archive holds. */
  tables: string[];
}

/** Reads an archive's table of contents (it fails on a file that is not a pg_dump custom archive). */
export async function readPgArchive(file: string, binDir?: string): Promise<PgArchive> {
  const list = await runPgTool('pg_restore', ['--list', file], undefined, binDir);
  return {
    createdAt: /^;\s+Archive created at (.+)$/m.exec(list)?.[1].trim(),
    database: /^;\s+dbname: (.+)$/m.exec(list)?.[1].trim(),
    tables: [...list.matchAll(/^\d+; \d+ \d+ TABLE DATA (\S+) (\S+)/gm)].map((m) => `${m[1]}.${m[2]}`),
  };
}

/** `pg_dump --format=custom` of the database at `url` into `file`. */
export async function pgDump(url: string, file: string, binDir?: string): Promise<void> {
  await runPgTool('pg_dump', ['--format=custom', `--file=${file}`], url, binDir);
}

/**
 * `pg_restore --clean --if-exists --no-owner` of an archive into the database at `url`, in one
 * transaction: it either replaces every object the archive holds or, on the first error, changes nothing.
 */
export async function pgRestore(url: string, file: string, binDir?: string): Promise<void> {
  await runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', file], url, binDir);
}
