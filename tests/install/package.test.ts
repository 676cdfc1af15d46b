import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildRelease, Release } from '../../apps/release/src/release';
import { ADMIN } from '../support/app';
import { createTestDatabase, ENGINE, TestDatabase } from '../support/db';
import { freePort } from '../support/ports';
import { tempDir } from '../support/temp';

/**
 * The release archive (npm run package, after npm run build): built from the repository, unpacked into
 * an empty folder outside it, and started there with nothing but Node on PATH and its settings, on the
 * run's engine. It must serve the roadmap, its pages and their assets, print a PDF through the Chromium
 * that CHROMIUM_PATH names (here under another name, as other distributions have it), run its operator
 * commands, and stop cleanly.
 */
const ROOT = resolve(__dirname, '../..');
const tmp = tempDir('fdr-release-');
let release: Release;
let folder: string;
let database: TestDatabase;
let server: ChildProcess | undefined;
let output = '';
const state = tmp.path('state'); // the service's working directory, where relative data paths land
const bin = tmp.path('path'); // PATH: node and the two tools the start script uses, nothing else

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await database?.drop();
  tmp.cleanup();
});

beforeAll(async () => {
  release = await buildRelease(ROOT, tmp.path('out'));
  const unpacked = tmp.path('opt');
  mkdirSync(unpacked);
  const unpackStart = Date.now();
  execFileSync('tar', ['-xzf', release.archive, '-C', unpacked]);
  console.log(
    `release: ${(release.bytes / 1e6).toFixed(1)} MB, ${release.packages} production packages, built in ${release.seconds.toFixed(1)} s, unpacked in ${((Date.now() - unpackStart) / 1000).toFixed(1)} s`,
  );
  folder = join(unpacked, readdirSync(unpacked)[0]);
  mkdirSync(state);
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  for (const tool of ['dirname', 'readlink']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
  database = await createTestDatabase();
}, 600_000);

/** What the service gets: its settings file (FDR_ENV_FILE, as systemd's EnvironmentFile) and a few variables; DATABASE_PATH left to its default on SQLite. */
function serviceEnv(port: number): Record<string, string> {
  const chromium = tmp.path('browsers/chromium-browser');
  if (!existsSync(chromium)) {
    mkdirSync(tmp.path('browsers'));
    symlinkSync('/usr/bin/chromium', chromium);
  }
  const envFile = tmp.path('feuille-de-route.env');
  writeFileSync(
    envFile,
    [
      `# as an IT department writes it`,
      `ADMIN_EMAIL=${ADMIN.email}`,
      `ADMIN_PASSWORD=${ADMIN.password}`,
      `CHROMIUM_PATH=${chromium}`,
      'REPORT_PREWARM=false',
      '',
    ].join('\n'),
  );
  return {
    PATH: bin,
    HOME: state,
    FDR_ENV_FILE: envFile,
    PORT: String(port),
    HOST: '127.0.0.1',
    SCHEDULER_ENABLED: 'false',
    ...(ENGINE === 'postgres' ? database.env : {}),
  };
}

function releaseCli(args: string[], env: Record<string, string>, root = folder) {
  const r = spawnSync(join(root, 'bin', 'cli'), args, { cwd: state, env: { ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe(`the release archive (${ENGINE})`, () => {
  let url: string;
  let env: Record<string, string>;
  let token: string;

  it('comes with its SHA-256, and holds the built code, the data, the deployment files and the production dependencies only', () => {
    const sha256 = createHash('sha256').update(readFileSync(release.archive)).digest('hex');
    expect(readFileSync(release.checksumFile, 'utf8')).toBe(`${sha256}  feuille-de-route-0.1.0.tar.gz\n`);
    expect(readdirSync(folder).sort()).toEqual(
      ['.env.example', 'README.md', 'bin', 'db', 'dist', 'node_modules', 'package-lock.json', 'package.json', 'release.json', 'systemd', 'templates'].sort(),
    );
    expect(readdirSync(join(folder, 'dist/apps')).sort()).toEqual(['cli', 'server']);
    expect(readdirSync(join(folder, 'db')).sort()).toEqual(['migrations', 'roadmap.yaml']);
    expect(existsSync(join(folder, 'systemd/feuille-de-route.service'))).toBe(true);
    for (const production of ['better-sqlite3', 'pg', '@gouvfr/dsfr', 'chart.js', 'playwright-core'])
      expect(existsSync(join(folder, 'node_modules', production))).toBe(true);
    for (const dev of ['vitest', '@nestjs/cli', 'oidc-provider', 'eslint', '@swc/core']) expect(existsSync(join(folder, 'node_modules', dev)), dev).toBe(false);
    expect(JSON.parse(readFileSync(join(folder, 'release.json'), 'utf8'))).toMatchObject({
      version: '0.1.0',
      nodeModuleVersion: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
    });
  });

  it('starts from its folder with only Node on PATH, its data in the working directory', async () => {
    const port = await freePort();
    env = serviceEnv(port);
    url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    server = spawn(join(folder, 'bin', 'feuille-de-route'), [], { cwd: state, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the release's server exited: ${output}`);
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() - started > 60_000) throw new Error(`the release's server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`release: listening ${Date.now() - started} ms after start`);
    if (ENGINE === 'sqlite') expect(existsSync(join(state, 'data/feuille-de-route.sqlite'))).toBe(true);
    expect(existsSync(join(folder, 'data'))).toBe(false);
    const ready = await fetch(`${url}/health/ready`);
    const readiness = (await ready.json()) as { checks: Record<string, { status: string }> };
    expect(readiness.checks.chromium.status).toBe('ok');
    expect(ready.status).toBe(200);
  }, 90_000);

  it('serves the roadmap, its pages and their assets', async () => {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { token: string }).token;
    const roadmap = (await (await fetch(`${url}/api/v1/roadmap`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      focusAreas: { priorities: { objectives: unknown[] }[] }[];
    };
    expect(roadmap.focusAreas.flatMap((f) => f.priorities.flatMap((p) => p.objectives))).toHaveLength(65);
    const page = await fetch(`${url}/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/dsfr/dsfr.min.css');
    for (const asset of ['/assets/dsfr/dsfr.min.css', '/assets/chart.js/chart.umd.js', '/assets/app/web.css']) {
      expect((await fetch(`${url}${asset}`)).status, asset).toBe(200);
    }
  });

  it('prints a PDF report through the Chromium that CHROMIUM_PATH names', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/v1/reports`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'roadmap', period: '2025-Q3', format: 'pdf' }),
    });
    expect(created.status).toBe(201);
    const file = await fetch(`${url}${((await created.json()) as { url: string }).url}`, { headers: auth });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await file.arrayBuffer());
    writeFileSync(tmp.path('report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', [tmp.path('report.pdf'), '-'], { encoding: 'utf8' })).toContain('Page 1 sur');
  }, 120_000);

  it('runs the operator commands with the same settings (bin/cli)', () => {
    expect(releaseCli(['--version'], env)).toMatchObject({ status: 0, stdout: '0.1.0\n' });
    const users = releaseCli(['user', 'list'], env);
    expect(users.stderr).toBe('');
    expect(users.stdout).toContain(ADMIN.email);
    const backup = releaseCli(['backup'], env);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(ENGINE === 'sqlite' ? /written to .*\/state\/data\/backups\/feuille-de-route-\d{8}T\d{6}Z\.sqlite/ : /pg_dump custom format/);
  }, 120_000);

  it('stops cleanly on SIGTERM, as systemd stops it: the database closed, Chromium ended', async () => {
    expect(server!.exitCode, output).toBeNull();
    const chromium = Number(/"msg":"Chromium started","pid":(\d+)/.exec(output)![1]);
    const exited = new Promise<string>((r) => server!.once('exit', (code, signal) => r(`${code ?? signal}`)));
    const asked = Date.now();
    server!.kill('SIGTERM');
    // NestJS closes the application, then lets the signal end the process: systemd counts that as a clean stop.
    const how = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 45_000))]);
    expect(how, output.slice(-3000)).toMatch(/^(0|SIGTERM)$/);
    console.log(`release: stopped ${Date.now() - asked} ms after SIGTERM`);
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    if (ENGINE === 'sqlite') expect(existsSync(join(state, 'data/feuille-de-route.sqlite-wal'))).toBe(false);
    expect(() => process.kill(chromium, 0)).toThrow(/ESRCH/);
  }, 60_000);

  it('refuses to start on another Node than the one it was built for, saying which to install', () => {
    const other = tmp.path('other-node');
    mkdirSync(join(other, 'bin'), { recursive: true });
    for (const f of ['bin/cli', 'release.json']) writeFileSync(join(other, f), readFileSync(join(folder, f)), { mode: 0o755 });
    const manifest = JSON.parse(readFileSync(join(other, 'release.json'), 'utf8'));
    writeFileSync(join(other, 'release.json'), JSON.stringify({ ...manifest, node: 'v22.13.0', nodeModuleVersion: '127' }));
    const r = releaseCli(['--version'], env, other);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `feuille-de-route: this release was built with Node v22.13.0 on linux-x64; this is Node ${process.version} on linux-x64. Install Node 22 (or build the release with this Node).\n`,
    );
  });
});
