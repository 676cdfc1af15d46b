/**
 * Vitest globalSetup of the PostgreSQL run: a throwaway PostgreSQL 15 cluster (Debian's binaries) in a
 * temporary folder, listening on 127.0.0.1 on a free port, trust authentication, holding one template
 * database migrated once. Each test app then gets its own database, copied from the template in a few
 * tens of milliseconds (tests/support/db.ts, createPostgresDatabase). The cluster is stopped and its
 * folder removed at the end of the run, whatever happened; a watchdog does it if vitest itself dies.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './ports';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { Database } from '../../libs/persistence/src/database';
import { POSTGRES_TEMPLATE, type PostgresCluster } from './postgres-context';

/** Where Debian's postgresql-15 package puts the server programs (FDR_PG_BIN for another build). */
const BIN = process.env.FDR_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const MIGRATIONS = resolve(__dirname, '../../db/migrations');

/**
 * Settings of a cluster that lives for one test run. fsync, synchronous commits and full-page writes
 * are off: they protect committed data against a power cut or an OS crash, which a cluster deleted
 * at the end of the run never needs to survive, and they make each of the run's thousands of commits
 * wait for the disk. (A killed app process, as the crash tests do, loses nothing either way: the
 * server itself keeps running.) Enough connections for every worker's apps and server processes,
 * each with its own pool.
 */
const SETTINGS = [
  "listen_addresses = '127.0.0.1'",
  'fsync = off',
  'synchronous_commit = off',
  'full_page_writes = off',
  'max_connections = 300',
  "log_min_messages = 'warning'",
  "timezone = 'UTC'",
];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster();
  try {
    await createTemplate(cluster.url);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('postgres', { url: cluster.url, template: POSTGRES_TEMPLATE } satisfies PostgresCluster);
  return cluster.stop;
}

export interface RunningCluster {
  /** postgres://postgres@127.0.0.1:<port>, without a database name. */
  url: string;
  dir: string;
  stop: () => Promise<void>;
}

/** initdb, then pg_ctl start, in a fresh temporary folder. */
export async function startCluster(): Promise<RunningCluster> {
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${BIN}/initdb is missing): apt-get install postgresql, or run only the SQLite tests (--project sqlite).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fdr-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]] : [join(BIN, program), args];
  const run = (program: string, args: string[]) => {
    const [file, argv] = command(program, args);
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${program} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  };
  const stopCommand = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  let watchdog: ChildProcess | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Immediate: no final checkpoint, the files are deleted right after.
    if (existsSync(join(data, 'postmaster.pid'))) spawnSync(stopCommand[0], stopCommand[1], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
    if (watchdog?.pid && watchdog.exitCode === null) watchdog.kill();
  };
  try {
    // --no-sync: same reason as fsync = off.
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
    appendFileSync(join(data, 'postgresql.conf'), `\n# Feuille de route tests\n${SETTINGS.join('\n')}\nunix_socket_directories = '${dir}'\n`);
    watchdog = startWatchdog(stopCommand, dir);
    // The free port can be taken between the check and the start: try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const [file, argv] = command('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', `-p ${port}`, '-w', '-t', '30', 'start']);
      const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
      if (r.status === 0) return { url: `postgres://postgres@127.0.0.1:${port}`, dir, stop };
      if (attempt === 3) throw new Error(`pg_ctl start failed: ${r.stderr}\n${readLog(dir)}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The database every test database is copied from, migrated once, then closed to connections: a
 * copy (CREATE DATABASE … TEMPLATE) needs the template to have none.
 */
async function createTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${url}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    const database = Database.openPostgres(`${url}/${POSTGRES_TEMPLATE}`, 1);
    try {
      await database.migrate(MIGRATIONS);
    } finally {
      await database.close();
    }
    await admin.query(`ALTER DATABASE ${POSTGRES_TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  } finally {
    await admin.end();
  }
}

/**
 * A detached shell that waits for this process to end, then stops the cluster and removes its folder:
 * vitest killed, or interrupted before its teardown, leaves no server behind. Detached, so that the
 * Ctrl-C sent to the terminal's process group does not end it too.
 */
function startWatchdog(stopCommand: [string, string[]], dir: string): ChildProcess {
  const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; shift; "$@" >/dev/null 2>&1; rm -rf "$FDR_PG_DIR"';
  const child = spawn('sh', ['-c', script, 'fdr-pg-watchdog', String(process.pid), stopCommand[0], ...stopCommand[1]], {
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, FDR_PG_DIR: dir },
  });
  child.unref();
  return child;
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'server.log'), 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no server log)';
  }
}
