import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@app/common';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  BaselinesRepository,
  DataVersion,
  IndicatorRow,
  MeasuredValue,
  MeasurementsRepository,
  MilestoneRow,
  MilestoneUpdatesRepository,
  ObjectiveRow,
  RoadmapRepository,
  RoadmapStructure,
  Stamps,
} from '@app/persistence';
import type { RoadmapLang } from '@app/roadmap';
import {
  countStatuses,
  evaluateIndicator,
  evaluateMilestone,
  forecastTarget,
  isStale,
  MilestoneState,
  Observation,
  objectiveStatus,
  paceMarks,
  Status,
  StatusCounts,
  TargetForecast,
  Thresholds,
} from '@app/status';

export interface TargetStatusView {
  id: number;
  value: number;
  exclusive: boolean;
  dueDate: string;
  status: Status;
  latestValue: number | null;
  expected: number | null;
  ratio: number | null;
  /** Where the indicator gets at the pace of its last year's values (@app/status forecastTarget). */
  forecast: TargetForecast;
}
/** An indicator as the roadmap defines it, with where it stands as of a date. */
export interface IndicatorStatusView extends Omit<IndicatorRow, 'targets'> {
  status: Status;
  stale: boolean;
  /**
   * The baseline the trajectory starts from: recorded by a user (`set`), else stated by the roadmap
   * (`declared`, from the data file), else the first value (`first_measurement`). With only one value
   * and no earlier baseline, there is no trend: the status is insufficient_data.
   */
  baseline: (Observation & { origin: 'set' | 'declared' | 'first_measurement' }) | null;
  latest: Observation | null;
  currentTargetId: number;
  targets: TargetStatusView[];
}
export interface MilestoneStatusView {
  id: number;
  key: string;
  title: string;
  /** The language of `title` (English where the French is missing). */
  lang: RoadmapLang;
  dueDate: string;
  state: MilestoneState;
  completedOn: string | null;
  evidence: string | null;
  status: Status;
  daysLate: number | null;
  daysUntilDue: number;
}
export interface ObjectiveStatusView {
  code: string;
  title: string;
  /** The language of `title` (English where the French is missing). */
  lang: RoadmapLang;
  focusArea: number;
  priority: number;
  leadBody: string;
  contributingBodies: string[];
  status: Status;
  indicators: IndicatorStatusView[];
  milestones: MilestoneStatusView[];
}
export interface StaleIndicatorView {
  indicatorId: number;
  name: string;
  lang: RoadmapLang;
  objectiveCode: string;
  leadBody: string;
  frequency: string;
  latestObservedAt: string;
}
export interface StatusSnapshot {
  asOf: string;
  /** The language of the roadmap's texts (titles, names) in this snapshot. */
  lang: RoadmapLang;
  /** Values recorded after this instant are not counted: the status is reproducible. */
  recordedUpTo: string;
  thresholds: Thresholds;
  roadmap: { objectives: number; counts: StatusCounts };
  focusAreas: { number: number; title: string; lang: RoadmapLang; objectives: number; counts: StatusCounts }[];
  priorities: { number: number; title: string; lang: RoadmapLang; focusArea: number; objectives: number; counts: StatusCounts }[];
  bodies: { acronym: string; led: StatusCounts; contributed: StatusCounts }[];
  objectives: ObjectiveStatusView[];
  stale: StaleIndicatorView[];
  noData: { indicatorId: number; name: string; lang: RoadmapLang; objectiveCode: string; leadBody: string }[];
}

interface CachedSnapshot {
  base: number;
  writes: number;
  stamps: Map<string, number>;
  snapshot: StatusSnapshot;
}

/**
 * Assembles, for a date, what the pure engine (@app/status) needs: each indicator's baseline and
 * latest value recorded up to the end of that day, each milestone's state then. Nothing recorded
 * later is seen, so a status as of a past date never changes.
 */
@Injectable()
export class StatusService {
  constructor(
    private readonly roadmap: RoadmapRepository,
    private readonly measurements: MeasurementsRepository,
    private readonly baselines: BaselinesRepository,
    private readonly milestoneUpdates: MilestoneUpdatesRepository,
    private readonly calendar: Calendar,
    private readonly version: DataVersion,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Snapshots by as-of date, with the stamps they were computed at: valid while nothing changed,
   * and after a write that declared its objectives, reusable for every other objective.
   */
  private readonly cache = new Map<string, CachedSnapshot>();
  /**
   * Snapshots being evaluated, by as-of date, with the stamps they are evaluated at: reads that
   * arrive meanwhile (a dashboard's burst after a write) wait for that one instead of each
   * evaluating it again.
   */
  private readonly evaluating = new Map<string, Stamps & { snapshot: Promise<StatusSnapshot> }>();
  /** The French face of each (English) snapshot and objective view, made once per object. */
  private readonly french = new WeakMap<object, StatusSnapshot | ObjectiveStatusView>();
  private static readonly CACHE_SIZE = 16;

  get thresholds(): Thresholds {
    return { onTrack: this.config.status.onTrack, atRisk: this.config.status.atRisk };
  }

  /**
   * The status of everything as of a date. Reads between writes (dashboard, /status, reports)
   * share one snapshot; after a write (on any instance), the next read evaluates again only the
   * objectives whose data the write touched (all of them after a write that did not say which),
   * and counts again.
   */
  async snapshot(asOf: string = this.calendar.today(), lang: RoadmapLang = 'en'): Promise<StatusSnapshot> {
    const snapshot = await this.englishSnapshot(asOf);
    if (lang === 'en') return snapshot;
    let fr = this.french.get(snapshot) as StatusSnapshot | undefined;
    if (!fr) this.french.set(snapshot, (fr = this.localizeSnapshot(snapshot, this.roadmap.structure(lang))));
    return fr;
  }

  /** The snapshot evaluated (English texts): the figures do not depend on the language. */
  private async englishSnapshot(asOf: string): Promise<StatusSnapshot> {
    // Stamps are read before evaluating: a change made meanwhile (by any instance) is seen next time.
    const { writes, base } = await this.version.current();
    const hit = this.cache.get(asOf);
    if (hit && hit.base === base && hit.writes === writes) return hit.snapshot; // nothing written since
    const running = this.evaluating.get(asOf);
    if (running && running.base === base && running.writes === writes) return running.snapshot;
    const entry = { writes, base, snapshot: this.evaluateSnapshot(asOf, { writes, base }, hit) };
    this.evaluating.set(asOf, entry);
    try {
      return await entry.snapshot;
    } finally {
      if (this.evaluating.get(asOf) === entry) this.evaluating.delete(asOf);
    }
  }

  /** Evaluates the objectives whose stamp moved since `hit` (all of them if anything may have changed), and counts again. */
  private async evaluateSnapshot(asOf: string, { writes, base }: Stamps, hit: CachedSnapshot | undefined): Promise<StatusSnapshot> {
    const s = this.roadmap.structure();
    const moved = await this.version.objectives();
    const stamps = new Map(s.objectives.map((o) => [o.code, moved.get(o.code) ?? 0]));
    const reusable = hit && hit.base === base ? hit : undefined;
    const cutoff = this.calendar.cutoff(asOf);
    const previous = new Map(reusable?.snapshot.objectives.map((o) => [o.code, o]));
    // One objective after the other: each is a handful of indexed lookups per indicator, and
    // thousands of them in flight at once would only queue on the connection.
    const objectives: ObjectiveStatusView[] = [];
    for (const o of s.objectives) {
      const unchanged = reusable && reusable.stamps.get(o.code) === stamps.get(o.code);
      objectives.push(unchanged ? previous.get(o.code)! : await this.evaluateObjective(o, asOf, cutoff));
    }
    const snapshot = this.assemble(asOf, cutoff, objectives);
    this.cache.delete(asOf);
    this.cache.set(asOf, { base, writes, stamps, snapshot });
    if (this.cache.size > StatusService.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return snapshot;
  }

  private assemble(asOf: string, cutoff: string, objectives: ObjectiveStatusView[]): StatusSnapshot {
    const s = this.roadmap.structure();
    const statusOf = new Map(objectives.map((o) => [o.code, o.status]));
    const countFor = (list: ObjectiveRow[]) => countStatuses(list.map((o) => statusOf.get(o.code)!));
    return {
      asOf,
      lang: 'en',
      recordedUpTo: cutoff,
      thresholds: this.thresholds,
      roadmap: { objectives: objectives.length, counts: countStatuses(objectives.map((o) => o.status)) },
      focusAreas: s.focusAreas.map((f) => {
        const list = f.priorities.flatMap((p) => p.objectives);
        return { number: f.number, title: f.title, lang: f.lang, objectives: list.length, counts: countFor(list) };
      }),
      priorities: s.focusAreas.flatMap((f) =>
        f.priorities.map((p) => ({
          number: p.number,
          title: p.title,
          lang: p.lang,
          focusArea: f.number,
          objectives: p.objectives.length,
          counts: countFor(p.objectives),
        })),
      ),
      bodies: s.bodies.map((b) => ({
        acronym: b.acronym,
        led: countFor(s.objectives.filter((o) => o.leadBody === b.acronym)),
        contributed: countFor(s.objectives.filter((o) => o.contributingBodies.includes(b.acronym))),
      })),
      objectives,
      stale: objectives.flatMap((o) =>
        o.indicators
          .filter((i) => i.stale)
          .map((i) => ({
            indicatorId: i.id,
            name: i.name,
            lang: i.lang,
            objectiveCode: o.code,
            leadBody: o.leadBody,
            frequency: i.frequency,
            latestObservedAt: i.latest!.date,
          })),
      ),
      noData: objectives.flatMap((o) =>
        o.indicators.filter((i) => !i.latest).map((i) => ({ indicatorId: i.id, name: i.name, lang: i.lang, objectiveCode: o.code, leadBody: o.leadBody })),
      ),
    };
  }

  async objective(code: string, asOf: string = this.calendar.today(), lang: RoadmapLang = 'en'): Promise<ObjectiveStatusView> {
    const view = await this.englishObjective(code, asOf);
    if (lang === 'en') return view;
    return this.frenchObjective(view, this.roadmap.structure(lang));
  }

  /**
   * The French face of an objective's view, made once per view: a write changes a few objectives,
   * so a new French snapshot reuses the others' instead of copying thousands of them again.
   */
  private frenchObjective(view: ObjectiveStatusView, s: RoadmapStructure): ObjectiveStatusView {
    let fr = this.french.get(view) as ObjectiveStatusView | undefined;
    if (!fr) this.french.set(view, (fr = this.localizeObjective(view, s)));
    return fr;
  }

  private async englishObjective(code: string, asOf: string): Promise<ObjectiveStatusView> {
    const o = this.roadmap.structure().objectivesByCode.get(code);
    if (!o) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    const hit = this.cache.get(asOf);
    if (hit) {
      const { base } = await this.version.current();
      const stamp = (await this.version.objectives([code])).get(code) ?? 0;
      if (hit.base === base && hit.stamps.get(code) === stamp) return hit.snapshot.objectives.find((x) => x.code === code)!;
    }
    return this.evaluateObjective(o, asOf, this.calendar.cutoff(asOf));
  }

  /** The same figures with the roadmap's texts of `s` (its language). */
  private localizeSnapshot(snapshot: StatusSnapshot, s: RoadmapStructure): StatusSnapshot {
    const focusArea = new Map(s.focusAreas.map((f) => [f.number, f]));
    const priority = new Map(s.focusAreas.flatMap((f) => f.priorities.map((p) => [p.number, p] as const)));
    const indicatorText = (id: number) => {
      const i = s.indicatorsById.get(id)!;
      return { name: i.name, lang: i.lang };
    };
    return {
      ...snapshot,
      lang: s.lang,
      focusAreas: snapshot.focusAreas.map((f) => ({ ...f, title: focusArea.get(f.number)!.title, lang: focusArea.get(f.number)!.lang })),
      priorities: snapshot.priorities.map((p) => ({ ...p, title: priority.get(p.number)!.title, lang: priority.get(p.number)!.lang })),
      objectives: snapshot.objectives.map((o) => this.frenchObjective(o, s)),
      stale: snapshot.stale.map((x) => ({ ...x, ...indicatorText(x.indicatorId) })),
      noData: snapshot.noData.map((x) => ({ ...x, ...indicatorText(x.indicatorId) })),
    };
  }

  private localizeObjective(o: ObjectiveStatusView, s: RoadmapStructure): ObjectiveStatusView {
    const row = s.objectivesByCode.get(o.code)!;
    return {
      ...o,
      title: row.title,
      lang: row.lang,
      indicators: o.indicators.map((i) => {
        const r = s.indicatorsById.get(i.id)!;
        return { ...i, name: r.name, lang: r.lang };
      }),
      milestones: o.milestones.map((m) => {
        const r = s.milestonesById.get(m.id)!;
        return { ...m, title: r.title, lang: r.lang };
      }),
    };
  }

  /**
   * The status as of `asOf` counting what was recorded up to the instant `recordedUpTo`, later than
   * the end of asOf: a review period's published snapshot counts the values its collection brought
   * in after the period ended (observed by its end). Taken once, at closing: not cached.
   */
  async snapshotRecordedUpTo(asOf: string, recordedUpTo: string, lang: RoadmapLang = 'en'): Promise<StatusSnapshot> {
    const objectives: ObjectiveStatusView[] = [];
    for (const o of this.roadmap.structure().objectives) objectives.push(await this.evaluateObjective(o, asOf, recordedUpTo));
    const english = this.assemble(asOf, recordedUpTo, objectives);
    return lang === 'en' ? english : this.localizeSnapshot(english, this.roadmap.structure(lang));
  }

  async indicator(indicator: IndicatorRow, asOf: string): Promise<IndicatorStatusView> {
    return this.evaluateIndicator(indicator, asOf, this.calendar.cutoff(asOf));
  }

  private async evaluateObjective(o: ObjectiveRow, asOf: string, cutoff: string): Promise<ObjectiveStatusView> {
    const indicators: IndicatorStatusView[] = [];
    for (const i of o.indicators) indicators.push(await this.evaluateIndicator(i, asOf, cutoff));
    const milestones: MilestoneStatusView[] = [];
    for (const m of o.milestones) milestones.push(await this.evaluateMilestone(m, asOf, cutoff));
    return {
      code: o.code,
      title: o.title,
      lang: o.lang,
      focusArea: o.focusAreaNumber,
      priority: o.priorityNumber,
      leadBody: o.leadBody,
      contributingBodies: o.contributingBodies,
      status: objectiveStatus([...indicators.map((i) => i.status), ...milestones.map((m) => m.status)]),
      indicators,
      milestones,
    };
  }

  private async evaluateIndicator(i: IndicatorRow, asOf: string, cutoff: string): Promise<IndicatorStatusView> {
    const set = await this.baselines.latestAsOf(i.id, cutoff);
    const latestRow = await this.measurements.latestAsOf(i.id, asOf, cutoff);
    // A baseline recorded by a user (a measured, audited figure) wins over the one the roadmap
    // states; without either, the first value recorded is the baseline.
    const declared = set ? null : i.declaredBaseline;
    const firstRow = set || declared || !latestRow ? undefined : await this.measurements.firstAsOf(i.id, asOf, cutoff);
    const baseline = set
      ? { value: set.value, date: set.baselineDate, origin: 'set' as const }
      : declared
        ? { value: declared.value, date: declared.date, origin: 'declared' as const }
        : firstRow
          ? { value: firstRow.value, date: firstRow.observedAt, origin: 'first_measurement' as const }
          : null;
    const latest = latestRow ? { value: latestRow.value, date: latestRow.observedAt } : null;
    const evaluation = evaluateIndicator({
      targets: i.targets.map((t) => ({ value: t.value, dueDate: t.dueDate, exclusive: t.exclusive })),
      direction: i.direction,
      method: i.method,
      baseline: baseline && { value: baseline.value, date: baseline.date },
      latest,
      asOf,
      thresholds: this.thresholds,
    });
    const pace = latestRow ? await this.paceValues(i.id, latestRow, firstRow, asOf, cutoff) : [];
    const { targets: _definitions, ...definition } = i;
    return {
      ...definition,
      status: evaluation.status,
      stale: isStale({ latestObservedAt: latest?.date ?? null, frequency: i.frequency, asOf }),
      baseline,
      latest,
      currentTargetId: i.targets[evaluation.currentTargetIndex].id,
      targets: i.targets.map((t, k) => ({
        id: t.id,
        value: t.value,
        exclusive: t.exclusive,
        dueDate: t.dueDate,
        status: evaluation.targets[k].status,
        latestValue: latest?.value ?? null,
        expected: evaluation.targets[k].expected,
        ratio: evaluation.targets[k].ratio,
        forecast: forecastTarget({ series: pace, direction: i.direction, method: i.method, target: t, asOf }),
      })),
    };
  }

  /**
   * The values the forecast's pace is measured over, and only those (paceValues in @app/status):
   * the latest, the last on or before each quarter mark of the year before it (one statement),
   * else the first. A fixed handful of indexed lookups, so an indicator with 3 200 values costs
   * what one with 60 does; forecastTarget gives the same answer from them as from the whole series.
   */
  private async paceValues(indicatorId: number, latest: MeasuredValue, first: MeasuredValue | undefined, asOf: string, cutoff: string): Promise<Observation[]> {
    const marked = await this.measurements.lastOnOrBefore(indicatorId, paceMarks(latest.observedAt), cutoff);
    const older = marked.length > 0 ? marked : [first ?? (await this.measurements.firstAsOf(indicatorId, asOf, cutoff))!];
    return [...older, latest].map((m) => ({ value: m.value, date: m.observedAt }));
  }

  private async evaluateMilestone(m: MilestoneRow, asOf: string, cutoff: string): Promise<MilestoneStatusView> {
    const update = await this.milestoneUpdates.latestAsOf(m.id, cutoff);
    // Completed after asOf (recorded before a cut-off later than asOf, as at a review's closing): not done yet then.
    const doneLater = update?.state === 'done' && update.completedOn !== null && update.completedOn > asOf;
    const state = doneLater ? 'in_progress' : (update?.state ?? 'not_started');
    const completedOn = doneLater ? null : (update?.completedOn ?? null);
    const evaluation = evaluateMilestone({ dueDate: m.dueDate, state, completedOn, asOf });
    return {
      id: m.id,
      key: m.key,
      title: m.title,
      lang: m.lang,
      dueDate: m.dueDate,
      state,
      completedOn,
      evidence: update?.evidence ?? null,
      status: evaluation.status,
      daysLate: evaluation.daysLate,
      daysUntilDue: evaluation.daysUntilDue,
    };
  }
}
