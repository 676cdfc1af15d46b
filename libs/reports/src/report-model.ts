import { createHash } from 'node:crypto';
import type { IndicatorStatusView, ObjectiveStatusView, StatusSnapshot } from '@app/snapshots';
import { Status, STATUS_ORDER } from '@app/status';
import { STATUS_COLORS } from './colors';
import { formatDate, formatDateTime, formatValue, Labels, LABELS, Lang, periodLabel } from './i18n';
import type { Period } from './period';

export type ReportKind = 'roadmap' | 'focus_area' | 'body' | 'objective';
export const REPORT_KINDS: readonly ReportKind[] = ['roadmap', 'focus_area', 'body', 'objective'];

export interface ReportRequest {
  kind: ReportKind;
  /** Focus-area number, body acronym or objective code; null for the whole roadmap. */
  scope: string | null;
  period: Period;
  asOf: string;
  lang: Lang;
}

export interface RoadmapOutline {
  focusAreas: { number: number; title: string; subtitle: string; priorities: { number: number; title: string }[] }[];
  bodies: { acronym: string; name: string; englishName: string }[];
}

export interface RecordedChange {
  values: { indicatorId: number; objectiveCode: string; indicatorName: string; unit: string; value: number; observedAt: string; recordedAt: string; correction: boolean; comment: string | null }[];
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
}

export interface Badge {
  status: Status;
  label: string;
  background: string;
  text: string;
}
export interface ChartSpec {
  id: string;
  type: 'summary' | 'timeline' | 'indicator';
  title: string;
  /** Plain data the client script turns into a chart.js chart. */
  data: unknown;
  /** The same data as a table, for screen readers and for print. */
  table: { headers: string[]; rows: string[][] };
}

export interface ReportModel {
  lang: Lang;
  labels: Labels;
  request: { kind: ReportKind; scope: string | null; period: string; asOf: string };
  cover: { title: string; subtitle: string; scopeLabel: string; periodLabel: string; asOfLabel: string; generatedAtLabel: string };
  summary: { total: number; counts: { badge: Badge; count: number }[]; chart: ChartSpec };
  timeline: ChartSpec;
  changes: {
    previous: { id: string; asOfLabel: string } | null;
    transitions: { code: string; title: string; from: Badge; to: Badge }[];
    newValues: { code: string; indicator: string; value: string; observedAt: string; correction: boolean; comment: string | null }[];
    milestonesCompleted: { code: string; title: string; completedOn: string }[];
  };
  focusAreas: {
    number: number;
    title: string;
    priorities: {
      number: number;
      title: string;
      objectives: {
        code: string;
        title: string;
        leadBody: string;
        role: string | null;
        badge: Badge;
        indicators: { name: string; latest: string; targets: { target: string; expected: string; badge: Badge }[] }[];
        milestones: { label: string; due: string; state: string; badge: Badge; note: string | null }[];
        charts: ChartSpec[];
      }[];
    }[];
  }[];
  stale: { code: string; indicator: string; leadBody: string; latest: string; frequency: string }[];
  noData: { code: string; indicator: string; leadBody: string }[];
  /** Objective code → status, kept with the report for the next one's "what changed". */
  statuses: Record<string, Status>;
  /** SHA-256 of every figure in the report (not its generation time): same asOf, same hash. */
  dataHash: string;
}

export class ReportScopeError extends Error {}

/** A decimal year (2024.5 ≈ 1 July 2024): the charts' x axis, with no date library in the page. */
export function decimalYear(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const start = Date.UTC(y, 0, 1);
  const next = Date.UTC(y + 1, 0, 1);
  return Math.round((y + (Date.UTC(y, m - 1, d) - start) / (next - start)) * 10000) / 10000;
}

function badge(status: Status, labels: Labels): Badge {
  return { status, label: labels.statuses[status], ...{ background: STATUS_COLORS[status].background, text: STATUS_COLORS[status].text } };
}

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
  }
}

/** Objectives per status, per focus area: a stacked bar. */
export function summaryChartSpec(inScope: ObjectiveStatusView[], focusAreas: { number: number; title: string }[], labels: Labels): ChartSpec {
  const countIn = (list: ObjectiveStatusView[], st: Status) => list.filter((o) => o.status === st).length;
  return {
    id: 'summary',
    type: 'summary',
    title: labels.objectivesPerStatus,
    data: {
      labels: focusAreas.map((f) => `${f.number}. ${f.title}`),
      datasets: STATUS_ORDER.map((st) => ({
        status: st,
        label: labels.statuses[st],
        color: STATUS_COLORS[st].background,
        data: focusAreas.map((f) => countIn(inScope.filter((o) => o.focusArea === f.number), st)),
      })).filter((d) => d.data.some((n) => n > 0)),
    },
    table: {
      headers: [labels.focusArea, ...STATUS_ORDER.map((st) => labels.statuses[st])],
      rows: focusAreas.map((f) => [`${f.number}. ${f.title}`, ...STATUS_ORDER.map((st) => String(countIn(inScope.filter((o) => o.focusArea === f.number), st)))]),
    },
  };
}

/**
 * Every target and milestone at its due date, coloured by status; one row per focus area (or per
 * objective for a narrow scope). Items due the same day in the same row are spread vertically.
 */
export function timelineChartSpec(
  inScope: ObjectiveStatusView[],
  focusAreas: { number: number; title: string }[],
  rowsOf: 'focusArea' | 'objective',
  lang: Lang,
  labels: Labels,
): ChartSpec {
  const rowKeys = rowsOf === 'focusArea' ? focusAreas.map((f) => String(f.number)) : inScope.map((o) => o.code);
  const rowLabels = rowsOf === 'focusArea' ? focusAreas.map((f) => `${f.number}. ${f.title}`) : inScope.map((o) => o.code);
  const stack = new Map<string, number>();
  const items = inScope.flatMap((o) => [
    ...o.indicators.flatMap((i) => i.targets.map((t) => ({ o, kind: 'target' as const, date: t.dueDate, status: t.status, text: `${o.code} · ${i.name} : ${formatValue(t.value, i.unit, lang)}` }))),
    ...o.milestones.map((m) => ({ o, kind: 'milestone' as const, date: m.dueDate, status: m.status, text: `${o.code} · ${m.title}` })),
  ]);
  items.sort((a, b) => a.date.localeCompare(b.date) || a.o.code.localeCompare(b.o.code, undefined, { numeric: true }));
  const points = items.map((item) => {
    const row = rowKeys.indexOf(rowsOf === 'focusArea' ? String(item.o.focusArea) : item.o.code);
    const key = `${row}|${item.date}`;
    const n = stack.get(key) ?? 0;
    stack.set(key, n + 1);
    return { x: decimalYear(item.date), y: row + Math.min(0.42, n * 0.07) - 0.2, kind: item.kind, status: item.status, color: STATUS_COLORS[item.status].background, label: `${item.text} · ${formatDate(item.date, lang)} · ${labels.statuses[item.status]}` };
  });
  return {
    id: 'timeline',
    type: 'timeline',
    title: labels.timeline,
    data: {
      rows: rowLabels,
      points,
      legend: STATUS_ORDER.filter((st) => points.some((p) => p.status === st)).map((st) => ({ status: st, label: labels.statuses[st], color: STATUS_COLORS[st].background })),
      targetLabel: labels.target,
      milestoneLabel: labels.milestone,
      // A little past both ends, so marks due on 31 December 2027 are not cut in half.
      xMin: 2022.95,
      xMax: 2028.05,
    },
    table: {
      headers: [labels.date, labels.code, labels.title, labels.status],
      rows: items.map((i) => [formatDate(i.date, lang), i.o.code, i.text, labels.statuses[i.status]]),
    },
  };
}

export function indicatorChart(o: ObjectiveStatusView, i: IndicatorStatusView, series: { date: string; value: number }[], lang: Lang, labels: Labels): ChartSpec {
  const measured = series.map((p) => ({ x: decimalYear(p.date), y: p.value, label: `${formatDate(p.date, lang)} : ${formatValue(p.value, i.unit, lang)}` }));
  const trajectories = i.baseline
    ? i.targets.map((t) => ({
        label: `${labels.trajectory} → ${formatValue(t.value, i.unit, lang)} (${formatDate(t.dueDate, lang)})`,
        points: [
          { x: decimalYear(i.baseline!.date), y: i.baseline!.value },
          { x: decimalYear(t.dueDate), y: t.value },
        ],
      }))
    : [];
  const targets = i.targets.map((t) => ({ x: decimalYear(t.dueDate), y: t.value, status: t.status, color: STATUS_COLORS[t.status].background, label: `${labels.target} ${formatValue(t.value, i.unit, lang)} · ${formatDate(t.dueDate, lang)} · ${labels.statuses[t.status]}` }));
  return {
    id: `indicator-${i.id}`,
    type: 'indicator',
    title: `${o.code} · ${i.name}`,
    data: { unit: labels.units[i.unit] ?? '', lang, measured, measuredLabel: labels.measured, trajectories, targets, baselineLabel: labels.baseline, xMin: 2021.95, xMax: 2028.05 },
    table: {
      headers: [labels.date, labels.value, ''],
      rows: [
        ...(i.baseline ? [[formatDate(i.baseline.date, lang), formatValue(i.baseline.value, i.unit, lang), labels.baseline]] : []),
        ...series.map((p) => [formatDate(p.date, lang), formatValue(p.value, i.unit, lang), labels.measured]),
        ...i.targets.map((t) => [formatDate(t.dueDate, lang), formatValue(t.value, i.unit, lang), `${labels.target} · ${labels.statuses[t.status]}`]),
      ],
    },
  };
}

export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { request: req, snapshot, roadmap } = inputs;
  const lang = req.lang;
  const labels = LABELS[lang];
  const inScope = objectivesInScope(req, snapshot, roadmap);
  const codes = new Set(inScope.map((o) => o.code));

  const scopeLabel =
    req.kind === 'roadmap'
      ? labels.kinds.roadmap
      : req.kind === 'focus_area'
        ? `${labels.focusArea} ${req.scope} · ${roadmap.focusAreas.find((f) => f.number === Number(req.scope))!.title}`
        : req.kind === 'body'
          ? `${req.scope} · ${((b) => (lang === 'fr' ? b.name : b.englishName))(roadmap.bodies.find((b) => b.acronym === req.scope)!)}`
          : `${labels.objective} ${req.scope} · ${inScope[0].title}`;

  const focusAreas = roadmap.focusAreas.filter((f) => inScope.some((o) => o.focusArea === f.number));
  const countIn = (list: ObjectiveStatusView[], st: Status) => list.filter((o) => o.status === st).length;
  const summaryChart = summaryChartSpec(inScope, focusAreas, labels);
  const timeline = timelineChartSpec(inScope, focusAreas, req.kind === 'roadmap' || req.kind === 'focus_area' ? 'focusArea' : 'objective', lang, labels);

  const previous = inputs.previous;
  const changes: ReportModel['changes'] = {
    previous: previous ? { id: previous.id, asOfLabel: formatDate(previous.asOf, lang) } : null,
    transitions: previous
      ? inScope
          .filter((o) => previous.statuses[o.code] && previous.statuses[o.code] !== o.status)
          .map((o) => ({ code: o.code, title: o.title, from: badge(previous.statuses[o.code], labels), to: badge(o.status, labels) }))
      : [],
    newValues: inputs.recorded.values
      .filter((v) => codes.has(v.objectiveCode))
      .map((v) => ({ code: v.objectiveCode, indicator: v.indicatorName, value: formatValue(v.value, v.unit, lang), observedAt: formatDate(v.observedAt, lang), correction: v.correction, comment: v.comment })),
    milestonesCompleted: inputs.recorded.milestonesCompleted
      .filter((m) => codes.has(m.objectiveCode))
      .map((m) => ({ code: m.objectiveCode, title: m.title, completedOn: formatDate(m.completedOn, lang) })),
  };

  const model: Omit<ReportModel, 'dataHash'> = {
    lang,
    labels,
    request: { kind: req.kind, scope: req.scope, period: req.period.id, asOf: req.asOf },
    cover: {
      title: labels.reportTitle,
      subtitle: labels.roadmapTitle,
      scopeLabel,
      periodLabel: periodLabel(req.period, lang),
      asOfLabel: formatDate(req.asOf, lang),
      generatedAtLabel: formatDateTime(inputs.generatedAt, lang, inputs.timeZone),
    },
    summary: {
      total: inScope.length,
      counts: STATUS_ORDER.map((s) => ({ badge: badge(s, labels), count: countIn(inScope, s) })).filter((c) => c.count > 0),
      chart: summaryChart,
    },
    timeline,
    changes,
    focusAreas: focusAreas.map((f) => ({
      number: f.number,
      title: f.title,
      priorities: f.priorities
        .filter((p) => inScope.some((o) => o.priority === p.number))
        .map((p) => ({
          number: p.number,
          title: p.title,
          objectives: inScope
            .filter((o) => o.priority === p.number)
            .map((o) => ({
              code: o.code,
              title: o.title,
              leadBody: o.leadBody,
              role: req.kind === 'body' ? (o.leadBody === req.scope ? labels.lead : labels.contributor) : null,
              badge: badge(o.status, labels),
              indicators: o.indicators.map((i) => ({
                name: i.name,
                latest: i.latest ? `${formatValue(i.latest.value, i.unit, lang)} (${formatDate(i.latest.date, lang)})` : '–',
                targets: i.targets.map((t) => ({
                  target: `${t.exclusive ? `${labels.moreThan} ` : ''}${formatValue(t.value, i.unit, lang)} · ${labels.due} ${formatDate(t.dueDate, lang)}`,
                  expected: formatValue(t.expected, i.unit, lang),
                  badge: badge(t.status, labels),
                })),
              })),
              milestones: o.milestones.map((m) => ({
                label: m.title,
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
              charts: o.indicators.map((i) => indicatorChart(o, i, inputs.series[i.id] ?? [], lang, labels)),
            })),
        })),
    })),
    stale: snapshot.stale
      .filter((s) => codes.has(s.objectiveCode))
      .map((s) => ({ code: s.objectiveCode, indicator: s.name, leadBody: s.leadBody, latest: formatDate(s.latestObservedAt, lang), frequency: labels.frequency[s.frequency as 'monthly'] ?? s.frequency })),
    noData: snapshot.noData.filter((n) => codes.has(n.objectiveCode)).map((n) => ({ code: n.objectiveCode, indicator: n.name, leadBody: n.leadBody })),
    statuses: Object.fromEntries(inScope.map((o) => [o.code, o.status])),
  };
  // Everything but the generation time goes into the data hash.
  const { cover: _cover, ...figures } = model;
  const dataHash = createHash('sha256').update(JSON.stringify({ figures, asOf: req.asOf, inScope, series: inScope.flatMap((o) => o.indicators.map((i) => inputs.series[i.id] ?? [])) })).digest('hex');
  return { ...model, dataHash };
}
