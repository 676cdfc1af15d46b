import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Files that never open a database (pure logic, parsers, rendering from given data, the lockfile):
 * the SQLite run covers them, the PostgreSQL run leaves them out.
 */
const NO_DATABASE = [
  'tests/status/**',
  'tests/presentation/**',
  'tests/review/**',
  'tests/roadmap/**',
  'tests/imports/**',
  'tests/install/lockfile.test.ts',
  'tests/install/env-example.test.ts',
  'tests/mail/composer.test.ts',
  'tests/reports/milestone-charts.test.ts',
  'tests/reports/pdf-printer.test.ts',
  'tests/territories/map.test.ts',
  'tests/territories/map-chromium.test.ts',
];

/** Files that start the app for something the engine has no part in: Chromium crashing or hanging under the server. */
const ENGINE_INDEPENDENT = ['tests/faults/chromium.test.ts'];

/**
 * About the SQLite file itself, with no PostgreSQL equivalent: the online backup of the file and its
 * restore. (Other files skip their SQLite-only tests on PostgreSQL: the file's pragmas and the
 * upgrade of a file made before migration 0004 in persistence/database.test.ts.)
 */
const SQLITE_ONLY = ['tests/faults/backup.test.ts'];

/**
 * Tests that need PostgreSQL whatever the engine under test (two server processes on one database,
 * copying a SQLite database into PostgreSQL, PostgreSQL backups): they belong to the PostgreSQL run,
 * the one that starts a cluster (SQLite needs nothing started), and get their databases from
 * createPostgresDatabase (tests/support/db.ts).
 */
const POSTGRES_ONLY = ['tests/instances/**', 'tests/cli/migrate-data.test.ts', 'tests/cli/pg-backup.test.ts'];

// unplugin-swc compiles the sources with decorator metadata, which NestJS dependency injection needs.
// `npm test` runs every file on SQLite, then the files that use a database again on a real PostgreSQL
// server started for the run (tests/support/postgres-cluster.ts); `--project sqlite` or
// `--project postgres` runs one of them.
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
      '@app/territories': resolve(root, 'libs/territories/src'),
      '@db': resolve(root, 'db'),
    },
  },
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/**/*.test.ts'],
          exclude: POSTGRES_ONLY,
          env: { FDR_TEST_ENGINE: 'sqlite' },
          // One run after the other: the second would otherwise share the machine with the first.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/**/*.test.ts'],
          exclude: [...NO_DATABASE, ...ENGINE_INDEPENDENT, ...SQLITE_ONLY],
          env: { FDR_TEST_ENGINE: 'postgres' },
          globalSetup: ['tests/support/postgres-cluster.ts'],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
