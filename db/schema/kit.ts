/**
 * The column kit each engine gives `defineSchema`: the same table written once becomes a SQLite or
 * a PostgreSQL table. Types are PostgreSQL's (the query code is written against them); SQLite's
 * builders have the same methods for everything the schema uses, so its kit is cast to the same type.
 * Dates and instants are ISO-8601 text in both engines (text order is time order).
 */
import { SQL, sql } from 'drizzle-orm';
import * as pg from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';

const bytea = pg.customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

function pgId(name: string) {
  // "By default", not "always": copying a database (cli migrate-data) keeps every id.
  return pg.integer(name).primaryKey().generatedByDefaultAsIdentity();
}

export const pgKit = {
  table: pg.pgTable,
  id: pgId,
  integer: pg.integer,
  text: pg.text,
  real: pg.doublePrecision,
  boolean: pg.boolean,
  /** `json`, not `jsonb`: the text is kept as written (a published snapshot's hash stays valid). */
  json: pg.json,
  bytes: (name: string) => bytea(name),
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
  check: pg.check,
  /** A calendar date written YYYY-MM-DD. */
  isoDate: (column: pg.AnyPgColumn): SQL => sql`${column} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`,
};

export type Kit = typeof pgKit;

export const sqliteKit = {
  table: lite.sqliteTable,
  id: (name: string) => lite.integer(name).primaryKey({ autoIncrement: true }),
  integer: lite.integer,
  text: lite.text,
  real: lite.real,
  boolean: (name: string) => lite.integer(name, { mode: 'boolean' }),
  json: (name: string) => lite.text(name, { mode: 'json' }),
  bytes: (name: string) => lite.blob(name, { mode: 'buffer' }),
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  primaryKey: lite.primaryKey,
  check: lite.check,
  isoDate: (column: lite.AnySQLiteColumn): SQL => sql`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`,
} as unknown as Kit;
