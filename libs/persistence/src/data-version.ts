import { Injectable } from '@nestjs/common';
import { inArray, sql } from 'drizzle-orm';
import { Database } from './database';

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
  constructor(private readonly database: Database) {}

  async current(): Promise<Stamps> {
    const { db, t } = this.database;
    const rows = await db
      .select({ scope: t.dataStamps.scope, version: t.dataStamps.version })
      .from(t.dataStamps)
      .where(inArray(t.dataStamps.scope, [EVERY_WRITE, EVERYTHING]));
    const of = new Map(rows.map((r) => [r.scope, r.version]));
    return { writes: of.get(EVERY_WRITE) ?? 0, base: of.get(EVERYTHING) ?? 0 };
  }

  /** The stamp of each objective whose data was ever written (others are 0). */
  async objectives(codes?: string[]): Promise<Map<string, number>> {
    const { db, t } = this.database;
    const query = db.select({ scope: t.dataStamps.scope, version: t.dataStamps.version }).from(t.dataStamps);
    const rows = codes ? await query.where(inArray(t.dataStamps.scope, codes)) : await query;
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
