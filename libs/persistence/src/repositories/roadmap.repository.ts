import { Inject, Injectable } from '@nestjs/common';
import { asc, isNull } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

export interface TargetRow {
  id: number;
  value: number;
  exclusive: boolean;
  valueText: string;
  due: string;
  dueDate: string;
  sourceText: string;
}
export interface IndicatorRow {
  id: number;
  key: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  frequency: 'monthly' | 'quarterly' | 'yearly';
  method: 'linear' | 'cagr';
  targets: TargetRow[];
}
export interface MilestoneRow {
  id: number;
  key: string;
  title: string;
  due: string;
  dueDate: string;
  sourceText: string;
}
export interface ObjectiveRow {
  id: number;
  code: string;
  title: string;
  kind: 'CONTINUATION' | 'DEVELOPMENT' | null;
  description: string | null;
  summary: string;
  priorityNumber: number;
  focusAreaNumber: number;
  leadBody: string;
  contributingBodies: string[];
  indicators: IndicatorRow[];
  milestones: MilestoneRow[];
}
export interface PriorityRow {
  number: number;
  title: string;
  objectives: ObjectiveRow[];
}
export interface FocusAreaRow {
  number: number;
  title: string;
  subtitle: string;
  priorities: PriorityRow[];
}
export interface BodyRow {
  id: number;
  acronym: string;
  name: string;
  englishName: string;
  inGlossary: boolean;
}
export interface RoadmapStructure {
  focusAreas: FocusAreaRow[];
  objectives: ObjectiveRow[];
  objectivesByCode: Map<string, ObjectiveRow>;
  indicatorsById: Map<number, IndicatorRow & { objectiveCode: string }>;
  milestonesById: Map<number, MilestoneRow & { objectiveCode: string }>;
  bodies: BodyRow[];
}

/**
 * Reads the roadmap (everything that comes from db/roadmap.yaml) as one structure. The roadmap only
 * changes when the data file is loaded, so the structure is built once and cached until invalidate().
 */
@Injectable()
export class RoadmapRepository {
  private cached?: RoadmapStructure;

  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  invalidate(): void {
    this.cached = undefined;
  }

  structure(): RoadmapStructure {
    return (this.cached ??= this.load());
  }

  private load(): RoadmapStructure {
    const db = this.db;
    const bodies = db.select().from(t.bodies).orderBy(asc(t.bodies.acronym)).all();
    const bodyById = new Map(bodies.map((b) => [b.id, b.acronym]));
    const focusAreas = db.select().from(t.focusAreas).orderBy(asc(t.focusAreas.number)).all();
    const priorities = db.select().from(t.priorities).orderBy(asc(t.priorities.number)).all();
    const objectives = db
      .select()
      .from(t.objectives)
      .where(isNull(t.objectives.retiredAt))
      .orderBy(asc(t.objectives.priorityId), asc(t.objectives.position))
      .all();
    const contributors = db
      .select()
      .from(t.objectiveContributors)
      .orderBy(asc(t.objectiveContributors.objectiveId), asc(t.objectiveContributors.position))
      .all();
    const indicators = db
      .select()
      .from(t.indicators)
      .where(isNull(t.indicators.retiredAt))
      .orderBy(asc(t.indicators.objectiveId), asc(t.indicators.position))
      .all();
    const targets = db
      .select()
      .from(t.targets)
      .where(isNull(t.targets.retiredAt))
      .orderBy(asc(t.targets.indicatorId), asc(t.targets.position))
      .all();
    const milestones = db
      .select()
      .from(t.milestones)
      .where(isNull(t.milestones.retiredAt))
      .orderBy(asc(t.milestones.objectiveId), asc(t.milestones.position))
      .all();

    const group = <R, K>(rows: R[], key: (r: R) => K) => {
      const m = new Map<K, R[]>();
      for (const r of rows) {
        const k = key(r);
        if (!m.has(k)) m.set(k, []);
        m.get(k)!.push(r);
      }
      return m;
    };
    const targetsByIndicator = group(targets, (r) => r.indicatorId);
    const indicatorsByObjective = group(indicators, (r) => r.objectiveId);
    const milestonesByObjective = group(milestones, (r) => r.objectiveId);
    const contributorsByObjective = group(contributors, (r) => r.objectiveId);
    const priorityById = new Map(priorities.map((p) => [p.id, p]));
    const focusAreaById = new Map(focusAreas.map((f) => [f.id, f]));

    const indicatorsById = new Map<number, IndicatorRow & { objectiveCode: string }>();
    const milestonesById = new Map<number, MilestoneRow & { objectiveCode: string }>();
    const objectiveRows: ObjectiveRow[] = objectives.map((o) => {
      const priority = priorityById.get(o.priorityId)!;
      const row: ObjectiveRow = {
        id: o.id,
        code: o.code,
        title: o.title,
        kind: o.kind,
        description: o.description,
        summary: o.summary,
        priorityNumber: priority.number,
        focusAreaNumber: focusAreaById.get(priority.focusAreaId)!.number,
        leadBody: bodyById.get(o.leadBodyId)!,
        contributingBodies: (contributorsByObjective.get(o.id) ?? []).map((c) => bodyById.get(c.bodyId)!),
        indicators: (indicatorsByObjective.get(o.id) ?? []).map((i) => ({
          id: i.id,
          key: i.key,
          name: i.name,
          unit: i.unit,
          direction: i.direction,
          frequency: i.frequency,
          method: i.method,
          targets: (targetsByIndicator.get(i.id) ?? []).map((tg) => ({
            id: tg.id,
            value: tg.value,
            exclusive: tg.exclusive,
            valueText: tg.valueText,
            due: tg.due,
            dueDate: tg.dueDate,
            sourceText: tg.sourceText,
          })),
        })),
        milestones: (milestonesByObjective.get(o.id) ?? []).map((m) => ({
          id: m.id,
          key: m.key,
          title: m.title,
          due: m.due,
          dueDate: m.dueDate,
          sourceText: m.sourceText,
        })),
      };
      for (const i of row.indicators) indicatorsById.set(i.id, { ...i, objectiveCode: row.code });
      for (const m of row.milestones) milestonesById.set(m.id, { ...m, objectiveCode: row.code });
      return row;
    });
    const objectivesByPriority = group(objectiveRows, (o) => o.priorityNumber);
    const focusAreaRows: FocusAreaRow[] = focusAreas.map((f) => ({
      number: f.number,
      title: f.title,
      subtitle: f.subtitle,
      priorities: priorities
        .filter((p) => p.focusAreaId === f.id)
        .map((p) => ({ number: p.number, title: p.title, objectives: objectivesByPriority.get(p.number) ?? [] })),
    }));
    // Objectives in roadmap order (1-1, 1-2, …, 18-4), whatever the insertion order was.
    const ordered = focusAreaRows.flatMap((f) => f.priorities.flatMap((p) => p.objectives));
    return {
      focusAreas: focusAreaRows,
      objectives: ordered,
      objectivesByCode: new Map(ordered.map((o) => [o.code, o])),
      indicatorsById,
      milestonesById,
      bodies,
    };
  }
}
