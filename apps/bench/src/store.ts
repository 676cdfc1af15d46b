import BetterSqlite3 from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Database, Engine } from '@app/persistence';
import { startCluster } from './postgres-cluster';

/** A measurement row as the engine's driver writes it. */
export interface RawMeasurement {
  indicatorId: number;
  value: number;
  observedAt: string;
  source: string;
  recordedBy: number;
  recordedAt: string;
}

/**
 * The engine's own driver writing rows with no product code in between, one transaction per call:
 * the importer's baseline, and the generator's way to write millions of values quickly.
 */
export interface RawWriter {
  insertMeasurements(rows: RawMeasurement[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where the benchmarks' databases live, on one engine: each benchmark names a database (scale-1x,
 * import-product…), and its baseline is measured on the same engine, in the same run.
 */
export interface BenchStore {
  engine: Engine;
  exists(name: string): Promise<boolean>;
  /** The settings that point the product (its configuration, a server process) at a database. */
  env(name: string): Record<string, string>;
  /** Opens a database outside the product (the generator, a baseline), as the product opens it. */
  open(name: string): Database;
  /** A new empty database (an existing one of that name is removed first). */
  create(name: string): Promise<void>;
  /** Removes a database. */
  drop(name: string): Promise<void>;
  /** Makes `to` an exact copy of `from`. */
  copy(from: string, to: string): Promise<void>;
  /**
   * The baseline writer (multi-row INSERT statements in one transaction), or with `bulk` the
   * generator's: the fastest way the engine takes rows, trading durability for speed (generation only).
   */
  rawWriter(name: string, options?: { bulk?: boolean }): Promise<RawWriter>;
  /** After generation: leaves the database as a deployment's would be in steady state. */
  settle(name: string): Promise<void>;
  /** Stops what the store started (a PostgreSQL cluster), removes what it does not keep. */
  close(): Promise<void>;
}

const MEASUREMENT_COLUMNS = 'indicator_id, value, observed_at, source, comment, recorded_by, recorded_at';
/**
 * Rows per INSERT statement of the raw baseline, on both engines: 2 000 rows of 6 parameters (12 000)
 * stay below SQLite's 32 766 and PostgreSQL's 65 535 parameters per statement. On the 50 000 rows of
 * the import benchmark, 500, 1 000, 2 000 and 4 000 rows per statement gave the same rate on both
 * engines, within the run-to-run noise (about ±15%); 2 000 is also what the product's importer uses.
 */
const RAW_ROWS_PER_INSERT = 2_000;
/** The INSERT of `rows` measurements with positional placeholders: `?` (SQLite) or `$n` (PostgreSQL). */
function insertStatement(rows: number, placeholder: (k: number) => string): string {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const p = (c: number) => placeholder(r * 6 + c);
    return `(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, NULL, ${p(4)}, ${p(5)})`;
  });
  return `INSERT INTO measurements (${MEASUREMENT_COLUMNS}) VALUES ${tuples.join(', ')}`;
}
const parameters = (rows: RawMeasurement[]) => rows.flatMap((r) => [r.indicatorId, r.value, r.observedAt, r.source, r.recordedBy, r.recordedAt]);

/** SQLite files in a folder: `<name>.sqlite`. */
export function sqliteStore(dir: string): BenchStore {
  const path = (name: string) => join(dir, `${name}.sqlite`);
  const drop = async (name: string) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path(name) + suffix, { force: true });
  };
  return {
    engine: 'sqlite',
    exists: async (name) => existsSync(path(name)),
    env: (name) => ({ DATABASE_PATH: path(name) }),
    open: (name) => Database.openSqlite(path(name)),
    create: drop, // opening a file that does not exist creates it
    drop,
    async copy(from, to) {
      await drop(to);
      const source = new BetterSqlite3(path(from), { readonly: true });
      try {
        await source.backup(path(to));
      } finally {
        source.close();
      }
    },
    async rawWriter(name, { bulk = false } = {}) {
      // The database opened as the product opens it (same pragmas), then better-sqlite3's prepared
      // multi-row INSERT in one transaction: the statement prepared once per batch size.
      const database = this.open(name);
      const sqlite = database.sqlite!;
      // Generation only: the benchmarks themselves run with the product's synchronous=FULL.
      if (bulk) sqlite.pragma('synchronous = OFF');
      const statements = new Map<number, BetterSqlite3.Statement>();
      const statement = (rows: number) => {
        if (!statements.has(rows)) statements.set(rows, sqlite.prepare(insertStatement(rows, () => '?')));
        return statements.get(rows)!;
      };
      const write = sqlite.transaction((rows: RawMeasurement[]) => {
        for (let start = 0; start < rows.length; start += RAW_ROWS_PER_INSERT) {
          const batch = rows.slice(start, start + RAW_ROWS_PER_INSERT);
          statement(batch.length).run(parameters(batch));
        }
      });
      return {
        insertMeasurements: async (rows) => write(rows),
        close: () => database.close(),
      };
    },
    // Nothing: the product runs on SQLite files as they come (it never runs ANALYZE).
    settle: async () => undefined,
    close: async () => undefined,
  };
}

/**
 * PostgreSQL databases, one per name, in the server at `url` (BENCH_DATABASE_URL: databases named
 * `fdr_bench_<name>` there, created by the bench and dropped at the end unless `reuse`), or else in
 * a PostgreSQL 15 cluster the bench starts itself (postgres-cluster.ts). A started cluster lives in
 * a temporary folder removed at the end; with `reuse` (BENCH_REUSE=1) it lives in `clusterDir`,
 * which is kept, and the next run starts it again: its generated databases are reused like SQLite's
 * files (a throwaway cluster could not keep them).
 */
export async function postgresStore(options: { url?: string; reuse: boolean; clusterDir: string }): Promise<BenchStore> {
  const cluster = options.url ? undefined : await startCluster(options.reuse ? options.clusterDir : undefined);
  const server = new URL(options.url ?? `${cluster!.url}/postgres`);
  const dbName = (name: string) => (options.url ? `fdr_bench_${name}` : name).replace(/\W/g, '_');
  const urlOf = (name: string) => {
    const u = new URL(server);
    u.pathname = `/${dbName(name)}`;
    return u.toString();
  };
  const quoted = (name: string) => `"${dbName(name)}"`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const drop = (name: string) => admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`)).then(() => undefined);
  const created = new Set<string>();
  return {
    engine: 'postgres',
    exists: (name) => admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName(name)])).rowCount === 1),
    env: (name) => ({ DATABASE_URL: urlOf(name) }),
    open: (name) => Database.openPostgres(urlOf(name)),
    async create(name) {
      await drop(name);
      await admin((c) => c.query(`CREATE DATABASE ${quoted(name)}`));
      created.add(name);
    },
    drop,
    async copy(from, to) {
      await drop(to);
      // A copy needs the template to have no connection: a server process just killed may still be
      // leaving it (PostgreSQL waits up to 5 s for that, then fails).
      await admin((c) => c.query(`CREATE DATABASE ${quoted(to)} TEMPLATE ${quoted(from)}`));
      created.add(to);
    },
    async rawWriter(name, { bulk = false } = {}) {
      const client = new pg.Client({ connectionString: urlOf(name) });
      await client.connect();
      // Generation only: commits that do not wait for the disk (a crash would lose the last
      // transactions of a database the next run generates again anyway).
      if (bulk) await client.query('SET synchronous_commit = off');
      const inTransaction = async (work: () => Promise<void>) => {
        await client.query('BEGIN');
        try {
          await work();
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      };
      return {
        insertMeasurements: (rows) =>
          inTransaction(async () => {
            if (bulk) {
              await copyIn(client, `COPY measurements (${MEASUREMENT_COLUMNS}) FROM STDIN`, copyText(rows));
              return;
            }
            // The statement of a full batch is prepared once (named), as the product prepares its own.
            for (let start = 0; start < rows.length; start += RAW_ROWS_PER_INSERT) {
              const batch = rows.slice(start, start + RAW_ROWS_PER_INSERT);
              const text = insertStatement(batch.length, (k) => `$${k + 1}`);
              await client.query({ name: `bench_insert_${batch.length}`, text, values: parameters(batch) });
            }
          }),
        close: () => client.end(),
      };
    },
    async settle(name) {
      // Statistics and the visibility map, as autovacuum would leave them some minutes after the
      // load: done now, so that autovacuum does not run during the measurements.
      const client = new pg.Client({ connectionString: urlOf(name) });
      await client.connect();
      try {
        await client.query('VACUUM (FREEZE, ANALYZE)');
      } finally {
        await client.end();
      }
    },
    async close() {
      try {
        // On a server the bench does not own, its databases are removed unless kept for the next run.
        if (options.url && !options.reuse) for (const name of created) await drop(name);
      } finally {
        await cluster?.stop();
      }
    },
  };
}

/** Rows in COPY's text format: tab-separated, one per line, NULL as \N. */
function copyText(rows: RawMeasurement[]): Buffer {
  const field = (v: string | number) => String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
  return Buffer.from(
    rows.map((r) => `${r.indicatorId}\t${r.value}\t${field(r.observedAt)}\t${field(r.source)}\t\\N\t${r.recordedBy}\t${field(r.recordedAt)}\n`).join(''),
  );
}

/** What pg's connection can send during COPY … FROM STDIN (typed in pg, not in @types/pg). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * COPY … FROM STDIN with pg alone (no pg-copy-streams): a query object pg hands the protocol's
 * messages to (its "Submittable" interface). It sends the statement, then the data when the server
 * asks for it, and settles on the server's answer.
 */
function copyIn(client: pg.Client, text: string, data: Buffer): Promise<void> {
  const CHUNK = 1 << 20;
  return new Promise((resolve, reject) => {
    let failed: unknown;
    const query = {
      submit: (connection: pg.Connection) => (connection as unknown as CopyConnection).query(text),
      handleCopyInResponse(connection: CopyConnection) {
        for (let at = 0; at < data.length; at += CHUNK) connection.sendCopyFromChunk(data.subarray(at, at + CHUNK));
        connection.endCopyFrom();
      },
      handleCommandComplete: () => undefined,
      // pg calls either handleError (and nothing after it) or, once the server is ready again, this.
      handleReadyForQuery: () => (failed ? reject(failed) : resolve()),
      handleError(error: unknown) {
        failed = error;
        reject(error);
      },
    };
    client.query(query);
  });
}
