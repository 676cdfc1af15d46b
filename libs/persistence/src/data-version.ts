import { Injectable } from '@nestjs/common';
import { eq, inArray, sql } from 'drizzle-orm';
import { Database } from './database';
import { preparedQuery } from './prepared';

/** `#` moves on every write; `*` on a write that did not declare the objectives it changed. */
const EVERY_WRITE = '#';
const EVERYTHING = '*';

export interface Stamps {
  /** Moves at the end of every unit of work, on any instance. */
  writes: number;
  /** Moves when anything may have changed. */
  base: number;
}

/**
 * Stamps that change whenever the data a status is computed from may have changed, kept in the
 * database (table data_stamps) so that every instance, and the CLI, sees every other one's writes:
 * - a unit of work that declares the objectives it changes moves their stamps only;
 * - any other unit moves the stamp of everything.
 * A cache compares the stamps it was computed at with the current ones: one small query.
 */
@Injectable()
export class DataVersion {
  /** What every status read asks (GET /status, an objective's status), prepared on first use (see preparedQuery). */
  private readonly prepared;

  constructor(private readonly database: Database) {
    this.prepared = {
      current: preparedQuery(database, 'data_stamps_current', (db, t) =>
        db
          .select({ scope: t.dataStamps.scope, version: t.dataStamps.version })
          .from(t.dataStamps)
          .where(inArray(t.dataStamps.scope, [EVERY_WRITE, EVERYTHING])),
      ),
      all: preparedQuery(database, 'data_stamps_all', (db, t) => db.select({ scope: t.dataStamps.scope, version: t.dataStamps.version }).from(t.dataStamps)),
      one: preparedQuery(database, 'data_stamps_one', (db, t) =>
        db
          .select({ scope: t.dataStamps.scope, version: t.dataStamps.version })
          .from(t.dataStamps)
          .where(eq(t.dataStamps.scope, sql.placeholder('scope'))),
      ),
    };
  }

  async current(): Promise<Stamps> {
    const rows = await this.prepared.current();
    const of = new Map(rows.map((r) => [r.scope, r.version]));
    return { writes: of.get(EVERY_WRITE) ?? 0, base: of.get(EVERYTHING) ?? 0 };
  }

  /** The stamp of each objective whose data was ever written (others are 0). */
  async objectives(codes?: string[]): Promise<Map<string, number>> {
    const { db, t } = this.database;
    // One objective (every GET of an objective's status): the prepared query.
    const rows = !codes
      ? await this.prepared.all()
      : codes.length === 1
        ? await this.prepared.one({ scope: codes[0] })
        : await db.select({ scope: t.dataStamps.scope, version: t.dataStamps.version }).from(t.dataStamps).where(inArray(t.dataStamps.scope, codes));
    return new Map(rows.filter((r) => r.scope !== EVERY_WRITE && r.scope !== EVERYTHING).map((r) => [r.scope, r.version]));
  }

  /** Inside the unit of work that wrote: moves the stamps it made stale (committed, or rolled back, with it). */
  async moved(objectiveCodes?: Iterable<string>): Promise<void> {
    const { db, t } = this.database;
    const scopes = [EVERY_WRITE, ...(objectiveCodes ? new Set(objectiveCodes) : [EVERYTHING])];
    await db
      .insert(t.dataStamps)
      .values(scopes.map((scope) => ({ scope, version: 1 })))
      .onConflictDoUpdate({ target: t.dataStamps.scope, set: { version: sql`${t.dataStamps.version} + 1` } });
  }
}
