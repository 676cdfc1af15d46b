import type { IndicatorStatusView, ObjectiveStatusView } from '@app/snapshots';
import { Status, STATUS_ORDER } from '@app/status';
import { BadgeVariant, STATUS_BADGE_VARIANTS, STATUS_COLORS } from './colors';
import { formatDate, formatValue } from './format';
import type { Labels } from './labels/report';
import type { Lang } from './lang';

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
  type: 'summary' | 'timeline' | 'indicator';
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
  return { status, label: labels.statuses[status], background: STATUS_COLORS[status].background, text: STATUS_COLORS[status].text, variant: STATUS_BADGE_VARIANTS[status] };
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

