import type { MilestoneStatusView, ObjectiveStatusView, TargetStatusView } from '@app/snapshots';
import { byCode, ChartSpec, decimalYear } from './charts';
import { chunkRows, layoutRows, shortLabel, TIMELINE_X_MAX, TIMELINE_X_MIN } from './chart-rows';
import { formatDate, formatValue } from './format';
import { MILESTONE_CHART_STATES, MILESTONE_LABELS, MilestoneChartState } from './labels/milestones';
import type { Lang } from './lang';

/**
 * Colours of the four milestone states (DSFR's success green, info blue, a grey, error red), each with
 * a text colour passing WCAG AA on it. Marks always have a dark outline, so the grey shows on white.
 */
export const MILESTONE_STATE_COLORS: Record<MilestoneChartState, { background: string; text: string }> = {
  done: { background: '#18753c', text: '#ffffff' },
  in_progress: { background: '#0063cb', text: '#ffffff' },
  not_started: { background: '#dddddd', text: '#161616' },
  late: { background: '#ce0500', text: '#ffffff' },
};

/** Done; else late once its due date has passed (as of asOf); else in progress or not started. */
export function milestoneChartState(m: Pick<MilestoneStatusView, 'state' | 'dueDate'>, asOf: string): MilestoneChartState {
  if (m.state === 'done') return 'done';
  if (m.dueDate < asOf) return 'late';
  return m.state;
}

/** A numeric target on the same scale: achieved is done, missed is late, without data not started, else in progress. */
export function targetChartState(t: Pick<TargetStatusView, 'status'>): MilestoneChartState {
  switch (t.status) {
    case 'achieved':
      return 'done';
    case 'missed':
      return 'late';
    case 'no_data':
    case 'not_started':
      return 'not_started';
    default:
      return 'in_progress';
  }
}

const legendOf = (lang: Lang) =>
  MILESTONE_CHART_STATES.map((s) => ({ state: s, label: MILESTONE_LABELS[lang].states[s], color: MILESTONE_STATE_COLORS[s].background }));

/** Milestones per state, per focus area: a stacked bar, with its table (and a total per focus area). */
export function milestoneCountsChartSpec(inScope: ObjectiveStatusView[], focusAreas: { number: number; title: string }[], asOf: string, lang: Lang): ChartSpec {
  const l = MILESTONE_LABELS[lang];
  const counts = focusAreas.map((f) => {
    const states = inScope.filter((o) => o.focusArea === f.number).flatMap((o) => o.milestones.map((m) => milestoneChartState(m, asOf)));
    return Object.fromEntries(MILESTONE_CHART_STATES.map((s) => [s, states.filter((x) => x === s).length])) as Record<MilestoneChartState, number>;
  });
  const rowLabel = (f: { number: number; title: string }) => `${f.number}. ${f.title}`;
  return {
    id: 'milestone-counts',
    type: 'summary',
    title: l.countsTitle,
    data: {
      labels: focusAreas.map((f) => shortLabel(rowLabel(f), 40)),
      datasets: MILESTONE_CHART_STATES.map((s) => ({
        state: s,
        label: l.states[s],
        color: MILESTONE_STATE_COLORS[s].background,
        data: counts.map((c) => c[s]),
      })),
      height: 40 + 34 * Math.max(1, focusAreas.length),
    },
    table: {
      headers: [l.focusArea, ...MILESTONE_CHART_STATES.map((s) => l.states[s]), l.total],
      rows: focusAreas.map((f, k) => [
        rowLabel(f),
        ...MILESTONE_CHART_STATES.map((s) => String(counts[k][s])),
        String(MILESTONE_CHART_STATES.reduce((n, s) => n + counts[k][s], 0)),
      ]),
    },
  };
}

/**
 * The Gantt of a scope: one row per objective that has a milestone or a dated target, its
 * milestones and targets at their due dates coloured by state, a span from its first to its last
 * due date, and a vertical line at the as-of date. One chart per focus area, cut in parts of at most
 * maxRows objectives, so each fits a printed page.
 */
export function milestoneGanttSpecs(
  inScope: ObjectiveStatusView[],
  focusAreas: { number: number; title: string }[],
  asOf: string,
  lang: Lang,
  maxRows = 24,
): ChartSpec[] {
  const withItems = inScope.filter((o) => o.milestones.length || o.indicators.some((i) => i.targets.length)).sort((a, b) => byCode(a.code, b.code));
  const groups = focusAreas.map((f) => withItems.filter((o) => o.focusArea === f.number));
  const chunks = chunkRows(groups, maxRows);
  const l = MILESTONE_LABELS[lang];
  return chunks.map((chunk, k) => {
    const f = focusAreas.find((fa) => fa.number === chunk[0].focusArea)!;
    const continued = k > 0 && chunks[k - 1][0].focusArea === f.number;
    return milestoneGanttSpec(chunk, asOf, lang, {
      id: `gantt-${k + 1}`,
      title: `${l.ganttTitle} · ${l.focusArea} ${f.number}${continued ? ` (${l.part})` : ''}`,
    });
  });
}

export function milestoneGanttSpec(objectives: ObjectiveStatusView[], asOf: string, lang: Lang, part: { id: string; title: string }): ChartSpec {
  const l = MILESTONE_LABELS[lang];
  const items = objectives.flatMap((o, row) => [
    ...o.milestones.map((m) => ({
      o,
      row,
      kind: 'milestone' as const,
      date: m.dueDate,
      state: milestoneChartState(m, asOf),
      text: m.title,
      stateLabel: l.states[milestoneChartState(m, asOf)],
    })),
    ...o.indicators.flatMap((i) =>
      i.targets.map((t) => ({
        o,
        row,
        kind: 'target' as const,
        date: t.dueDate,
        state: targetChartState(t),
        text: `${i.name} : ${formatValue(t.value, i.unit, lang)}`,
        stateLabel: l.targetStates[targetChartState(t)],
      })),
    ),
  ]);
  items.sort((a, b) => a.row - b.row || a.date.localeCompare(b.date) || (a.kind === b.kind ? 0 : a.kind === 'milestone' ? -1 : 1));
  const layout = layoutRows(
    objectives.map((o) => shortLabel(`${o.code} · ${o.title}`)),
    items.map((item) => ({ item, row: item.row, x: decimalYear(item.date) })),
  );
  const spans = layout.rows.map((r, row) => {
    const xs = layout.marks.filter((m) => m.row === row).map((m) => m.x);
    return { y: r.center, from: Math.min(...xs), to: Math.max(...xs) };
  });
  return {
    id: part.id,
    type: 'gantt',
    title: part.title,
    data: {
      rows: layout.rows,
      yMax: layout.yMax,
      height: layout.height,
      spans,
      points: layout.marks.map(({ item, x, y }) => ({
        x,
        y,
        kind: item.kind,
        state: item.state,
        color: MILESTONE_STATE_COLORS[item.state].background,
        label: `${item.o.code} · ${item.text} · ${formatDate(item.date, lang)} · ${item.stateLabel}`,
      })),
      today: { x: decimalYear(asOf), label: `${l.today} ${formatDate(asOf, lang)}` },
      legend: legendOf(lang),
      milestoneLabel: l.milestone,
      targetLabel: l.target,
      xMin: TIMELINE_X_MIN,
      xMax: TIMELINE_X_MAX,
    },
    table: {
      headers: [l.objective, l.item, l.kind, l.dueDate, l.state],
      rows: items.map((i) => [i.o.code, i.text, i.kind === 'milestone' ? l.milestone : l.target, formatDate(i.date, lang), i.stateLabel]),
    },
  };
}

/** Everything the milestone section of a page or report shows. */
export function milestoneCharts(inScope: ObjectiveStatusView[], focusAreas: { number: number; title: string }[], asOf: string, lang: Lang) {
  const l = MILESTONE_LABELS[lang];
  const gantts = milestoneGanttSpecs(inScope, focusAreas, asOf, lang);
  return {
    title: l.section,
    intro: l.sectionIntro,
    ganttExplain: l.ganttExplain,
    empty: gantts.length === 0 ? l.noMilestones : null,
    counts: inScope.some((o) => o.milestones.length) ? milestoneCountsChartSpec(inScope, focusAreas, asOf, lang) : null,
    gantts,
    legend: legendOf(lang),
    milestoneLabel: l.milestone,
    targetLabel: l.target,
  };
}
export type MilestoneCharts = ReturnType<typeof milestoneCharts>;
