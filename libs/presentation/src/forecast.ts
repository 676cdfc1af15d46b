import type { TargetForecast } from '@app/status';
import { formatValue, plural, typography } from './format';
import { FORECAST_LABELS } from './labels/forecast';
import { LABELS } from './labels/report';
import type { Lang } from './lang';
import { valueDecimals } from './precision';

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** "mars 2028" / "March 2028": the sentence names a month, as the months late are counted on the calendar. */
export function formatMonth(iso: string, lang: Lang): string {
  const [y, m] = iso.split('-').map(Number);
  return cached(`month|${lang}`, () => new Intl.DateTimeFormat(LOCALE[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' })).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/**
 * A projected value: a projection has no nine-digit precision, so from a million up it reads "310
 * millions" / "310 million" (three significant digits; French "de" before a unit: "2,5 millions de
 * documents/an"); below, the value rounded to its unit's decimals and formatted as everywhere else.
 */
export function formatProjectedValue(value: number, unit: string, lang: Lang): string {
  if (Math.abs(value) < 1e6 || unit === 'percent') {
    const d = 10 ** valueDecimals(unit);
    return formatValue(Math.round(value * d) / d, unit, lang);
  }
  const compact = cached(
    `compact|${lang}`,
    () => new Intl.NumberFormat(LOCALE[lang], { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3 }),
  ).format(value);
  const u = LABELS[lang].units[unit] ?? '';
  return u ? `${compact} ${lang === 'fr' ? 'de ' : ''}${u}` : compact;
}

/**
 * The forecast as one sentence, French first: « Au rythme actuel, cible atteinte en mars 2028 : 15
 * mois de retard » / "At the current pace, reached in March 2028: 15 months late"; on time, never
 * (with the value expected at the due date when that date is still ahead of the latest value),
 * reached, or not enough values.
 */
export function forecastSentence(forecast: TargetForecast, unit: string, lang: Lang): string {
  const l = FORECAST_LABELS[lang];
  const text = (() => {
    switch (forecast.kind) {
      case 'reached':
        return l.reached;
      case 'insufficient_data':
        return l.insufficientData;
      case 'on_pace':
        return l.onPace.replace('{month}', formatMonth(forecast.reachedOn, lang));
      case 'late':
        return l.late.replace('{month}', formatMonth(forecast.reachedOn, lang)).replace('{late}', plural(forecast.monthsLate, l.monthsLate, lang));
      case 'never':
        return forecast.expectedAtDue === null ? l.never : l.neverExpected.replace('{value}', formatProjectedValue(forecast.expectedAtDue, unit, lang));
    }
  })();
  return typography(text, lang);
}
