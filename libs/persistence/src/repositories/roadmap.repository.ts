import { Injectable, OnModuleInit } from '@nestjs/common';
import { asc, isNull } from 'drizzle-orm';
import type { NationalRule, RoadmapLang, TerritorialLevel } from '@app/roadmap';
import { Database } from '../database';

/**
 * Every row of the structure carries its texts in one language: the one asked for, or English where
 * the French is missing; `lang` says which, so a page can mark a fallback with its own lang attribute.
 */
export interface TargetRow {
  id: number;
  lang: RoadmapLang;
  value: number;
  exclusive: boolean;
  valueText: string;
  due: string;
  dueDate: string;
  sourceText: string;
}
export interface IndicatorRow {
  id: number;
  lang: RoadmapLang;
  key: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  frequency: 'monthly' | 'quarterly' | 'yearly';
  method: 'linear' | 'cagr';
  /** The starting value the roadmap states (data file), with its sentence; null when it states none. */
  declaredBaseline: { value: number; date: string; source: string | null } | null;
  /**
   * The levels values are recorded at below the nation and how the national value follows from them
   * (data file); null when the indicator is national only. `denominator` names, in the row's
   * language, what a weighted mean's denominator counts.
   */
  territorial: { levels: TerritorialLevel[]; national: NationalRule; denominator: string | null } | null;
  targets: TargetRow[];
}
export interface MilestoneRow {
  id: number;
  lang: RoadmapLang;
  key: string;
  title: string;
  due: string;
  dueDate: string;
  sourceText: string;
}
export interface ObjectiveRow {
  id: number;
  lang: RoadmapLang;
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
  lang: RoadmapLang;
  title: string;
  objectives: ObjectiveRow[];
}
export interface FocusAreaRow {
  number: number;
  lang: RoadmapLang;
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
  /** The language asked for; each row's own `lang` says whether it fell back to English. */
  lang: RoadmapLang;
  focusAreas: FocusAreaRow[];
  objectives: ObjectiveRow[];
  objectivesByCode: Map<string, ObjectiveRow>;
  indicatorsById: Map<number, IndicatorRow & { objectiveCode: string }>;
  milestonesById: Map<number, MilestoneRow & { objectiveCode: string }>;
  bodies: BodyRow[];
}

type Tables = Awaited<ReturnType<RoadmapRepository['read']>>;

/**
 * Reads the roadmap (everything that comes from db/roadmap.yaml) as one structure, in English (the
 * edition) or French (the project's translation). The roadmap only changes when the data file is
 * loaded, at start-up before this module initialises: the tables are read once then (`load`), so that
 * every caller gets the structure synchronously, and each language's structure is built once.
 */
@Injectable()
export class RoadmapRepository implements OnModuleInit {
  private tables?: Tables;
  private readonly cached = new Map<RoadmapLang, RoadmapStructure>();

  constructor(private readonly database: Database) {}

  async onModuleInit(): Promise<void> {
    await this.load();
  }

  /** Reads the roadmap tables (again): at start-up, and after the data file was loaded into the database. */
  async load(): Promise<void> {
    const tables = await this.read();
    this.tables = tables;
    this.cached.clear();
  }

  /** The structure with its texts in `lang` (English by default: the edition, and what ids and rules need). */
  structure(lang: RoadmapLang = 'en'): RoadmapStructure {
    if (!this.tables) throw new Error('The roadmap has not been read yet: RoadmapRepository.load() comes first');
    let s = this.cached.get(lang);
    if (!s) {
      s = build(this.tables, lang);
      this.cached.set(lang, s);
    }
    return s;
  }

  private async read() {
    const { db, t } = this.database;
    // Ids break the ties: bodies and focus areas/priorities are unique by acronym/number, positions within a parent.
    return {
      bodies: await db.select().from(t.bodies).orderBy(asc(t.bodies.acronym)),
      focusAreas: await db.select().from(t.focusAreas).orderBy(asc(t.focusAreas.number)),
      priorities: await db.select().from(t.priorities).orderBy(asc(t.priorities.number)),
      objectives: await db
        .select()
        .from(t.objectives)
        .where(isNull(t.objectives.retiredAt))
        .orderBy(asc(t.objectives.priorityId), asc(t.objectives.position), asc(t.objectives.id)),
      contributors: await db
        .select()
        .from(t.objectiveContributors)
        .orderBy(asc(t.objectiveContributors.objectiveId), asc(t.objectiveContributors.position), asc(t.objectiveContributors.bodyId)),
      indicators: await db
        .select()
        .from(t.indicators)
        .where(isNull(t.indicators.retiredAt))
        .orderBy(asc(t.indicators.objectiveId), asc(t.indicators.position), asc(t.indicators.id)),
      targets: await db
        .select()
        .from(t.targets)
        .where(isNull(t.targets.retiredAt))
        .orderBy(asc(t.targets.indicatorId), asc(t.targets.position), asc(t.targets.id)),
      milestones: await db
        .select()
        .from(t.milestones)
        .where(isNull(t.milestones.retiredAt))
        .orderBy(asc(t.milestones.objectiveId), asc(t.milestones.position), asc(t.milestones.id)),
    };
  }
}

/**
 * The texts of one row in `lang`: the French when asked for and complete, else the English (the
 * edition) — never a mix of both within one entity.
 */
function pick<E extends Record<string, string | null>>(lang: RoadmapLang, en: E, fr: { [K in keyof E]: string | null }, optional: (keyof E)[] = []) {
  const complete = (Object.keys(en) as (keyof E)[]).every((k) => fr[k] != null || (optional.includes(k) && en[k] == null));
  return lang === 'fr' && complete ? { lang: 'fr' as const, ...(fr as E) } : { lang: 'en' as const, ...en };
}

function build(tables: Tables, lang: RoadmapLang): RoadmapStructure {
  const { bodies, focusAreas, priorities, objectives, contributors, indicators, targets, milestones } = tables;
  const bodyById = new Map(bodies.map((b) => [b.id, b.acronym]));
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
      ...pick(
        lang,
        { title: o.title, description: o.description, summary: o.summary },
        { title: o.titleFr, description: o.descriptionFr, summary: o.summaryFr },
        ['description'],
      ),
      kind: o.kind,
      priorityNumber: priority.number,
      focusAreaNumber: focusAreaById.get(priority.focusAreaId)!.number,
      leadBody: bodyById.get(o.leadBodyId)!,
      contributingBodies: (contributorsByObjective.get(o.id) ?? []).map((c) => bodyById.get(c.bodyId)!),
      indicators: (indicatorsByObjective.get(o.id) ?? []).map((i) => ({
        id: i.id,
        key: i.key,
        ...pick(lang, { name: i.name }, { name: i.nameFr }),
        unit: i.unit,
        direction: i.direction,
        frequency: i.frequency,
        method: i.method,
        declaredBaseline:
          i.baselineValue !== null && i.baselineDate !== null ? { value: i.baselineValue, date: i.baselineDate, source: i.baselineSource } : null,
        territorial:
          i.territorialLevels && i.nationalRule
            ? {
                levels: i.territorialLevels,
                national: i.nationalRule,
                denominator: (lang === 'fr' ? (i.denominatorNameFr ?? i.denominatorName) : i.denominatorName) ?? null,
              }
            : null,
        targets: (targetsByIndicator.get(i.id) ?? []).map((tg) => ({
          id: tg.id,
          value: tg.value,
          exclusive: tg.exclusive,
          ...pick(
            lang,
            { valueText: tg.valueText, due: tg.due, sourceText: tg.sourceText },
            { valueText: tg.valueTextFr, due: tg.dueFr, sourceText: tg.sourceTextFr },
          ),
          dueDate: tg.dueDate,
        })),
      })),
      milestones: (milestonesByObjective.get(o.id) ?? []).map((m) => ({
        id: m.id,
        key: m.key,
        ...pick(lang, { title: m.title, due: m.due, sourceText: m.sourceText }, { title: m.titleFr, due: m.dueFr, sourceText: m.sourceTextFr }),
        dueDate: m.dueDate,
      })),
    };
    for (const i of row.indicators) indicatorsById.set(i.id, { ...i, objectiveCode: row.code });
    for (const m of row.milestones) milestonesById.set(m.id, { ...m, objectiveCode: row.code });
    return row;
  });
  const objectivesByPriority = group(objectiveRows, (o) => o.priorityNumber);
  const focusAreaRows: FocusAreaRow[] = focusAreas.map((f) => ({
    number: f.number,
    ...pick(lang, { title: f.title, subtitle: f.subtitle }, { title: f.titleFr, subtitle: f.subtitleFr }),
    priorities: priorities
      .filter((p) => p.focusAreaId === f.id)
      .map((p) => ({ number: p.number, ...pick(lang, { title: p.title }, { title: p.titleFr }), objectives: objectivesByPriority.get(p.number) ?? [] })),
  }));
  // Objectives in roadmap order (1-1, 1-2, …, 18-4), whatever the insertion order was.
  const ordered = focusAreaRows.flatMap((f) => f.priorities.flatMap((p) => p.objectives));
  return {
    lang,
    focusAreas: focusAreaRows,
    objectives: ordered,
    objectivesByCode: new Map(ordered.map((o) => [o.code, o])),
    indicatorsById,
    milestonesById,
    bodies,
  };
}
