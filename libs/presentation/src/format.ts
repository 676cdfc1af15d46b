import type { Period } from '@app/common';
import { LABELS } from './labels/report';
import type { Lang } from './lang';

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Intl formatters cost far more to build than to use: each one is built once. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `n|${lang}|${decimals}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: decimals })));
  return f;
}
function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions, name: string): Intl.DateTimeFormat {
  const key = `d|${lang}|${name}|${options.timeZone ?? ''}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(LOCALE[lang], options)));
  return f;
}

/** 250 000 000 (fr) or 250,000,000 (en); decimals only where they mean something (below 1 000). */
export function formatNumber(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return numberFormat(lang, Math.abs(value) >= 1000 ? 0 : 2).format(value);
}

export function formatValue(value: number | null | undefined, unit: string, lang: Lang): string {
  if (value === null || value === undefined) return '–';
  const u = LABELS[lang].units[unit] ?? '';
  if (unit === 'percent') return `${formatNumber(value, lang)}${lang === 'fr' ? '\u202f' : ''}%`;
  return u ? `${formatNumber(value, lang)} ${u}` : formatNumber(value, lang);
}

/**
 * 31 décembre 2025 / 31 December 2025 (calendar dates are not shifted by time zones). French writes
 * the first of the month "1er".
 */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const text = dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }, 'date').format(new Date(Date.UTC(y, m - 1, d)));
  return lang === 'fr' && d === 1 ? text.replace(/^1(?=\s)/, '1er') : text;
}

/**
 * An instant as a person reads it, in the given time zone (Europe/Paris for the ministry):
 * "24 novembre 2026 à 06 h 55" (French style, non-breaking spaces around "h") or
 * "24 November 2026 at 06:55". Never a raw UTC or ISO timestamp.
 */
export function formatDateTime(instant: string | Date | null | undefined, lang: Lang, timeZone: string): string {
  if (instant === null || instant === undefined || instant === '') return '–';
  const when = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(when.getTime())) return '–';
  const parts = Object.fromEntries(
    dateFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }, 'instant')
      .formatToParts(when)
      .map((p) => [p.type, p.value]),
  );
  const day = formatDate(`${parts.year}-${parts.month}-${parts.day}`, lang);
  return lang === 'fr' ? `${day} à ${parts.hour}\u00a0h\u00a0${parts.minute}` : `${day} at ${parts.hour}:${parts.minute}`;
}

/** "1er", "2ᵉ", "4ᵉ" (French ordinals as the Imprimerie nationale writes them) or "1st", "2nd", "4th". */
export function ordinal(n: number, lang: Lang): string {
  if (lang === 'fr') return n === 1 ? '1er' : `${n}\u1d49`;
  const rem100 = n % 100;
  const suffix = rem100 >= 11 && rem100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const MONTHS = { fr: 'long', en: 'long' } as const;
/** "4ᵉ trimestre 2026", "1er semestre 2026", "Année 2026", "Novembre 2026" / "Q4 2026", "H1 2026": never "2026-Q4" in text. */
export function periodLabel(p: Period, lang: Lang): string {
  const year = p.start.slice(0, 4);
  const n = Number(p.id.slice(-1));
  switch (p.kind) {
    case 'year':
      return lang === 'fr' ? `Année ${year}` : `Year ${year}`;
    case 'half':
      return lang === 'fr' ? `${ordinal(n, lang)} semestre ${year}` : `H${n} ${year}`;
    case 'quarter':
      return lang === 'fr' ? `${ordinal(n, lang)} trimestre ${year}` : `Q${n} ${year}`;
    case 'month': {
      const label = dateFormat(lang, { month: MONTHS[lang], year: 'numeric', timeZone: 'UTC' }, 'month').format(new Date(`${p.start}T00:00:00Z`));
      return label.charAt(0).toUpperCase() + label.slice(1);
    }
  }
}

/** "Objectif {code}" with each `{name}` placeholder replaced by its value; unknown placeholders stay as written. */
export function fillLabel(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Both forms of a counted word: "{n} objectif" / "{n} objectifs". */
export interface PluralForms {
  one: string;
  other: string;
}
const pluralRules = new Map<Lang, Intl.PluralRules>();
/**
 * "1 objectif", "2 objectifs", "0 objectif" (French: 0 and 1 are singular) / "1 objective",
 * "0 objectives"; the number formatted for the language ("1 234 objectifs").
 */
export function plural(n: number, forms: PluralForms, lang: Lang): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(LOCALE[lang])));
  const form = rules.select(n) === 'one' ? forms.one : forms.other;
  return form.replace('{n}', formatNumber(n, lang));
}

/**
 * French typography on a French text of ours (labels, messages; never user input): a non-breaking
 * space before : ; ! ? and », after «, a narrow one before %. English text is returned as is.
 */
export function typography(text: string, lang: Lang): string {
  if (lang !== 'fr') return text;
  // Only a space already typed is made non-breaking: "https://", "10:00" or "?lang=en" stay as they are.
  return text
    .replace(/ ([:;!?»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/(\d) %/g, '$1\u202f%');
}

/** "Dernière valeur au" from "dernière valeur au": labels at the start of a header or button. */
export const capitalise = (text: string): string => (text ? text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1) : text);
