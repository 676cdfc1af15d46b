import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// unplugin-swc compiles the sources with decorator metadata, which NestJS dependency injection needs.
export default defineConfig({
  root,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@app/roadmap': resolve(root, 'libs/roadmap/src'),
      '@app/status': resolve(root, 'libs/status/src'),
      '@app/persistence': resolve(root, 'libs/persistence/src'),
      '@app/config': resolve(root, 'libs/config/src'),
      '@app/common': resolve(root, 'libs/common/src'),
      '@app/snapshots': resolve(root, 'libs/snapshots/src'),
      '@app/accounts': resolve(root, 'libs/accounts/src'),
      '@app/reports': resolve(root, 'libs/reports/src'),
      '@app/imports': resolve(root, 'libs/imports/src'),
      '@app/presentation': resolve(root, 'libs/presentation/src'),
      '@app/review': resolve(root, 'libs/review/src'),
      '@db': resolve(root, 'db'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
