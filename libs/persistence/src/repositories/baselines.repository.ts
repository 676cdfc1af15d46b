import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE } from '../tokens';

export interface BaselineRecord {
  id: number;
  indicatorId: number;
  value: number;
  baselineDate: string;
  source: string | null;
  comment: string | null;
  recordedBy: number;
  recordedByEmail: string;
  recordedAt: string;
}

/** Baselines set by hand; the latest recorded as of a cut-off applies (history kept for audit). */
@Injectable()
export class BaselinesRepository {
  private readonly stmts;

  constructor(@Inject(SQLITE) sqlite: Database.Database) {
    const cols = `b.id, b.indicator_id AS indicatorId, b.value, b.baseline_date AS baselineDate, b.source, b.comment,
      b.recorded_by AS recordedBy, u.email AS recordedByEmail, b.recorded_at AS recordedAt`;
    this.stmts = {
      insert: sqlite.prepare(
        `INSERT INTO indicator_baselines (indicator_id, value, baseline_date, source, comment, recorded_by, recorded_at)
         VALUES (@indicatorId, @value, @baselineDate, @source, @comment, @recordedBy, @recordedAt)`,
      ),
      latest: sqlite.prepare(
        `SELECT ${cols} FROM indicator_baselines b JOIN users u ON u.id = b.recorded_by
         WHERE b.indicator_id = ? AND b.recorded_at <= ? ORDER BY b.recorded_at DESC, b.id DESC LIMIT 1`,
      ),
      history: sqlite.prepare(
        `SELECT ${cols} FROM indicator_baselines b JOIN users u ON u.id = b.recorded_by
         WHERE b.indicator_id = ? ORDER BY b.recorded_at DESC, b.id DESC`,
      ),
    };
  }

  insert(b: Omit<BaselineRecord, 'id' | 'recordedByEmail'>): number {
    return Number(this.stmts.insert.run(b).lastInsertRowid);
  }

  latestAsOf(indicatorId: number, cutoff: string): BaselineRecord | undefined {
    return this.stmts.latest.get(indicatorId, cutoff) as BaselineRecord | undefined;
  }

  history(indicatorId: number): BaselineRecord[] {
    return this.stmts.history.all(indicatorId) as BaselineRecord[];
  }
}
