import { Injectable } from '@nestjs/common';
import { and, asc, between, count, desc, eq, gt, isNull, lte, or, sql, SQL, SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { changedRows, Database } from '../database';
import { ONE_ROW, preparedQuery } from '../prepared';

export interface MeasurementRecord {
  id: number;
  indicatorId: number;
  value: number;
  observedAt: string;
  source: string;
  comment: string | null;
  recordedBy: number;
  recordedByEmail: string;
  recordedByName: string;
  recordedAt: string;
  supersedesId: number | null;
  correctionReason: string | null;
  supersededAt: string | null;
  supersededById: number | null;
  importId: number | null;
  /** The territory the value is for; both null for a national value. */
  territoryLevel: TerritoryLevel | null;
  territoryCode: string | null;
  /** A weighted rate's denominator (its weight in the national value); null elsewhere. */
  denominator: number | null;
}

export type TerritoryLevel = 'region' | 'departement';
/** A territory as the measurements name it: its level and official code. */
export interface MeasuredTerritory {
  level: TerritoryLevel;
  code: string;
}

export interface NewMeasurement {
  indicatorId: number;
  value: number;
  observedAt: string;
  source: string;
  comment: string | null;
  recordedBy: number;
  recordedAt: string;
  supersedesId?: number | null;
  correctionReason?: string | null;
  importId?: number | null;
  territoryLevel?: TerritoryLevel | null;
  territoryCode?: string | null;
  denominator?: number | null;
}

/**
 * Rows per INSERT of an import, through one prepared statement (insertMany). Drizzle builds that
 * statement on the first import a process runs: about 300 ms for 2 000 rows, most of what writing
 * 50 000 rows costs, against 60 ms for 200; and 50 000 rows took no longer to write 200 at a time
 * than 2 000 at a time. 2 200 parameters per statement: far below SQLite's 32 766 and
 * PostgreSQL's 65 535.
 */
const INSERT_CHUNK = 200;
/** The placeholders of one imported row (importRowPlaceholders). */
const IMPORT_ROW_PARAMETERS = 11;

/**
 * Measurements, append-only. Every query the national status engine reads through (latestAsOf,
 * firstAsOf, seriesAsOf, lastOnOrBefore, currentBetween, recordedBetween) reads NATIONAL values only
 * (territory_level IS NULL, the partial index measurements_national_observed_idx): a territory's value
 * never moves the national status. Territorial values are read by the territorial queries.
 * "Current as of a cut-off" means recorded by then and not yet superseded
 * by then; every as-of query walks the (indicator_id, observed_at, recorded_at) index from one end,
 * so its cost does not grow with the number of past values. As of a cut-off, an indicator has at
 * most one current value per date (a correction is recorded at the instant it supersedes), so
 * ordering current values by observed_at alone is a total order.
 */
@Injectable()
export class MeasurementsRepository {
  /** The status engine's lookups, the import's checks and its full chunks: prepared on first use (see preparedQuery). */
  private readonly prepared;
  /** lastOnOrBefore's query per number of dates (all the dates in one statement). */
  private readonly lastOnOrBeforeQueries = new Map<number, (values: Record<string, unknown>) => Promise<MeasuredValue[]>>();
  /** latestPerTerritory's query per number of territories (one lookup per territory in one statement). */
  private readonly perTerritoryQueries = new Map<
    number,
    (values: Record<string, unknown>) => Promise<(MeasuredValue & { code: string | null; denominator: number | null })[]>
  >();

  constructor(private readonly database: Database) {
    const indicatorId = sql.placeholder('indicatorId');
    const asOf = sql.placeholder('asOf');
    const cutoff = sql.placeholder('cutoff');
    const from = sql.placeholder('from');
    const to = sql.placeholder('to');
    const observedAt = sql.placeholder('observedAt');
    this.prepared = {
      latestAsOf: preparedQuery(database, 'measurements_latest_as_of', (db, t) =>
        db
          .select(this.valueColumns())
          .from(t.measurements)
          .where(this.currentUpTo(indicatorId, asOf, cutoff))
          .orderBy(desc(t.measurements.observedAt), desc(t.measurements.recordedAt))
          .limit(ONE_ROW),
      ),
      firstAsOf: preparedQuery(database, 'measurements_first_as_of', (db, t) =>
        db
          .select(this.valueColumns())
          .from(t.measurements)
          .where(this.currentUpTo(indicatorId, asOf, cutoff))
          .orderBy(asc(t.measurements.observedAt), asc(t.measurements.recordedAt))
          .limit(ONE_ROW),
      ),
      seriesAsOf: preparedQuery(database, 'measurements_series_as_of', (db, t) =>
        db
          .select(this.valueColumns())
          .from(t.measurements)
          .where(this.currentUpTo(indicatorId, asOf, cutoff))
          .orderBy(asc(t.measurements.observedAt)),
      ),
      currentDatesBetween: preparedQuery(database, 'measurements_current_dates_between', (db, t) => {
        const m = t.measurements;
        return db
          .select({ observedAt: m.observedAt })
          .from(m)
          .where(and(eq(m.indicatorId, indicatorId), between(m.observedAt, from, to), isNull(m.supersededAt), isNull(m.territoryLevel)));
      }),
      territoryDatesBetween: preparedQuery(database, 'measurements_territory_dates_between', (db, t) => {
        const m = t.measurements;
        return db
          .select({ observedAt: m.observedAt, code: m.territoryCode })
          .from(m)
          .where(and(eq(m.indicatorId, indicatorId), eq(m.territoryLevel, sql.placeholder('level')), between(m.observedAt, from, to), isNull(m.supersededAt)));
      }),
      currentIdOnDate: preparedQuery(database, 'measurements_current_id_on_date', (db, t) => {
        const m = t.measurements;
        return db
          .select({ id: m.id })
          .from(m)
          .where(and(eq(m.indicatorId, indicatorId), eq(m.observedAt, observedAt), isNull(m.supersededAt), isNull(m.territoryLevel)))
          .limit(ONE_ROW);
      }),
      territoryIdOnDate: preparedQuery(database, 'measurements_territory_id_on_date', (db, t) => {
        const m = t.measurements;
        return db
          .select({ id: m.id })
          .from(m)
          .where(
            and(
              eq(m.indicatorId, indicatorId),
              eq(m.territoryLevel, sql.placeholder('level')),
              eq(m.territoryCode, sql.placeholder('code')),
              eq(m.observedAt, observedAt),
              isNull(m.supersededAt),
            ),
          )
          .limit(ONE_ROW);
      }),
      insertChunk: preparedQuery(database, `measurements_insert_${INSERT_CHUNK}`, (db, t) =>
        db.insert(t.measurements).values(Array.from({ length: INSERT_CHUNK }, (_, row) => importRowPlaceholders(row))),
      ),
    };
  }

  async insert(m: NewMeasurement): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db
      .insert(t.measurements)
      .values({ supersedesId: null, correctionReason: null, importId: null, territoryLevel: null, territoryCode: null, denominator: null, ...m })
      .returning({ id: t.measurements.id });
    return row.id;
  }

  /**
   * Many new values at once (an import): same author, time and import; call inside a transaction.
   * Full chunks go through one prepared statement, its placeholders filled by position (what
   * importRowPlaceholders names): building a multi-row INSERT for every chunk cost drizzle five
   * times what SQLite's writing the rows did.
   */
  async insertMany(rows: NewImportedValue[], common: { recordedBy: number; recordedAt: string; importId: number | null }): Promise<void> {
    const { db, t } = this.database;
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      if (chunk.length === INSERT_CHUNK) {
        const values: Record<string, unknown> = {};
        let k = 0;
        for (const r of chunk) {
          values[k++] = r.indicatorId;
          values[k++] = r.value;
          values[k++] = r.observedAt;
          values[k++] = r.source;
          values[k++] = r.comment;
          values[k++] = common.recordedBy;
          values[k++] = common.recordedAt;
          values[k++] = common.importId;
          values[k++] = r.territoryLevel;
          values[k++] = r.territoryCode;
          values[k++] = r.denominator;
        }
        await this.prepared.insertChunk(values);
      } else {
        await db.insert(t.measurements).values(
          chunk.map((r) => ({
            indicatorId: r.indicatorId,
            value: r.value,
            observedAt: r.observedAt,
            source: r.source,
            comment: r.comment,
            territoryLevel: r.territoryLevel,
            territoryCode: r.territoryCode,
            denominator: r.denominator,
            ...common,
          })),
        );
      }
    }
  }

  /**
   * Appends a correction: stamps the old version superseded and inserts the new one pointing at it.
   * Returns the new id, or null when the old version was already superseded (then nothing is written).
   * Call inside a transaction.
   */
  async supersede(oldId: number, correction: NewMeasurement & { correctionReason: string }): Promise<number | null> {
    if (!(await this.markSuperseded(oldId, correction.recordedAt))) return null;
    return this.insert({ ...correction, supersedesId: oldId });
  }

  /** Dates on which an indicator has a current national value, within a range: one query for a whole import. */
  async currentDatesBetween(indicatorId: number, from: string, to: string): Promise<Set<string>> {
    const rows = await this.prepared.currentDatesBetween({ indicatorId, from, to });
    return new Set(rows.map((r) => r.observedAt));
  }

  /** The same for the territories of a level: `code|date` of each current value (one query per indicator and level). */
  async territoryDatesBetween(indicatorId: number, level: TerritoryLevel, from: string, to: string): Promise<Set<string>> {
    const rows = await this.prepared.territoryDatesBetween({ indicatorId, level, from, to });
    return new Set(rows.map((r) => `${r.code}|${r.observedAt}`));
  }

  async findById(id: number): Promise<MeasurementRecord | undefined> {
    const [row] = await this.records(eq(this.database.t.measurements.id, id)).limit(1);
    return row;
  }

  /** The current (not superseded) measurement of an indicator for a date, if any: national, or of a territory. */
  async currentIdOnDate(indicatorId: number, observedAt: string, territory: MeasuredTerritory | null = null): Promise<number | undefined> {
    const [row] = territory
      ? await this.prepared.territoryIdOnDate({ indicatorId, observedAt, level: territory.level, code: territory.code })
      : await this.prepared.currentIdOnDate({ indicatorId, observedAt });
    return row?.id;
  }

  /**
   * Each territory's latest current value observed on or before asOf (none for a territory without
   * one). One walk down measurements_territory_observed_idx per territory, all in one statement
   * (UNION ALL, prepared once per number of territories), as lastOnOrBefore does for dates: the cost
   * does not grow with the number of past values.
   */
  async latestPerTerritory(
    indicatorId: number,
    level: TerritoryLevel,
    codes: readonly string[],
    asOf: string,
    cutoff: string,
  ): Promise<TerritorialMeasuredValue[]> {
    if (codes.length === 0) return [];
    let query = this.perTerritoryQueries.get(codes.length);
    if (!query) {
      const n = codes.length;
      query = preparedQuery(this.database, `measurements_latest_per_territory_${n}`, (db, t) => {
        const m = t.measurements;
        const lookups = Array.from({ length: n }, (_, k) => {
          const last = db
            .select({ id: m.id, value: m.value, observedAt: m.observedAt, code: m.territoryCode, denominator: m.denominator })
            .from(m)
            .where(
              and(
                eq(m.indicatorId, sql.placeholder('indicatorId')),
                eq(m.territoryLevel, sql.placeholder('level')),
                eq(m.territoryCode, sql.placeholder(`code${k}`)),
                lte(m.observedAt, sql.placeholder('asOf')),
                this.currentAt(sql.placeholder('cutoff')),
              ),
            )
            .orderBy(desc(m.observedAt), desc(m.recordedAt))
            .limit(ONE_ROW)
            .as(`t${k}`);
          return db.select({ id: last.id, value: last.value, observedAt: last.observedAt, code: last.code, denominator: last.denominator }).from(last);
        });
        let union = lookups[0].$dynamic();
        for (const other of lookups.slice(1)) union = union.unionAll(other);
        return union;
      });
      this.perTerritoryQueries.set(n, query);
    }
    const values: Record<string, unknown> = { indicatorId, level, asOf, cutoff };
    codes.forEach((code, k) => (values[`code${k}`] = code));
    return (await query(values)).map((r) => ({ ...r, code: r.code! }));
  }

  async markSuperseded(id: number, at: string): Promise<boolean> {
    const { db, t } = this.database;
    const m = t.measurements;
    const result = await db
      .update(m)
      .set({ supersededAt: at })
      .where(and(eq(m.id, id), isNull(m.supersededAt)));
    return changedRows(result) > 0;
  }

  async latestAsOf(indicatorId: number, asOf: string, cutoff: string): Promise<MeasuredValue | undefined> {
    const [row] = await this.prepared.latestAsOf({ indicatorId, asOf, cutoff });
    return row;
  }

  async firstAsOf(indicatorId: number, asOf: string, cutoff: string): Promise<MeasuredValue | undefined> {
    const [row] = await this.prepared.firstAsOf({ indicatorId, asOf, cutoff });
    return row;
  }

  /**
   * For each date, the current value observed last on or before it (nothing for a date with none
   * before it; one row may answer several dates; in no set order). Each is one walk down the
   * (indicator_id, observed_at, recorded_at) index from the date, like latestAsOf: the cost does not
   * grow with the number of past values. All the dates in one statement (UNION ALL), prepared once
   * per number of dates; each lookup is wrapped as a subquery because SQLite allows no ORDER BY or
   * LIMIT on a UNION's own members.
   */
  async lastOnOrBefore(indicatorId: number, dates: string[], cutoff: string): Promise<MeasuredValue[]> {
    if (dates.length === 0) return [];
    let query = this.lastOnOrBeforeQueries.get(dates.length);
    if (!query) {
      const count = dates.length;
      query = preparedQuery(this.database, `measurements_last_on_or_before_${count}`, (db, t) => {
        const m = t.measurements;
        const lookups = Array.from({ length: count }, (_, k) => {
          const last = db
            .select(this.valueColumns())
            .from(m)
            .where(this.currentUpTo(sql.placeholder('indicatorId'), sql.placeholder(`date${k}`), sql.placeholder('cutoff')))
            .orderBy(desc(m.observedAt), desc(m.recordedAt))
            .limit(ONE_ROW)
            .as(`d${k}`);
          return db.select({ id: last.id, value: last.value, observedAt: last.observedAt }).from(last);
        });
        let union = lookups[0].$dynamic();
        for (const other of lookups.slice(1)) union = union.unionAll(other);
        return union;
      });
      this.lastOnOrBeforeQueries.set(count, query);
    }
    const values: Record<string, unknown> = { indicatorId, cutoff };
    dates.forEach((date, k) => (values[`date${k}`] = date));
    return query(values);
  }

  /** A territory's first current value up to asOf: the start of its own trajectory toward its own target. */
  async firstForTerritory(indicatorId: number, territory: MeasuredTerritory, asOf: string, cutoff: string): Promise<MeasuredValue | undefined> {
    const { db, t } = this.database;
    const m = t.measurements;
    const [row] = await db
      .select(this.valueColumns())
      .from(m)
      .where(
        and(
          eq(m.indicatorId, indicatorId),
          eq(m.territoryLevel, territory.level),
          eq(m.territoryCode, territory.code),
          lte(m.observedAt, asOf),
          this.currentAt(cutoff),
        ),
      )
      .orderBy(asc(m.observedAt), asc(m.recordedAt))
      .limit(ONE_ROW);
    return row;
  }

  /** The values a chart draws: every current measurement up to asOf, oldest first. */
  async seriesAsOf(indicatorId: number, asOf: string, cutoff: string): Promise<MeasuredValue[]> {
    return this.prepared.seriesAsOf({ indicatorId, asOf, cutoff });
  }

  /**
   * Every version ever recorded, corrections and superseded values included: the national values (the
   * objective page's history), or with `territories` the territories' values too (the API's history).
   */
  async history(indicatorId: number, options: { territories: boolean } = { territories: false }): Promise<MeasurementRecord[]> {
    const m = this.database.t.measurements;
    const where = options.territories ? eq(m.indicatorId, indicatorId) : and(eq(m.indicatorId, indicatorId), isNull(m.territoryLevel));
    return this.records(where).orderBy(desc(m.observedAt), desc(m.recordedAt), desc(m.id));
  }

  /** An indicator's current national values observed within a range (a review period), latest first: one walk of the index. */
  async currentBetween(indicatorId: number, from: string, to: string): Promise<MeasurementRecord[]> {
    const m = this.database.t.measurements;
    return this.records(and(eq(m.indicatorId, indicatorId), between(m.observedAt, from, to), isNull(m.supersededAt), isNull(m.territoryLevel))).orderBy(
      desc(m.observedAt),
      desc(m.recordedAt),
    );
  }

  async recordedBetween(fromExclusive: string, toInclusive: string): Promise<MeasurementRecord[]> {
    const m = this.database.t.measurements;
    return this.records(and(gt(m.recordedAt, fromExclusive), lte(m.recordedAt, toInclusive), isNull(m.territoryLevel))).orderBy(asc(m.recordedAt), asc(m.id));
  }

  /** Every current value as of a date, national and territorial, for exports. */
  async allCurrentAsOf(asOf: string, cutoff: string): Promise<MeasurementRecord[]> {
    const m = this.database.t.measurements;
    return this.records(and(lte(m.observedAt, asOf), this.currentAt(cutoff))).orderBy(asc(m.indicatorId), asc(m.observedAt));
  }

  /** Every version ever recorded, for a full export. */
  async allVersions(): Promise<MeasurementRecord[]> {
    const m = this.database.t.measurements;
    return this.records().orderBy(asc(m.indicatorId), asc(m.observedAt), asc(m.recordedAt), asc(m.id));
  }

  async count(): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.select({ n: count() }).from(t.measurements);
    return row.n;
  }

  /** What the status engine reads of a value: nothing more, it is the hot path. */
  private valueColumns() {
    const m = this.database.t.measurements;
    return { id: m.id, value: m.value, observedAt: m.observedAt };
  }

  /** Recorded by the cut-off and not superseded by then (the cut-off a value or a placeholder). */
  private currentAt(cutoff: string | SQLWrapper): SQL {
    const m = this.database.t.measurements;
    return and(lte(m.recordedAt, cutoff), or(isNull(m.supersededAt), gt(m.supersededAt, cutoff)))!;
  }

  /** An indicator's NATIONAL values current at the cut-off and observed on or before asOf. */
  private currentUpTo(indicatorId: number | SQLWrapper, asOf: string | SQLWrapper, cutoff: string | SQLWrapper): SQL {
    const m = this.database.t.measurements;
    return and(eq(m.indicatorId, indicatorId), isNull(m.territoryLevel), lte(m.observedAt, asOf), this.currentAt(cutoff))!;
  }

  /**
   * Measurements in full: with their author, and the correction that superseded each (a left join
   * on the unique supersedes_id: at most one).
   */
  private records(where?: SQL) {
    const { db, t } = this.database;
    const m = t.measurements;
    const correction = alias(t.measurements, 'correction');
    return db
      .select({
        id: m.id,
        indicatorId: m.indicatorId,
        value: m.value,
        observedAt: m.observedAt,
        source: m.source,
        comment: m.comment,
        recordedBy: m.recordedBy,
        recordedByEmail: t.users.email,
        recordedByName: t.users.name,
        recordedAt: m.recordedAt,
        supersedesId: m.supersedesId,
        correctionReason: m.correctionReason,
        supersededAt: m.supersededAt,
        supersededById: correction.id,
        importId: m.importId,
        territoryLevel: m.territoryLevel,
        territoryCode: m.territoryCode,
        denominator: m.denominator,
      })
      .from(m)
      .innerJoin(t.users, eq(t.users.id, m.recordedBy))
      .leftJoin(correction, eq(correction.supersedesId, m.id))
      .where(where)
      .$dynamic();
  }
}

/** A value an import writes; who, when and which import are common to all. */
export interface NewImportedValue {
  indicatorId: number;
  value: number;
  observedAt: string;
  source: string;
  comment: string | null;
  territoryLevel: TerritoryLevel | null;
  territoryCode: string | null;
  denominator: number | null;
}

/** A territory's latest value (latestPerTerritory). */
export interface TerritorialMeasuredValue extends MeasuredValue {
  code: string;
  denominator: number | null;
}

/**
 * One row of the prepared import INSERT: its eleven placeholders, named by position (insertMany fills
 * them in this order). Each is wrapped in a `sql` fragment: given as a bare value, drizzle wraps it
 * with the column's encoder, and filling those cost drizzle seven times as much (150 ms of a
 * 50 000-row import instead of 25 ms). No encoder is lost: these columns take numbers, text and
 * null as they are, on both engines.
 */
function importRowPlaceholders(row: number) {
  const p = (k: number) => sql`${sql.placeholder(String(row * IMPORT_ROW_PARAMETERS + k))}`;
  return {
    indicatorId: p(0),
    value: p(1),
    observedAt: p(2),
    source: p(3),
    comment: p(4),
    recordedBy: p(5),
    recordedAt: p(6),
    importId: p(7),
    territoryLevel: p(8),
    territoryCode: p(9),
    denominator: p(10),
  };
}

export interface MeasuredValue {
  id: number;
  value: number;
  observedAt: string;
}
