import type { IndicatorStatusView, ObjectiveStatusView } from '@app/snapshots';
import { Status, STATUS_ORDER } from '@app/status';
import { BadgeVariant, STATUS_BADGE_VARIANTS, STATUS_COLORS } from './colors';
import { formatDate, formatValue } from './format';
import type { Labels } from './labels/report';
import type { Lang } from './lang';
import { chunkRows, layoutRows, shortLabel, TIMELINE_X_MAX, TIMELINE_X_MIN } from './chart-rows';

export interface Badge {
  status: Status;
  label: string;
  background: string;
  text: string;
  /** DSFR's badge variant for the pages; the reports draw their own colours. */
  variant: BadgeVariant | null;
}
export interface ChartSpec {
  id: string;
  type: 'summary' | 'timeline' | 'indicator' | 'gantt';
  title: string;
  /** Plain data the client script turns into a chart.js chart. */
  data: unknown;
  /** The same data as a table, for screen readers and for print. */
  table: { headers: string[]; rows: string[][] };
}

/** A decimal year (2024.5 ≈ 1 July 2024): the charts' x axis, with no date library in the page. */
export function decimalYear(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const start = Date.UTC(y, 0, 1);
  const next = Date.UTC(y + 1, 0, 1);
  return Math.round((y + (Date.UTC(y, m - 1, d) - start) / (next - start)) * 10000) / 10000;
}

export function badge(status: Status, labels: Labels): Badge {
  return {
    status,
    label: labels.statuses[status],
    background: STATUS_COLORS[status].background,
    text: STATUS_COLORS[status].text,
    variant: STATUS_BADGE_VARIANTS[status],
  };
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
        data: focusAreas.map((f) =>
          countIn(
            inScope.filter((o) => o.focusArea === f.number),
            st,
          ),
        ),
      })).filter((d) => d.data.some((n) => n > 0)),
    },
    table: {
      headers: [labels.focusArea, ...STATUS_ORDER.map((st) => labels.statuses[st])],
      rows: focusAreas.map((f) => [
        `${f.number}. ${f.title}`,
        ...STATUS_ORDER.map((st) =>
          String(
            countIn(
              inScope.filter((o) => o.focusArea === f.number),
              st,
            ),
          ),
        ),
      ]),
    },
  };
}

/** Objective codes in roadmap order: "2-1" before "10-1". */
export const byCode = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true });

/**
 * Every target and milestone at its due date, coloured by status; one row per focus area (or per
 * objective for a narrow scope). Marks due close together in a row go on separate lanes, the chart
 * grows with its rows and lanes, and the x axis runs from 2023 to 2028.
 */
export function timelineChartSpec(
  inScope: ObjectiveStatusView[],
  focusAreas: { number: number; title: string }[],
  rowsOf: 'focusArea' | 'objective',
  lang: Lang,
  labels: Labels,
  part: { id?: string; title?: string } = {},
): ChartSpec {
  const rowKeys = rowsOf === 'focusArea' ? focusAreas.map((f) => String(f.number)) : inScope.map((o) => o.code);
  const rowLabels =
    rowsOf === 'focusArea' ? focusAreas.map((f) => shortLabel(`${f.number}. ${f.title}`, 40)) : inScope.map((o) => shortLabel(`${o.code} · ${o.title}`));
  const items = inScope.flatMap((o) => [
    ...o.indicators.flatMap((i) =>
      i.targets.map((t) => ({
        o,
        kind: 'target' as const,
        date: t.dueDate,
        status: t.status,
        text: `${o.code} · ${i.name} : ${formatValue(t.value, i.unit, lang)}`,
      })),
    ),
    ...o.milestones.map((m) => ({ o, kind: 'milestone' as const, date: m.dueDate, status: m.status, text: `${o.code} · ${m.title}` })),
  ]);
  items.sort((a, b) => byCode(a.o.code, b.o.code) || a.date.localeCompare(b.date));
  const layout = layoutRows(
    rowLabels,
    items.map((item) => ({ item, row: rowKeys.indexOf(rowsOf === 'focusArea' ? String(item.o.focusArea) : item.o.code), x: decimalYear(item.date) })),
  );
  const points = layout.marks.map(({ item, x, y }) => ({
    x,
    y,
    kind: item.kind,
    status: item.status,
    color: STATUS_COLORS[item.status].background,
    label: `${item.text} · ${formatDate(item.date, lang)} · ${labels.statuses[item.status]}`,
  }));
  return {
    id: part.id ?? 'timeline',
    type: 'timeline',
    title: part.title ?? labels.timeline,
    data: {
      rows: layout.rows,
      yMax: layout.yMax,
      height: layout.height,
      points,
      legend: STATUS_ORDER.filter((st) => points.some((p) => p.status === st)).map((st) => ({
        status: st,
        label: labels.statuses[st],
        color: STATUS_COLORS[st].background,
      })),
      targetLabel: labels.target,
      milestoneLabel: labels.milestone,
      xMin: TIMELINE_X_MIN,
      xMax: TIMELINE_X_MAX,
    },
    table: {
      headers: [labels.code, labels.title, labels.date, labels.status],
      rows: items.map((i) => [i.o.code, i.text, formatDate(i.date, lang), labels.statuses[i.status]]),
    },
  };
}

/**
 * The timeline of a scope as one chart, or, when it has more rows than a printed page holds, as one
 * chart per focus area (itself cut in parts of at most maxRows objectives).
 */
export function timelineChartSpecs(
  inScope: ObjectiveStatusView[],
  focusAreas: { number: number; title: string }[],
  rowsOf: 'focusArea' | 'objective',
  lang: Lang,
  labels: Labels,
  maxRows = 30,
): ChartSpec[] {
  if (rowsOf === 'focusArea' || inScope.length <= maxRows) return [timelineChartSpec(inScope, focusAreas, rowsOf, lang, labels)];
  const groups = focusAreas.map((f) => inScope.filter((o) => o.focusArea === f.number));
  return chunkRows(groups, maxRows).map((chunk, k) => {
    const f = focusAreas.find((fa) => fa.number === chunk[0].focusArea)!;
    return timelineChartSpec(chunk, focusAreas, 'objective', lang, labels, {
      id: `timeline-${k + 1}`,
      title: `${labels.timeline} · ${labels.focusArea} ${f.number}`,
    });
  });
}

export function indicatorChart(
  o: ObjectiveStatusView,
  i: IndicatorStatusView,
  series: { date: string; value: number }[],
  lang: Lang,
  labels: Labels,
): ChartSpec {
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
  const firstIsBaseline = !!i.baseline && series.length > 0 && series[0].date === i.baseline.date && series[0].value === i.baseline.value;
  const targets = i.targets.map((t) => ({
    x: decimalYear(t.dueDate),
    y: t.value,
    status: t.status,
    color: STATUS_COLORS[t.status].background,
    label: `${labels.target} ${formatValue(t.value, i.unit, lang)} · ${formatDate(t.dueDate, lang)} · ${labels.statuses[t.status]}`,
  }));
  return {
    id: `indicator-${i.id}`,
    type: 'indicator',
    title: `${o.code} · ${i.name}`,
    // From 2023 (or just before the first point, when the baseline or a value is older: a baseline of
    // 31 December 2022 sits on the left edge without a "2022" label) to 2028.
    data: {
      unit: labels.units[i.unit] ?? '',
      lang,
      measured,
      measuredLabel: labels.measured,
      trajectories,
      targets,
      baselineLabel: labels.baseline,
      xMin: Math.min(TIMELINE_X_MIN, ...[...measured, ...trajectories.flatMap((t) => t.points)].map((p) => Math.round((p.x - 0.04) * 1000) / 1000)),
      xMax: TIMELINE_X_MAX,
    },
    table: {
      headers: [labels.date, labels.value, ''],
      // In date order; on the same day, the baseline, then the measured value, then the target.
      rows: [
        // A baseline that is the first measured value is one row, not two.
        ...(i.baseline && !firstIsBaseline
          ? [{ date: i.baseline.date, row: [formatDate(i.baseline.date, lang), formatValue(i.baseline.value, i.unit, lang), labels.baseline] }]
          : []),
        ...series.map((p, k) => ({
          date: p.date,
          row: [
            formatDate(p.date, lang),
            formatValue(p.value, i.unit, lang),
            k === 0 && firstIsBaseline ? `${labels.measured} · ${labels.baseline}` : labels.measured,
          ],
        })),
        ...i.targets.map((t) => ({
          date: t.dueDate,
          row: [formatDate(t.dueDate, lang), formatValue(t.value, i.unit, lang), `${labels.target} · ${labels.statuses[t.status]}`],
        })),
      ]
        .map((r, k) => ({ ...r, k }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.k - b.k)
        .map((r) => r.row),
    },
  };
}
