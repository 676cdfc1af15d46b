import { createHash } from 'node:crypto';
import type { IndicatorStatusView, ObjectiveStatusView, StatusSnapshot } from '@app/snapshots';
import { Status, STATUS_ORDER } from '@app/status';
import type { Period } from '@app/common';
import {
  Badge,
  badge,
  byCode,
  ChartSpec,
  formatDate,
  formatDateTime,
  forecastSentence,
  formatValue,
  indicatorChart,
  Labels,
  LABELS,
  Lang,
  MILESTONE_LABELS,
  milestoneCharts,
  MilestoneCharts,
  MilestoneLabels,
  periodLabel,
  REVIEW_LABELS,
  REVIEW_REPORT_LABELS,
  ReviewReportLabels,
  summaryChartSpec,
  timelineChartSpecs,
} from '@app/presentation';
import { REGIONAL_REPORT_LABELS } from '@app/presentation/labels/regional-report';
import { findTerritory } from '@app/territories';
import { frenchTypography } from './typography';
import { RegionalInputs, RegionalSection, regionalSection } from './regional-section';
import { FirstPage, firstPage, ObjectiveUpdateView, objectiveUpdates, ReportReviewInput, ReportRevision, revisionRows } from './review-section';

/** The kinds of report cut along the roadmap's own structure. */
export type ReportKind = 'roadmap' | 'focus_area' | 'body' | 'objective';
export const REPORT_KINDS: readonly ReportKind[] = ['roadmap', 'focus_area', 'body', 'objective'];
/** Every kind, the regional report included (one region, for its ARS: scope = the region's official code). */
export type AnyReportKind = ReportKind | 'region';
export const ALL_REPORT_KINDS: readonly AnyReportKind[] = [...REPORT_KINDS, 'region'];

export interface ReportRequest {
  kind: AnyReportKind;
  /** Focus-area number, body acronym, objective code or region code; null for the whole roadmap. */
  scope: string | null;
  period: Period;
  asOf: string;
  lang: Lang;
}

export interface RoadmapOutline {
  /** Titles in the report's language; `lang` says where English stands in for a missing French text. */
  focusAreas: { number: number; title: string; subtitle: string; lang: Lang; priorities: { number: number; title: string; lang: Lang }[] }[];
  bodies: { acronym: string; name: string; englishName: string }[];
}

export interface RecordedChange {
  values: {
    indicatorId: number;
    objectiveCode: string;
    indicatorName: string;
    unit: string;
    value: number;
    observedAt: string;
    recordedAt: string;
    correction: boolean;
    comment: string | null;
  }[];
  milestonesCompleted: { milestoneId: number; objectiveCode: string; title: string; completedOn: string }[];
}

export interface PreviousReport {
  id: string;
  asOf: string;
  createdAt: string;
  /** Objective code → status in that report. */
  statuses: Record<string, Status>;
}

export interface ReportInputs {
  request: ReportRequest;
  snapshot: StatusSnapshot;
  roadmap: RoadmapOutline;
  /** Indicator id → its current values up to asOf, oldest first. */
  series: Record<number, { date: string; value: number }[]>;
  previous: PreviousReport | null;
  recorded: RecordedChange;
  generatedAt: string;
  timeZone: string;
  /** The ministry the cover names (the MINISTRY_NAME setting, as the web pages' Marianne block). */
  ministry: string;
  /** The review of the report's period, when one was opened (its id is the report's period). */
  review?: ReportReviewInput | null;
  /** Updates revised after validation (any period) since the previous report. */
  revisions?: ReportRevision[];
  /** A regional report's territorial comparisons. */
  regional?: RegionalInputs | null;
}

export interface ReportModel {
  lang: Lang;
  labels: Labels;
  /** Words of the milestone section, the cover and the "no data yet" tables. */
  more: MilestoneLabels;
  request: { kind: AnyReportKind; scope: string | null; period: string; asOf: string };
  /** A regional report's own part: the region against the others and the national path; absent from the other kinds (their data hash unchanged). */
  regional?: RegionalSection;
  cover: {
    title: string;
    subtitle: string;
    scopeLabel: string;
    periodLabel: string;
    asOfLabel: string;
    generatedAtLabel: string;
    republic: string;
    ministry: string;
    delegation: string;
  };
  /** The director's first page: decisions needed, objectives in difficulty, late milestones, the review's completeness. */
  firstPage: FirstPage;
  /** Words of the review (ratings, states, sections, first page). */
  reviewLabels: ReviewReportLabels & (typeof REVIEW_LABELS)['fr'];
  /** The period's review as the report shows it: official (closing) or still open; null without one. */
  review: { official: boolean } | null;
  summary: { total: number; totalLabel: string; counts: { badge: Badge; count: number }[]; chart: ChartSpec };
  /** The targets-and-milestones timeline: one chart, or one per focus area when a page could not hold its rows. */
  timelines: ChartSpec[];
  milestones: MilestoneCharts;
  changes: {
    previous: { id: string; asOfLabel: string } | null;
    transitions: { code: string; title: string; from: Badge; to: Badge }[];
    newValues: { code: string; indicator: string; value: string; observedAt: string; correction: boolean; comment: string | null }[];
    milestonesCompleted: { code: string; title: string; completedOn: string }[];
    revisions: { code: string; period: string; what: string; at: string; comment: string | null }[];
  };
  focusAreas: {
    number: number;
    title: string;
    lang: Lang;
    priorities: {
      number: number;
      title: string;
      lang: Lang;
      objectives: {
        code: string;
        title: string;
        lang: Lang;
        leadBody: string;
        role: string | null;
        badge: Badge;
        /** The lead body's update for the period (rating, state, commentary); null without a review. */
        update: ObjectiveUpdateView | null;
        indicators: { name: string; lang: Lang; latest: string; targets: { target: string; expected: string; badge: Badge; forecast: string | null }[] }[];
        milestones: { label: string; lang: Lang; due: string; state: string; badge: Badge; note: string | null }[];
        /** One per indicator that has data: an indicator without any value gets a line in noDataYet instead. */
        charts: ChartSpec[];
      }[];
      noDataYet: NoDataRow[];
    }[];
  }[];
  stale: { code: string; indicator: string; leadBody: string; latest: string; frequency: string }[];
  noData: NoDataRow[];
  /** Objective code → status, kept with the report for the next one's "what changed". */
  statuses: Record<string, Status>;
  /** SHA-256 of every figure in the report (not its generation time): same asOf, same hash. */
  dataHash: string;
}

export interface NoDataRow {
  code: string;
  objective: string;
  indicator: string;
  /** The language of the objective's and indicator's texts (English standing in for a missing French one). */
  objectiveLang: Lang;
  indicatorLang: Lang;
  leadBody: string;
  /** The value, and its due date (printed unbroken); null when the indicator has no target. */
  nextTarget: { value: string; due: string } | null;
}

export class ReportScopeError extends Error {}

/** The objectives a report covers, and the role of the body for a body report. */
export function objectivesInScope(req: Pick<ReportRequest, 'kind' | 'scope'>, snapshot: StatusSnapshot, roadmap: RoadmapOutline): ObjectiveStatusView[] {
  const all = snapshot.objectives;
  switch (req.kind) {
    case 'roadmap':
      return all;
    case 'focus_area': {
      const n = Number(req.scope);
      if (!roadmap.focusAreas.some((f) => f.number === n)) throw new ReportScopeError(`No focus area "${req.scope}": use 1, 2, 3 or 4.`);
      return all.filter((o) => o.focusArea === n);
    }
    case 'body': {
      if (!roadmap.bodies.some((b) => b.acronym === req.scope)) throw new ReportScopeError(`No body "${req.scope}".`);
      return all.filter((o) => o.leadBody === req.scope || o.contributingBodies.includes(req.scope!));
    }
    case 'objective': {
      const found = all.filter((o) => o.code === req.scope);
      if (!found.length) throw new ReportScopeError(`No objective "${req.scope}".`);
      return found;
    }
    case 'region': {
      // The objectives whose indicators are followed territory by territory: what a region's values can say.
      if (!findTerritory('region', req.scope ?? '')) throw new ReportScopeError(`No region "${req.scope}".`);
      return all.filter((o) => o.indicators.some((i) => i.territorial));
    }
  }
}

export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { request: req, snapshot, roadmap } = inputs;
  const lang = req.lang;
  const labels = LABELS[lang];
  const more = MILESTONE_LABELS[lang];
  const inScope = objectivesInScope(req, snapshot, roadmap);
  const codes = new Set(inScope.map((o) => o.code));
  const series = (i: IndicatorStatusView) => inputs.series[i.id] ?? [];

  const scopeLabel =
    req.kind === 'roadmap'
      ? labels.kinds.roadmap
      : req.kind === 'focus_area'
        ? `${labels.focusArea} ${req.scope} · ${roadmap.focusAreas.find((f) => f.number === Number(req.scope))!.title}`
        : req.kind === 'body'
          ? `${req.scope} · ${((b) => (lang === 'fr' ? b.name : b.englishName))(roadmap.bodies.find((b) => b.acronym === req.scope)!)}`
          : req.kind === 'region'
            ? findTerritory('region', req.scope!)!.name
            : `${labels.objective} ${req.scope} · ${inScope[0].title}`;

  const focusAreas = roadmap.focusAreas.filter((f) => inScope.some((o) => o.focusArea === f.number));
  const countIn = (list: ObjectiveStatusView[], st: Status) => list.filter((o) => o.status === st).length;
  const summaryChart = summaryChartSpec(inScope, focusAreas, labels);
  const timelines = timelineChartSpecs(inScope, focusAreas, req.kind === 'roadmap' || req.kind === 'focus_area' ? 'focusArea' : 'objective', lang, labels);
  const objectiveOf = new Map(snapshot.objectives.map((o) => [o.code, o]));
  const noDataRow = (o: ObjectiveStatusView, i: IndicatorStatusView): NoDataRow => ({
    code: o.code,
    objective: o.title,
    indicator: i.name,
    objectiveLang: o.lang,
    indicatorLang: i.lang,
    leadBody: o.leadBody,
    nextTarget: nextTarget(i, req.asOf, lang, labels),
  });

  const updates = objectiveUpdates(inputs.review ?? null, inScope, lang);
  const model: Omit<ReportModel, 'dataHash'> = {
    lang,
    labels,
    more,
    reviewLabels: { ...REVIEW_LABELS[lang], ...REVIEW_REPORT_LABELS[lang] },
    review: inputs.review ? { official: inputs.review.official } : null,
    firstPage: firstPage(inputs.review ?? null, inScope, req.period, lang, labels, inputs.timeZone),
    request: { kind: req.kind, scope: req.scope, period: req.period.id, asOf: req.asOf },
    ...(req.kind === 'region' && inputs.regional ? { regional: regionalSection(inputs.regional, inScope, req.asOf, lang, labels) } : {}),
    cover: {
      title: req.kind === 'region' ? REGIONAL_REPORT_LABELS[lang].title : labels.reportTitle,
      subtitle: labels.roadmapTitle,
      scopeLabel,
      periodLabel: periodLabel(req.period, lang),
      asOfLabel: formatDate(req.asOf, lang),
      generatedAtLabel: formatDateTime(inputs.generatedAt, lang, inputs.timeZone),
      republic: more.republic,
      ministry: inputs.ministry,
      delegation: more.delegation,
    },
    summary: {
      total: inScope.length,
      totalLabel: inScope.length === 1 || (lang === 'fr' && inScope.length === 0) ? more.objectivesOne : more.objectivesOther,
      counts: STATUS_ORDER.map((s) => ({ badge: badge(s, labels), count: countIn(inScope, s) })).filter((c) => c.count > 0),
      chart: summaryChart,
    },
    timelines,
    milestones: milestoneCharts(inScope, focusAreas, req.asOf, lang),
    changes: changesSince(inputs, inScope, codes, lang, labels),
    focusAreas: focusAreas.map((f) => ({
      number: f.number,
      title: f.title,
      lang: f.lang,
      priorities: f.priorities
        .filter((p) => inScope.some((o) => o.priority === p.number))
        .map((p) => {
          const objectives = inScope.filter((o) => o.priority === p.number);
          return {
            number: p.number,
            title: p.title,
            lang: p.lang,
            objectives: objectives.map((o) => ({
              ...objectiveRow(o, req, lang, labels),
              update: updates.get(o.code) ?? null,
              charts: o.indicators.filter((i) => series(i).length > 0).map((i) => indicatorChart(o, i, series(i), lang, labels)),
            })),
            noDataYet: objectives.flatMap((o) => o.indicators.filter((i) => series(i).length === 0).map((i) => noDataRow(o, i))),
          };
        }),
    })),
    stale: snapshot.stale
      .filter((s) => codes.has(s.objectiveCode))
      .sort((a, b) => byCode(a.objectiveCode, b.objectiveCode) || a.latestObservedAt.localeCompare(b.latestObservedAt))
      .map((s) => ({
        code: s.objectiveCode,
        indicator: s.name,
        leadBody: s.leadBody,
        latest: formatDate(s.latestObservedAt, lang),
        frequency: labels.frequency[s.frequency as 'monthly'] ?? s.frequency,
      })),
    noData: snapshot.noData
      .filter((n) => codes.has(n.objectiveCode))
      .sort((a, b) => byCode(a.objectiveCode, b.objectiveCode))
      .map((n) => {
        const o = objectiveOf.get(n.objectiveCode)!;
        return noDataRow(
          o,
          o.indicators.find((i) => i.id === n.indicatorId)!,
        );
      }),
    statuses: Object.fromEntries(inScope.map((o) => [o.code, o.status])),
  };
  // Everything but the generation time goes into the data hash.
  const { cover: _cover, ...figures } = model;
  const dataHash = createHash('sha256')
    .update(JSON.stringify({ figures, asOf: req.asOf, inScope, series: inScope.flatMap((o) => o.indicators.map((i) => series(i))) }))
    .digest('hex');
  // French typography (non-breaking spaces, "4ᵉ") on everything the page shows; the figures stay as they are.
  return { ...(lang === 'fr' ? frenchTypography(model) : model), dataHash };
}

/** The target an indicator works towards as of asOf: its earliest one not yet due, else its last. */
function nextTarget(i: IndicatorStatusView, asOf: string, lang: Lang, labels: Labels): NoDataRow['nextTarget'] {
  const t = i.targets.find((x) => x.dueDate >= asOf) ?? i.targets[i.targets.length - 1];
  return t
    ? { value: `${t.exclusive ? `${labels.moreThan} ` : ''}${formatValue(t.value, i.unit, lang)}`, due: `${labels.due} ${formatDate(t.dueDate, lang)}` }
    : null;
}

function objectiveRow(o: ObjectiveStatusView, req: ReportRequest, lang: Lang, labels: Labels) {
  return {
    code: o.code,
    title: o.title,
    lang: o.lang,
    leadBody: o.leadBody,
    role: req.kind === 'body' ? (o.leadBody === req.scope ? labels.lead : labels.contributor) : null,
    badge: badge(o.status, labels),
    indicators: o.indicators.map((i) => ({
      name: i.name,
      lang: i.lang,
      latest: i.latest ? `${formatValue(i.latest.value, i.unit, lang)} (${formatDate(i.latest.date, lang)})` : '–',
      targets: [...i.targets]
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
        .map((t) => ({
          target: `${t.exclusive ? `${labels.moreThan} ` : ''}${formatValue(t.value, i.unit, lang)} · ${labels.due} ${formatDate(t.dueDate, lang)}`,
          expected: formatValue(t.expected, i.unit, lang),
          badge: badge(t.status, labels),
          // "Au rythme actuel, cible atteinte en mars 2028 : 15 mois de retard"; nothing to say without a value, or once reached (the badge says it).
          forecast: t.forecast && t.status !== 'no_data' && t.forecast.kind !== 'reached' ? forecastSentence(t.forecast, i.unit, lang) : null,
        })),
    })),
    milestones: [...o.milestones]
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map((m) => ({
        label: m.title,
        lang: m.lang,
        due: formatDate(m.dueDate, lang),
        state: labels.states[m.state],
        badge: badge(m.status, labels),
        note:
          m.state === 'done' && m.completedOn
            ? `${labels.completedOn} ${formatDate(m.completedOn, lang)}${m.daysLate ? ` (${m.daysLate} ${labels.daysLate})` : ''}`
            : m.status === 'missed' && m.daysLate
              ? `${m.daysLate} ${labels.daysLate}`
              : null,
      })),
  };
}

/** Status transitions since the previous report, and what was recorded since; sorted by objective, then date. */
function changesSince(inputs: ReportInputs, inScope: ObjectiveStatusView[], codes: Set<string>, lang: Lang, labels: Labels): ReportModel['changes'] {
  const previous = inputs.previous;
  return {
    previous: previous ? { id: previous.id, asOfLabel: formatDate(previous.asOf, lang) } : null,
    transitions: previous
      ? inScope
          .filter((o) => previous.statuses[o.code] && previous.statuses[o.code] !== o.status)
          .sort((a, b) => byCode(a.code, b.code))
          .map((o) => ({ code: o.code, title: o.title, from: badge(previous.statuses[o.code], labels), to: badge(o.status, labels) }))
      : [],
    newValues: inputs.recorded.values
      .filter((v) => codes.has(v.objectiveCode))
      .sort((a, b) => byCode(a.objectiveCode, b.objectiveCode) || a.indicatorId - b.indicatorId || a.observedAt.localeCompare(b.observedAt))
      .map((v) => ({
        code: v.objectiveCode,
        indicator: v.indicatorName,
        value: formatValue(v.value, v.unit, lang),
        observedAt: formatDate(v.observedAt, lang),
        correction: v.correction,
        comment: v.comment,
      })),
    milestonesCompleted: inputs.recorded.milestonesCompleted
      .filter((m) => codes.has(m.objectiveCode))
      .sort((a, b) => byCode(a.objectiveCode, b.objectiveCode) || a.completedOn.localeCompare(b.completedOn))
      .map((m) => ({ code: m.objectiveCode, title: m.title, completedOn: formatDate(m.completedOn, lang) })),
    revisions: revisionRows(inputs.revisions ?? [], codes, lang, inputs.timeZone),
  };
}
