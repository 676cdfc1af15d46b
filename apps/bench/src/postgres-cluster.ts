/**
 * The PostgreSQL server the bench measures the product on, when no BENCH_DATABASE_URL is given: a
 * cluster of Debian's PostgreSQL 15 started by the bench itself on 127.0.0.1 and a free port, trust
 * authentication, stopped at the end of the run whatever happened (a watchdog does it if the bench
 * process dies). The same approach as the tests' cluster (tests/support/postgres-cluster.ts), with
 * one difference: durability stays as PostgreSQL ships it (fsync, synchronous commits and full-page
 * writes on), because the bench measures the product's writes, and a write that does not wait for
 * the disk is not the write a deployment makes.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './measure';

/** Where Debian's postgresql-15 package puts the server programs (FDR_PG_BIN for another build). */
const BIN = process.env.FDR_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * PostgreSQL's defaults, except where the server listens and logs. Durability settings are not
 * touched (see above); neither is the memory (shared_buffers stays 128 MB): what a deployment does
 * with its memory is its own choice, and the product must not depend on a generous one.
 */
const SETTINGS = ["listen_addresses = '127.0.0.1'", "log_min_messages = 'warning'", "timezone = 'UTC'"];

export interface RunningCluster {
  /** postgres://postgres@127.0.0.1:<port>, without a database name. */
  url: string;
  /** Stops the server; a throwaway cluster's folder is removed, a kept one stays for the next run. */
  stop: () => Promise<void>;
}

/**
 * Starts a cluster in `keepIn` (created with initdb the first time, started again the next times:
 * BENCH_REUSE keeps the generated databases there), or in a fresh temporary folder removed at the end.
 */
export async function startCluster(keepIn?: string): Promise<RunningCluster> {
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${BIN}/initdb is missing): apt-get install postgresql, set BENCH_DATABASE_URL, or BENCH_ENGINES=sqlite.`);
  }
  const dir = keepIn ?? mkdtempSync(join(tmpdir(), 'fdr-bench-pg-'));
  mkdirSync(dir, { recursive: true });
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
  // A kept cluster stops cleanly (a checkpoint, so that the next start has no recovery to do); a
  // throwaway one immediately, its files are deleted right after.
  const stopCommand = command('pg_ctl', ['-D', data, '-m', keepIn ? 'fast' : 'immediate', '-w', '-t', '120', 'stop']);
  let watchdog: ChildProcess | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(data, 'postmaster.pid'))) spawnSync(stopCommand[0], stopCommand[1], { stdio: 'ignore' });
    if (!keepIn) rmSync(dir, { recursive: true, force: true });
    if (watchdog?.pid && watchdog.exitCode === null) watchdog.kill();
  };
  try {
    if (!existsSync(join(data, 'PG_VERSION'))) {
      rmSync(data, { recursive: true, force: true });
      run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
      appendFileSync(join(data, 'postgresql.conf'), `\n# Feuille de route bench\n${SETTINGS.join('\n')}\nunix_socket_directories = '${dir}'\n`);
    }
    watchdog = startWatchdog(stopCommand, keepIn ? undefined : dir);
    // The free port can be taken between the check and the start: try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const [file, argv] = command('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', `-p ${port}`, '-w', '-t', '120', 'start']);
      const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
      if (r.status === 0) return { url: `postgres://postgres@127.0.0.1:${port}`, stop };
      if (attempt === 3) throw new Error(`pg_ctl start failed: ${r.stderr}\n${readLog(dir)}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A detached shell that waits for the bench process to end, then stops the cluster (and removes a
 * throwaway one's folder): a bench killed or interrupted leaves no server behind. Detached, so that
 * the Ctrl-C sent to the terminal's process group does not end it too.
 */
function startWatchdog(stopCommand: [string, string[]], removeDir: string | undefined): ChildProcess {
  const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; shift; "$@" >/dev/null 2>&1; [ -n "$FDR_PG_DIR" ] && rm -rf "$FDR_PG_DIR"';
  const child = spawn('sh', ['-c', script, 'fdr-bench-pg-watchdog', String(process.pid), stopCommand[0], ...stopCommand[1]], {
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, FDR_PG_DIR: removeDir ?? '' },
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
