import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/**
 * Runs the built CLI (dist/apps/cli, built by `npm test`) as an operator would, on the database that
 * `env` names (a TestDatabase's `env`, DATABASE_URL or DATABASE_PATH): never on one this shell's own
 * environment happens to name.
 */
export function cli(args: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const { DATABASE_URL: _url, DATABASE_PATH: _path, ...inherited } = process.env;
  const r = spawnSync(process.execPath, [resolve(ROOT, 'dist/apps/cli/main.js'), ...args], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
