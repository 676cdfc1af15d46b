import { resolve } from 'node:path';
import { projectPath, projectRoot } from '@app/config/paths';
import { buildRelease, megabytes } from './release';

/**
 * npm run package: builds the release archive into dist/release (or the folder given with --out)
 * from what `npm run build` made. Prints where it is, its size and its SHA-256.
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : projectPath('dist', 'release');
  const r = await buildRelease(projectRoot(), outDir);
  console.log(`Release ${r.archive} (${megabytes(r.bytes)}, ${r.packages} production packages, built in ${r.seconds.toFixed(1)} s)`);
  console.log(`SHA-256 ${r.sha256} in ${r.checksumFile}`);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
