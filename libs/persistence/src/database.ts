import BetterSqlite3 from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { pgTables, sqliteTables, Tables } from '@db/schema';

export type Engine = 'sqlite' | 'postgres';
/**
 * A drizzle database or transaction. Typed as PostgreSQL's, whatever the engine: the query code
 * uses only what both engines' query builders have (select, insert, update, delete, returning,
 * onConflict…), awaited; never `.get()`, `.all()` or `.run()`, which SQLite's alone has.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, Tables>;

/** Where the database is: a PostgreSQL URL, or else the SQLite file. */
export interface DatabaseLocation {
  url?: string;
  path: string;
  poolSize?: number;
}

/** The PostgreSQL advisory lock every write transaction holds: writers queue, as SQLite's BEGIN IMMEDIATE makes them. */
const WRITE_LOCK = 7_020_231;
/** Held while one instance migrates and loads the roadmap: a second instance starting meanwhile waits. */
export const SETUP_LOCK = 7_020_232;

/**
 * The open database: its engine, the tables in that engine's dialect (`t`), and `db`, the handle the
 * repositories query through, which is the transaction's inside a unit of work (AsyncLocalStorage),
 * so that code called from a unit of work joins it without being passed anything.
 */
export class Database {
  readonly t: Tables;
  private readonly units = new AsyncLocalStorage<Db>();
  /** SQLite has one connection: its units of work run one after the other. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Units of work running now (on PostgreSQL, several can wait for the write lock at once). */
  private running = 0;

  private constructor(
    readonly engine: Engine,
    private readonly root: Db,
    readonly sqlite: BetterSqlite3.Database | undefined,
    readonly pool: pg.Pool | undefined,
    /** What to show of where the data is (never a password). */
    readonly location: string,
  ) {
    this.t = engine === 'sqlite' ? (sqliteTables as unknown as Tables) : pgTables;
  }

  /**
   * Opens the embedded SQLite file with the settings the product relies on: WAL (readers never block
   * the writer), foreign keys enforced, synchronous=FULL so that a committed write survives a killed
   * process or a power cut, a busy timeout so that a second process (CLI, backup) waits instead of
   * failing with SQLITE_BUSY, and a page cache sized for big histories.
   */
  static openSqlite(path: string): Database {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new BetterSqlite3(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MiB of page cache instead of SQLite's 2 MiB: a status snapshot over 10 million
    // measurements touches tens of MB of index pages; kept in memory, its queries cost ~20% less.
    sqlite.pragma('cache_size = -65536');
    const db = drizzleSqlite(sqlite, { schema: sqliteTables }) as unknown as Db;
    return new Database('sqlite', db, sqlite, undefined, path);
  }

  static openPostgres(url: string, poolSize = 10): Database {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle connection the server dropped must not take the process down.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema: pgTables }) as unknown as Db;
    const u = new URL(url);
    return new Database('postgres', db, undefined, pool, `postgres://${u.host}${u.pathname}`);
  }

  static open(where: DatabaseLocation): Database {
    return where.url ? Database.openPostgres(where.url, where.poolSize) : Database.openSqlite(where.path);
  }

  /** The handle to query through: the unit of work's transaction if one is running here. */
  get db(): Db {
    return this.units.getStore() ?? this.root;
  }

  get inTransaction(): boolean {
    return this.units.getStore() !== undefined;
  }

  /**
   * Runs `work` in one transaction (joining the running one, if any). On SQLite: BEGIN IMMEDIATE takes
   * the write lock up front, and units run one after the other on the one connection; a unit's work
   * awaits the database only (never the network, a file or a hash), so no other request's query runs
   * inside it. On PostgreSQL: a transaction holding the write advisory lock, so writers across every
   * instance queue as SQLite's do and a check-then-write inside a unit stays true until it commits.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    if (this.engine === 'postgres') {
      return this.root.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
        return this.inUnit(tx as unknown as Db, work);
      });
    }
    const sqlite = this.sqlite!;
    const run = this.queue.then(async () => {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.inUnit(this.root, work);
        sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs a unit's work with `tx` as the handle of its async context. Between units the
   * AsyncLocalStorage is disabled (the next unit enables it again): on Node 20 an enabled one hooks
   * every promise the whole process creates, which cost about a tenth of a GET /api/v1/roadmap, and
   * between units there is nothing for it to carry.
   */
  private async inUnit<T>(tx: Db, work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await this.units.run(tx, work);
    } finally {
      if (--this.running === 0) this.units.disable();
    }
  }

  /**
   * Runs `work` while holding a PostgreSQL session advisory lock (one instance at a time); on SQLite
   * (one process) it just runs it.
   */
  async exclusively<T>(lock: number, work: () => Promise<T>): Promise<T> {
    return (await this.holding(lock, 'wait', work))!.result; // waiting, it always gets the lock
  }

  /**
   * Like `exclusively`, but gives up at once (returns undefined) when another instance holds the lock:
   * a scheduled job that another instance is running is not run here too.
   */
  async ifFree<T>(lock: number, work: () => Promise<T>): Promise<T | undefined> {
    return (await this.holding(lock, 'try', work))?.result;
  }

  /** Takes the lock on a connection of its own (waiting, or trying once), runs `work`, releases it. */
  private async holding<T>(lock: number, mode: 'wait' | 'try', work: () => Promise<T>): Promise<{ result: T } | undefined> {
    if (this.engine === 'sqlite') return { result: await work() };
    const client = await this.pool!.connect();
    try {
      if (mode === 'wait') await client.query('SELECT pg_advisory_lock($1)', [lock]);
      else if (!(await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [lock])).rows[0].locked) return undefined;
      try {
        return { result: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [lock]);
      }
    } finally {
      client.release();
    }
  }

  /** Applies the drizzle-kit migrations of this engine (db/migrations/<engine>) that the database has not seen yet. */
  async migrate(migrationsRoot: string): Promise<void> {
    const folder = join(migrationsRoot, this.engine);
    if (this.engine === 'postgres') {
      await migratePg(this.root as never, { migrationsFolder: folder });
      return;
    }
    migrateSqliteFile(this.sqlite!, this.root, folder);
  }

  async close(): Promise<void> {
    if (this.sqlite?.open) this.sqlite.close();
    if (this.pool && !this.pool.ended) await this.pool.end();
  }
}

/**
 * A migration that changes a constraint rebuilds its table (create new, copy, drop old, rename), as
 * SQLite requires; drizzle runs the migrations in one transaction, where `PRAGMA foreign_keys` cannot
 * change, so foreign keys are turned off around it (SQLite's documented procedure) and checked after:
 * any dangling reference undoes nothing silently, it stops the start-up.
 */
function migrateSqliteFile(sqlite: BetterSqlite3.Database, db: Db, migrationsFolder: string): void {
  const enforced = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrateSqlite(db as never, { migrationsFolder });
    const dangling = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (dangling.length) {
      const first = dangling[0];
      throw new Error(`Migration left ${dangling.length} dangling reference(s), e.g. ${first.table} row ${first.rowid} → ${first.parent}`);
    }
  } finally {
    if (enforced) sqlite.pragma('foreign_keys = ON');
  }
}

/** The number of rows an update or delete changed, on either engine. */
export function changedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; changes?: number };
  return Number(r.rowCount ?? r.changes ?? 0);
}
