import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE } from '../tokens';

export type MilestoneState = 'not_started' | 'in_progress' | 'done';
export interface MilestoneUpdateRecord {
  id: number;
  milestoneId: number;
  state: MilestoneState;
  completedOn: string | null;
  evidence: string | null;
  comment: string | null;
  recordedBy: number;
  recordedByEmail: string;
  recordedByName: string;
  recordedAt: string;
}

/** Milestone progress, one full row per change; the latest recorded as of a cut-off is the state. */
@Injectable()
export class MilestoneUpdatesRepository {
  private readonly stmts;

  constructor(@Inject(SQLITE) sqlite: Database.Database) {
    const cols = `m.id, m.milestone_id AS milestoneId, m.state, m.completed_on AS completedOn, m.evidence, m.comment,
      m.recorded_by AS recordedBy, u.email AS recordedByEmail, u.name AS recordedByName, m.recorded_at AS recordedAt`;
    this.stmts = {
      insert: sqlite.prepare(
        `INSERT INTO milestone_updates (milestone_id, state, completed_on, evidence, comment, recorded_by, recorded_at)
         VALUES (@milestoneId, @state, @completedOn, @evidence, @comment, @recordedBy, @recordedAt)`,
      ),
      latest: sqlite.prepare(
        `SELECT ${cols} FROM milestone_updates m JOIN users u ON u.id = m.recorded_by
         WHERE m.milestone_id = ? AND m.recorded_at <= ? ORDER BY m.recorded_at DESC, m.id DESC LIMIT 1`,
      ),
      history: sqlite.prepare(
        `SELECT ${cols} FROM milestone_updates m JOIN users u ON u.id = m.recorded_by
         WHERE m.milestone_id = ? ORDER BY m.recorded_at DESC, m.id DESC`,
      ),
      recordedBetween: sqlite.prepare(
        `SELECT ${cols} FROM milestone_updates m JOIN users u ON u.id = m.recorded_by
         WHERE m.recorded_at > ? AND m.recorded_at <= ? ORDER BY m.recorded_at ASC`,
      ),
    };
  }

  insert(u: Omit<MilestoneUpdateRecord, 'id' | 'recordedByEmail' | 'recordedByName'>): number {
    return Number(this.stmts.insert.run(u).lastInsertRowid);
  }

  latestAsOf(milestoneId: number, cutoff: string): MilestoneUpdateRecord | undefined {
    return this.stmts.latest.get(milestoneId, cutoff) as MilestoneUpdateRecord | undefined;
  }

  history(milestoneId: number): MilestoneUpdateRecord[] {
    return this.stmts.history.all(milestoneId) as MilestoneUpdateRecord[];
  }

  recordedBetween(fromExclusive: string, toInclusive: string): MilestoneUpdateRecord[] {
    return this.stmts.recordedBetween.all(fromExclusive, toInclusive) as MilestoneUpdateRecord[];
  }
}
