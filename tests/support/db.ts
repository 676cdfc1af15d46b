import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Engine } from '@app/persistence';
import './postgres-context';
import { tempDir } from './temp';

/**
 * The engine this run tests (tests/vitest.config.mts runs the suite on SQLite, then the files that use
 * a database on PostgreSQL).
 */
export const ENGINE: Engine = process.env.FDR_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * One test database, on either engine: what points an app, the CLI or a server process at it, and
 * direct reads and writes through a second connection of its own (what another process would see or do).
 *
 * Statements are written once for both engines: portable SQL with `?` placeholders. Values come back as
 * SQLite gives them, so that one expectation fits both: counts and other big integers as numbers,
 * booleans as 1 or 0, JSON columns as their text.
 */
export interface TestDatabase {
  readonly engine: Engine;
  /** The PostgreSQL database (postgres://…), on PostgreSQL. */
  readonly url?: string;
  /** The SQLite file, on SQLite. */
  readonly path?: string;
  /** The environment variable that selects this database: DATABASE_URL or DATABASE_PATH. */
  readonly env: Record<string, string>;
  /** Every row the statement returns (none for a statement without RETURNING). */
  query<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  /** The first column of the first row, e.g. a count or an id. */
  value<T = unknown>(statement: string, params?: unknown[]): Promise<T>;
  /** Deletes the database (its file on SQLite). */
  drop(): Promise<void>;
}

/** A fresh database of the run's engine. On PostgreSQL it is already migrated unless `migrated: false`. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  if (ENGINE === 'postgres') return createPostgresDatabase(options);
  const tmp = tempDir('fdr-db-');
  return sqliteDatabase(tmp.path('test.sqlite'), () => tmp.cleanup());
}

/**
 * A fresh PostgreSQL database in the run's cluster: a copy of the migrated template (CREATE DATABASE …
 * TEMPLATE takes some tens of milliseconds), or an empty one (`migrated: false`, e.g. to test
 * `cli migrate` itself). Usable by any test file of the PostgreSQL run; a file that needs PostgreSQL
 * whatever the engine belongs to that run only (POSTGRES_ONLY in tests/vitest.config.mts).
 */
export async function createPostgresDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const cluster = inject('postgres');
  if (!cluster) {
    throw new Error('No PostgreSQL cluster in this run: run this file in the postgres project (POSTGRES_ONLY in tests/vitest.config.mts).');
  }
  const name = `fdr_${randomBytes(6).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : cluster.template;
  await onServer(cluster.url, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = `${cluster.url}/${name}`;
  return {
    engine: 'postgres',
    url,
    env: { DATABASE_URL: url },
    query: (statement, params) => queryPostgres(url, statement, params),
    value: async (statement, params) => firstValue(await queryPostgres(url, statement, params)),
    // FORCE: a server process killed by a test may leave connections the server has not closed yet.
    drop: () => onServer(cluster.url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A SQLite file as a test database (it may not exist yet: whoever opens it first creates and migrates it). */
export function sqliteDatabase(path: string, remove: () => void = () => removeSqliteFile(path)): TestDatabase {
  return {
    engine: 'sqlite',
    path,
    env: { DATABASE_PATH: path },
    query: async (statement, params) => querySqlite(path, statement, params),
    value: async (statement, params) => firstValue(querySqlite(path, statement, params)),
    drop: async () => remove(),
  };
}

/** Counts rows of a table (or a join), read through a second connection: what was really written. */
export async function countRows(db: TestDatabase, table: string, where = '1=1'): Promise<number> {
  return db.value<number>(`SELECT count(*) FROM ${table} WHERE ${where}`);
}

/** The tables that hold recorded data. */
const RECORDED_TABLES = [
  'measurements',
  'indicator_baselines',
  'milestone_updates',
  'imports',
  'audit_log',
  'users',
  'user_bodies',
  'review_periods',
  'objective_updates',
  'objective_update_events',
  'update_contributions',
];

/** Row counts of every table that holds recorded data: equal before and after means nothing was written. */
export async function recordedState(db: TestDatabase): Promise<Record<string, number>> {
  // One statement, one snapshot: the counts are of the same moment.
  const [row] = await db.query<Record<string, number>>(`SELECT ${RECORDED_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`);
  return Object.fromEntries(RECORDED_TABLES.map((t) => [t, row[t]]));
}

function querySqlite<T>(path: string, statement: string, params: unknown[] = []): T[] {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const prepared = db.prepare(statement);
    if (prepared.reader) return prepared.all(...params) as T[];
    prepared.run(...params);
    return [];
  } finally {
    db.close();
  }
}

function removeSqliteFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** PostgreSQL's answers read as SQLite gives them (see TestDatabase). */
const AS_SQLITE_GIVES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case pg.types.builtins.INT8:
      case pg.types.builtins.NUMERIC:
        return (v: string) => Number(v);
      case pg.types.builtins.BOOL:
        return (v: string) => (v === 't' ? 1 : 0);
      case pg.types.builtins.JSON:
      case pg.types.builtins.JSONB:
        return (v: string) => v;
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
} as pg.CustomTypesConfig;

async function queryPostgres<T>(url: string, statement: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, types: AS_SQLITE_GIVES });
  await client.connect();
  try {
    return (await client.query(numberedPlaceholders(statement), params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `?` → `$1`, `$2`… outside quoted text: one statement for both engines. */
function numberedPlaceholders(statement: string): string {
  let n = 0;
  return statement.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => (token === '?' ? `$${++n}` : token));
}

function firstValue<T>(rows: Record<string, unknown>[]): T {
  if (!rows.length) throw new Error('The statement returned no row.');
  return Object.values(rows[0])[0] as T;
}

async function onServer<T>(clusterUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${clusterUrl}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
