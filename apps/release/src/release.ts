import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  createReadStream,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';

/** What the release holds, from the repository: path in the repository → path in the release. */
const CONTENTS: [string, string][] = [
  ['dist/apps/server', 'dist/apps/server'],
  ['dist/apps/cli', 'dist/apps/cli'],
  ['templates', 'templates'],
  ['db/roadmap.yaml', 'db/roadmap.yaml'],
  ['db/migrations', 'db/migrations'],
  ['package.json', 'package.json'],
  ['package-lock.json', 'package-lock.json'],
  ['README.md', 'README.md'],
  ['.env.example', '.env.example'],
  ['apps/release/bin/feuille-de-route', 'bin/feuille-de-route'],
  ['apps/release/bin/cli', 'bin/cli'],
  ['apps/release/systemd/feuille-de-route.service', 'systemd/feuille-de-route.service'],
];
const EXECUTABLES = ['bin/feuille-de-route', 'bin/cli'];

export interface Release {
  archive: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
  /** Production packages installed in the release's node_modules. */
  packages: number;
  seconds: number;
}

/** What the release was built with: its native modules (better-sqlite3, argon2) run only on the same Node ABI, OS and CPU. */
export interface ReleaseManifest {
  name: string;
  version: string;
  node: string;
  nodeModuleVersion: string;
  platform: string;
  arch: string;
  builtAt: string;
}

export class ReleaseError extends Error {}

/**
 * Builds the release archive `<outDir>/feuille-de-route-<version>.tar.gz` and its `.sha256` from the
 * repository at `root`, after `npm run build`: the built server and CLI, the templates, the roadmap
 * data file and the migrations, the production dependencies (with their compiled native modules, so
 * nothing is built on the target), the start scripts, the systemd unit and .env.example. Unpacked
 * anywhere, it runs with Node and Chromium only.
 */
export async function buildRelease(root: string, outDir: string, now = new Date()): Promise<Release> {
  const started = Date.now();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const name = `${pkg.name}-${pkg.version}`;
  for (const built of ['dist/apps/server/main.js', 'dist/apps/cli/main.js']) {
    if (!existsSync(join(root, built))) throw new ReleaseError(`${built} is missing: run "npm run build" first (npm run package does)`);
  }
  mkdirSync(outDir, { recursive: true });
  const staging = mkdtempSync(join(outDir, '.staging-'));
  try {
    const tree = join(staging, name);
    for (const [from, to] of CONTENTS) cpSync(join(root, from), join(tree, to), { recursive: true });
    for (const file of EXECUTABLES) chmodSync(join(tree, file), 0o755);
    const packages = productionPackages(root);
    for (const dir of packages) placePackage(join(root, dir), join(tree, dir));
    checkInstalled(tree);
    writeFileSync(join(tree, 'release.json'), `${JSON.stringify(manifest(pkg, now), null, 2)}\n`);
    const archive = join(outDir, `${name}.tar.gz`);
    run('tar', ['--create', '--gzip', '--file', archive, '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-C', staging, name]);
    const sha256 = await fileSha256(archive);
    const checksumFile = `${archive}.sha256`;
    // The format of sha256sum, so that "sha256sum -c" checks it.
    writeFileSync(checksumFile, `${sha256}  ${basename(archive)}\n`);
    return { archive, checksumFile, sha256, bytes: statSync(archive).size, packages: packages.length, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function manifest(pkg: { name: string; version: string }, now: Date): ReleaseManifest {
  return {
    name: pkg.name,
    version: pkg.version,
    node: process.version,
    nodeModuleVersion: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
    builtAt: now.toISOString(),
  };
}

/**
 * The folders (node_modules/…, relative to the root) of the production dependencies, as npm itself
 * resolves them from the lock file and the installed tree. npm ls fails when the tree does not match
 * the lock (a package missing or of another version): a release is never made from such a tree.
 */
function productionPackages(root: string): string[] {
  const listed = run('npm', ['ls', '--omit=dev', '--all', '--parseable'], root);
  return listed
    .split('\n')
    .filter((line) => line && line !== root)
    .map((line) => relative(root, line))
    .filter((dir) => dir.startsWith('node_modules'));
}

/**
 * One package into the release, without its nested node_modules (those that are production
 * dependencies are listed and placed on their own). Files are hard-linked when the release is built
 * on the same file system, and copied otherwise: the installed tree is only read.
 */
function placePackage(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    const target = join(to, entry);
    const stat = lstatSync(source);
    if (stat.isDirectory()) {
      if (entry !== 'node_modules') placePackage(source, target);
    } else if (stat.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), target);
    } else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/** npm's own check of the release's node_modules: every production dependency present, at the locked version. */
function checkInstalled(tree: string): void {
  run('npm', ['ls', '--omit=dev', '--all'], tree);
}

function run(command: string, args: string[], cwd?: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new ReleaseError(`${command} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new ReleaseError(`${command} ${args.join(' ')} failed (exit code ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** "12.3 MB" */
export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
