import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE } from '../tokens';

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
}

const COLUMNS = `m.id, m.indicator_id AS indicatorId, m.value, m.observed_at AS observedAt, m.source, m.comment,
  m.recorded_by AS recordedBy, u.email AS recordedByEmail, u.name AS recordedByName, m.recorded_at AS recordedAt,
  m.supersedes_id AS supersedesId, m.correction_reason AS correctionReason, m.superseded_at AS supersededAt,
  (SELECT c.id FROM measurements c WHERE c.supersedes_id = m.id) AS supersededById, m.import_id AS importId`;

/**
 * Measurements, append-only. "Current as of a cut-off" means recorded by then and not yet superseded
 * by then; every as-of query walks the (indicator_id, observed_at, recorded_at) index from one end,
 * so its cost does not grow with the number of past values.
 */
@Injectable()
export class MeasurementsRepository {
  private readonly stmts;
  /** lastOnOrBefore's statement per number of dates (one statement for all of them: one call into SQLite). */
  private readonly lastOnOrBeforeStmts = new Map<number, Database.Statement>();

  constructor(@Inject(SQLITE) private readonly sqlite: Database.Database) {
    const current = `m.indicator_id = ? AND m.observed_at <= ? AND m.recorded_at <= ? AND (m.superseded_at IS NULL OR m.superseded_at > ?)`;
    this.stmts = {
      insert: sqlite.prepare(
        `INSERT INTO measurements (indicator_id, value, observed_at, source, comment, recorded_by, recorded_at, supersedes_id, correction_reason, import_id)
         VALUES (@indicatorId, @value, @observedAt, @source, @comment, @recordedBy, @recordedAt, @supersedesId, @correctionReason, @importId)`,
      ),
      byId: sqlite.prepare(`SELECT ${COLUMNS} FROM measurements m JOIN users u ON u.id = m.recorded_by WHERE m.id = ?`),
      insertPlain: sqlite.prepare(
        `INSERT INTO measurements (indicator_id, value, observed_at, source, comment, recorded_by, recorded_at, import_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      currentDatesBetween: sqlite
        .prepare(`SELECT observed_at FROM measurements WHERE indicator_id = ? AND observed_at BETWEEN ? AND ? AND superseded_at IS NULL`)
        .pluck(),
      currentOnDate: sqlite.prepare(`SELECT id FROM measurements WHERE indicator_id = ? AND observed_at = ? AND superseded_at IS NULL`),
      markSuperseded: sqlite.prepare(`UPDATE measurements SET superseded_at = ? WHERE id = ? AND superseded_at IS NULL`),
      latest: sqlite.prepare(
        `SELECT m.value, m.observed_at AS observedAt, m.id FROM measurements m WHERE ${current}
         ORDER BY m.observed_at DESC, m.recorded_at DESC LIMIT 1`,
      ),
      first: sqlite.prepare(
        `SELECT m.value, m.observed_at AS observedAt, m.id FROM measurements m WHERE ${current}
         ORDER BY m.observed_at ASC, m.recorded_at ASC LIMIT 1`,
      ),
      series: sqlite.prepare(`SELECT m.value, m.observed_at AS observedAt, m.id FROM measurements m WHERE ${current} ORDER BY m.observed_at ASC`),
      history: sqlite.prepare(
        `SELECT ${COLUMNS} FROM measurements m JOIN users u ON u.id = m.recorded_by WHERE m.indicator_id = ?
         ORDER BY m.observed_at DESC, m.recorded_at DESC`,
      ),
      currentBetween: sqlite.prepare(
        `SELECT ${COLUMNS} FROM measurements m JOIN users u ON u.id = m.recorded_by
         WHERE m.indicator_id = ? AND m.observed_at BETWEEN ? AND ? AND m.superseded_at IS NULL
         ORDER BY m.observed_at DESC, m.recorded_at DESC`,
      ),
      recordedBetween: sqlite.prepare(
        `SELECT ${COLUMNS} FROM measurements m JOIN users u ON u.id = m.recorded_by
         WHERE m.recorded_at > ? AND m.recorded_at <= ? ORDER BY m.recorded_at ASC`,
      ),
      count: sqlite.prepare(`SELECT count(*) FROM measurements`).pluck(),
      allCurrent: sqlite.prepare(
        `SELECT ${COLUMNS} FROM measurements m JOIN users u ON u.id = m.recorded_by
         WHERE m.observed_at <= @asOf AND m.recorded_at <= @cutoff AND (m.superseded_at IS NULL OR m.superseded_at > @cutoff)
         ORDER BY m.indicator_id, m.observed_at`,
      ),
      allVersions: sqlite.prepare(
        `SELECT ${COLUMNS} FROM measurements m JOIN users u ON u.id = m.recorded_by ORDER BY m.indicator_id, m.observed_at, m.recorded_at`,
      ),
    };
  }

  insert(m: NewMeasurement): number {
    return Number(this.stmts.insert.run({ supersedesId: null, correctionReason: null, importId: null, ...m }).lastInsertRowid);
  }

  /** Many new values at once (an import): same author, time and import; call inside a transaction. */
  insertMany(
    rows: { indicatorId: number; value: number; observedAt: string; source: string; comment: string | null }[],
    common: { recordedBy: number; recordedAt: string; importId: number | null },
  ): void {
    const stmt = this.stmts.insertPlain;
    for (const r of rows) stmt.run(r.indicatorId, r.value, r.observedAt, r.source, r.comment, common.recordedBy, common.recordedAt, common.importId);
  }

  /**
   * Appends a correction: stamps the old version superseded and inserts the new one pointing at it.
   * Returns the new id, or null when the old version was already superseded (then nothing is written).
   * Call inside a transaction.
   */
  supersede(oldId: number, correction: NewMeasurement & { correctionReason: string }): number | null {
    if (!this.markSuperseded(oldId, correction.recordedAt)) return null;
    return this.insert({ ...correction, supersedesId: oldId });
  }

  /** Dates on which an indicator has a current value, within a range: one query for a whole import. */
  currentDatesBetween(indicatorId: number, from: string, to: string): Set<string> {
    return new Set(this.stmts.currentDatesBetween.all(indicatorId, from, to) as string[]);
  }

  findById(id: number): MeasurementRecord | undefined {
    return this.stmts.byId.get(id) as MeasurementRecord | undefined;
  }

  /** The current (not superseded) measurement of an indicator for a date, if any. */
  currentIdOnDate(indicatorId: number, observedAt: string): number | undefined {
    return (this.stmts.currentOnDate.get(indicatorId, observedAt) as { id: number } | undefined)?.id;
  }

  markSuperseded(id: number, at: string): boolean {
    return this.stmts.markSuperseded.run(at, id).changes > 0;
  }

  latestAsOf(indicatorId: number, asOf: string, cutoff: string): MeasuredValue | undefined {
    return this.stmts.latest.get(indicatorId, asOf, cutoff, cutoff) as MeasuredValue | undefined;
  }

  firstAsOf(indicatorId: number, asOf: string, cutoff: string): MeasuredValue | undefined {
    return this.stmts.first.get(indicatorId, asOf, cutoff, cutoff) as MeasuredValue | undefined;
  }

  /**
   * For each date, the current value observed last on or before it (nothing for a date with none
   * before it; one row may answer several dates; in no set order). Each is one walk down the (indicator_id, observed_at, recorded_at) index
   * from the date, like latestAsOf: the cost does not grow with the number of past values.
   */
  lastOnOrBefore(indicatorId: number, dates: string[], cutoff: string): MeasuredValue[] {
    if (dates.length === 0) return [];
    let stmt = this.lastOnOrBeforeStmts.get(dates.length);
    if (!stmt) {
      const one = `SELECT * FROM (SELECT m.value, m.observed_at AS observedAt, m.id FROM measurements m
        WHERE m.indicator_id = ? AND m.observed_at <= ? AND m.recorded_at <= ? AND (m.superseded_at IS NULL OR m.superseded_at > ?)
        ORDER BY m.observed_at DESC, m.recorded_at DESC LIMIT 1)`;
      this.lastOnOrBeforeStmts.set(dates.length, (stmt = this.sqlite.prepare(dates.map(() => one).join(' UNION ALL '))));
    }
    return stmt.all(...dates.flatMap((d) => [indicatorId, d, cutoff, cutoff])) as MeasuredValue[];
  }

  /** The values a chart draws: every current measurement up to asOf, oldest first. */
  seriesAsOf(indicatorId: number, asOf: string, cutoff: string): MeasuredValue[] {
    return this.stmts.series.all(indicatorId, asOf, cutoff, cutoff) as MeasuredValue[];
  }

  /** Every version ever recorded, corrections and superseded values included. */
  history(indicatorId: number): MeasurementRecord[] {
    return this.stmts.history.all(indicatorId) as MeasurementRecord[];
  }

  /** An indicator's current values observed within a range (a review period), latest first: one walk of the index. */
  currentBetween(indicatorId: number, from: string, to: string): MeasurementRecord[] {
    return this.stmts.currentBetween.all(indicatorId, from, to) as MeasurementRecord[];
  }

  recordedBetween(fromExclusive: string, toInclusive: string): MeasurementRecord[] {
    return this.stmts.recordedBetween.all(fromExclusive, toInclusive) as MeasurementRecord[];
  }

  /** Every current value as of a date, for exports. */
  allCurrentAsOf(asOf: string, cutoff: string): MeasurementRecord[] {
    return this.stmts.allCurrent.all({ asOf, cutoff }) as MeasurementRecord[];
  }

  /** Every version ever recorded, for a full export. */
  allVersions(): MeasurementRecord[] {
    return this.stmts.allVersions.all() as MeasurementRecord[];
  }

  count(): number {
    return this.stmts.count.get() as number;
  }
}

export interface MeasuredValue {
  id: number;
  value: number;
  observedAt: string;
}
