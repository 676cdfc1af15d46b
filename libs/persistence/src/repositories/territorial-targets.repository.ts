import { Injectable } from '@nestjs/common';
import { and, asc, eq, lte } from 'drizzle-orm';
import { Database } from '../database';
import type { TerritoryLevel } from './measurements.repository';

export interface TerritorialTargetRecord {
  id: number;
  indicatorId: number;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  value: number;
  dueDate: string;
  source: string | null;
  recordedBy: number;
  recordedAt: string;
}

/**
 * Targets a territory sets itself (an ARS for its region), beside the roadmap's national ones.
 * Append-only: setting a target again for the same territory and due date records a new one, and the
 * latest recorded by the cut-off applies (the earlier ones stay, for the audit).
 */
@Injectable()
export class TerritorialTargetsRepository {
  constructor(private readonly database: Database) {}

  async insert(target: Omit<TerritorialTargetRecord, 'id'>): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.territorialTargets).values(target).returning({ id: t.territorialTargets.id });
    return row.id;
  }

  async findById(id: number): Promise<TerritorialTargetRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select().from(t.territorialTargets).where(eq(t.territorialTargets.id, id)).limit(1);
    return row;
  }

  /** Each territory's targets of an indicator at a level, as they stood at the cut-off: the latest per territory and due date, by due date. */
  async currentAt(indicatorId: number, level: TerritoryLevel, cutoff: string): Promise<TerritorialTargetRecord[]> {
    const { db, t } = this.database;
    const tt = t.territorialTargets;
    const rows = await db
      .select()
      .from(tt)
      .where(and(eq(tt.indicatorId, indicatorId), eq(tt.territoryLevel, level), lte(tt.recordedAt, cutoff)))
      .orderBy(asc(tt.territoryCode), asc(tt.dueDate), asc(tt.recordedAt), asc(tt.id));
    // Rows come oldest first within a territory and due date: the last one written wins.
    const latest = new Map<string, TerritorialTargetRecord>();
    for (const row of rows) latest.set(`${row.territoryCode}|${row.dueDate}`, row);
    return [...latest.values()];
  }
}
