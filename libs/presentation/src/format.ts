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

/** 31 décembre 2025 / 31 December 2025 (calendar dates are not shifted by time zones). */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }, 'date').format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(instant: string, lang: Lang, timeZone: string): string {
  return dateFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }, 'datetime').format(new Date(instant));
}

const MONTHS = { fr: 'long', en: 'long' } as const;
export function periodLabel(p: Period, lang: Lang): string {
  const year = p.start.slice(0, 4);
  switch (p.kind) {
    case 'year':
      return lang === 'fr' ? `Année ${year}` : `Year ${year}`;
    case 'half':
      return lang === 'fr' ? `${p.id.endsWith('1') ? '1er' : '2e'} semestre ${year}` : `${p.id.slice(-2)} ${year}`;
    case 'quarter': {
      const q = p.id.slice(-1);
      return lang === 'fr' ? `${q === '1' ? '1er' : `${q}e`} trimestre ${year}` : `Q${q} ${year}`;
    }
    case 'month': {
      const label = dateFormat(lang, { month: MONTHS[lang], year: 'numeric', timeZone: 'UTC' }, 'month').format(new Date(`${p.start}T00:00:00Z`));
      return label.charAt(0).toUpperCase() + label.slice(1);
    }
  }
}
