import { sql } from 'drizzle-orm';
import type { Tables } from '@db/schema';
import type { Database, Db } from './database';

/** What `.prepare(name)` gives on either engine's query builder: the query, run with its placeholders' values. */
interface PreparedQuery<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

/**
 * A query that a hot path runs again and again (the status engine's lookups, every request's token),
 * written once with `sql.placeholder(…)` for what changes from one call to the next, and built and
 * prepared on its first run: drizzle then skips building the SQL, SQLite keeps the compiled statement,
 * PostgreSQL parses it once per connection (under `name`, unique per query text).
 *
 * A prepared query belongs to the root connection (PostgreSQL: the pool), outside any transaction.
 * So on PostgreSQL, inside a unit of work, the query is prepared again on the unit's transaction, to
 * see what the unit wrote, once per unit: an import runs its 200-row INSERT hundreds of times in one
 * unit, and building it each time was most of its cost. On SQLite, units run on the one
 * connection, and the prepared statement runs inside them.
 */
export function preparedQuery<R>(
  database: Database,
  name: string,
  build: (db: Db, t: Tables) => { prepare(name: string): PreparedQuery<R> },
): (values?: Record<string, unknown>) => Promise<R> {
  let prepared: PreparedQuery<R> | undefined;
  const inUnit = new WeakMap<Db, PreparedQuery<R>>();
  return (values) => {
    if (database.engine === 'postgres' && database.inTransaction) {
      const tx = database.db;
      let query = inUnit.get(tx);
      if (query === undefined) inUnit.set(tx, (query = build(tx, database.t).prepare(name)));
      return query.execute(values);
    }
    prepared ??= build(database.db, database.t).prepare(name);
    return prepared.execute(values);
  };
}

/**
 * For `.limit(ONE_ROW)`: `LIMIT 1` written in the statement. Drizzle sends a number as a bound
 * parameter (`LIMIT ?`), and SQLite runs the as-of lookups (one walk down an index to the first
 * row) three times slower so: 15 µs instead of 5 µs per lookup, measured on the benchmark's
 * databases. The SQL fragment is rendered in place by both engines' query builders.
 */
export const ONE_ROW = sql`1` as unknown as number;
