import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './ports';
import { resolve } from 'node:path';
import { ADMIN } from './app';
import type { TestDatabase } from './db';

export const ROOT = resolve(__dirname, '../..');

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** Everything the process wrote on stdout and stderr. */
  output: () => string;
  /** SIGKILL: no shutdown hook, no flush — what a crash or an OOM kill does. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
}

/** The built server (dist/apps/server, built by `npm test`) as a real child process, on `database`. */
export async function startServer(database: TestDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const chunks: string[] = [];
  const proc = spawn(process.execPath, [resolve(ROOT, 'dist/apps/server/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...database.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SCHEDULER_ENABLED: 'false',
      REPORT_PREWARM: 'false',
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => chunks.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => chunks.push(d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${chunks.join('')}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${chunks.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    output: () => chunks.join(''),
    kill: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

export async function login(url: string, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
