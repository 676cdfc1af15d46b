/**
 * How territories are coloured: by status (the status colours of every other page) or by value (a
 * sequential ramp in up to five classes of about as many territories each). Each way gives the
 * legend (colour + words) and, per territory code, the class and the value as text.
 */
import type { Status } from '@app/status';
import { fillLabel, LABELS, STATUS_COLORS, type Lang } from '@app/presentation';
import { TERRITORIES_LABELS } from '@app/presentation/labels/territories';

/** One class of the legend. */
export interface MapClass {
  key: string;
  colour: string;
  label: string;
}

/** What the map shows for one territory: its class and its value as text ("12,5 %", "En retard"). */
export interface MapDatum {
  code: string;
  classKey: string;
  valueText: string;
}

export interface Classified {
  classes: MapClass[];
  data: MapDatum[];
}

/**
 * ColorBrewer's "Blues" (Cynthia Brewer, Apache-2.0): one hue from light to dark, so classes stay in
 * order for colour-blind readers and in greyscale print.
 */
export const VALUE_RAMP = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

/** The most classes a value map has: more cannot be told apart reliably. */
export const MAX_VALUE_CLASSES = 5;

/** Territories coloured by their status, with the statuses present in the legend, in the order given. */
export function classifyByStatus(entries: readonly { code: string; status: Status; valueText?: string }[], lang: Lang): Classified {
  const present = new Set(entries.map((entry) => entry.status));
  const order = Object.keys(STATUS_COLORS) as Status[];
  return {
    classes: order
      .filter((status) => present.has(status))
      .map((status) => ({ key: status, colour: STATUS_COLORS[status].background, label: LABELS[lang].statuses[status] })),
    data: entries.map((entry) => ({
      code: entry.code,
      classKey: entry.status,
      valueText: entry.valueText ?? LABELS[lang].statuses[entry.status],
    })),
  };
}

/**
 * Territories coloured by value: class bounds at the quantiles of the values (each class holds about
 * as many territories), at most five classes, fewer when there are fewer distinct values. A class
 * runs from its lower bound to under the next one; the last includes the largest value.
 */
export function classifyByValue(entries: readonly { code: string; value: number }[], lang: Lang, format: (value: number) => string): Classified {
  const bounds = quantileBounds(entries.map((entry) => entry.value));
  const colours = rampOf(bounds.length - 1);
  const words = TERRITORIES_LABELS[lang];
  const classes = colours.map((colour, k) => {
    const last = k === colours.length - 1;
    const from = format(bounds[k]);
    const to = format(bounds[k + 1]);
    const label = bounds[k] === bounds[k + 1] ? from : fillLabel(last ? words.mapRangeLast : words.mapRange, { from, to });
    return { key: `c${k + 1}`, colour, label };
  });
  return {
    classes,
    data: entries.map((entry) => ({ code: entry.code, classKey: classes[classIndex(bounds, entry.value)].key, valueText: format(entry.value) })),
  };
}

/** The class bounds: the smallest value, the inner quantiles, the largest value (no bound twice). */
export function quantileBounds(values: readonly number[]): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const distinct = new Set(sorted).size;
  const count = Math.min(MAX_VALUE_CLASSES, distinct);
  if (count === 1) return [sorted[0], sorted[0]];
  const bounds = [sorted[0]];
  for (let k = 1; k < count; k += 1) {
    const bound = sorted[Math.floor((k * sorted.length) / count)];
    if (bound > bounds[bounds.length - 1]) bounds.push(bound);
  }
  bounds.push(sorted[sorted.length - 1]);
  return bounds;
}

function classIndex(bounds: readonly number[], value: number): number {
  for (let k = bounds.length - 2; k > 0; k -= 1) if (value >= bounds[k]) return k;
  return 0;
}

/** `count` colours spread over the ramp, lightest first (one class: the middle colour). */
function rampOf(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [VALUE_RAMP[2]];
  return Array.from({ length: count }, (_, k) => VALUE_RAMP[Math.round((k * (VALUE_RAMP.length - 1)) / (count - 1))]);
}
