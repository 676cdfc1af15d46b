import { describe, expect, it } from 'vitest';
import { parsePeriod } from '@app/common';
import { capitalise, fill, fillLabel, formatDate, formatDateTime, Lang, ordinal, periodLabel, plural, typography } from '@app/presentation';

const NBSP = '\u00a0';

describe('formatDateTime: what a person reads, in Europe/Paris', () => {
  it.each<[string, Lang, string]>([
    // Winter (UTC+1) and summer (UTC+2) time.
    ['2026-11-24T05:55:00.000Z', 'fr', `24 novembre 2026 à 06${NBSP}h${NBSP}55`],
    ['2026-11-24T05:55:00.000Z', 'en', '24 November 2026 at 06:55'],
    ['2025-06-15T10:00:00.000Z', 'fr', `15 juin 2025 à 12${NBSP}h${NBSP}00`],
    ['2025-06-15T10:00:00.000Z', 'en', '15 June 2025 at 12:00'],
    // Late evening UTC is already the next day in Paris — and the first of the month.
    ['2025-12-31T23:30:00.000Z', 'fr', `1er janvier 2026 à 00${NBSP}h${NBSP}30`],
    ['2025-12-31T23:30:00.000Z', 'en', '1 January 2026 at 00:30'],
    // The night the clocks go back: 00:30 UTC is 02:30 summer time.
    ['2025-10-26T00:30:00.000Z', 'fr', `26 octobre 2025 à 02${NBSP}h${NBSP}30`],
  ])('%s (%s) → %s', (instant, lang, expected) => {
    expect(formatDateTime(instant, lang, 'Europe/Paris')).toBe(expected);
  });

  it('never prints an ISO or UTC timestamp, and shows a dash for nothing', () => {
    expect(formatDateTime(new Date('2026-11-24T05:55:00Z'), 'fr', 'Europe/Paris')).not.toMatch(/UTC|T\d\d:|Z$/);
    expect(formatDateTime(null, 'fr', 'Europe/Paris')).toBe('–');
    expect(formatDateTime('not a date', 'en', 'Europe/Paris')).toBe('–');
  });
});

describe('formatDate', () => {
  it.each<[string, Lang, string]>([
    ['2025-12-31', 'fr', '31 décembre 2025'],
    ['2025-12-31', 'en', '31 December 2025'],
    ['2026-03-01', 'fr', '1er mars 2026'],
    ['2026-03-01', 'en', '1 March 2026'],
    ['2026-03-11', 'fr', '11 mars 2026'],
  ])('%s (%s) → %s', (iso, lang, expected) => {
    expect(formatDate(iso, lang)).toBe(expected);
  });
});

describe('periodLabel: words, never "2026-Q4"', () => {
  it.each<[string, Lang, string]>([
    ['2026-Q4', 'fr', '4\u1d49 trimestre 2026'],
    ['2026-Q1', 'fr', '1er trimestre 2026'],
    ['2026-Q2', 'fr', '2\u1d49 trimestre 2026'],
    ['2026-Q4', 'en', 'Q4 2026'],
    ['2026-H1', 'fr', '1er semestre 2026'],
    ['2026-H2', 'fr', '2\u1d49 semestre 2026'],
    ['2026-H2', 'en', 'H2 2026'],
    ['2026', 'fr', 'Année 2026'],
    ['2026', 'en', 'Year 2026'],
    ['2025-11', 'fr', 'Novembre 2025'],
    ['2025-11', 'en', 'November 2025'],
  ])('%s (%s) → %s', (id, lang, expected) => {
    expect(periodLabel(parsePeriod(id), lang)).toBe(expected);
  });
});

describe('plural', () => {
  const objectives = { fr: { one: '{n} objectif', other: '{n} objectifs' }, en: { one: '{n} objective', other: '{n} objectives' } };
  it.each<[number, Lang, string]>([
    [0, 'fr', '0 objectif'],
    [1, 'fr', '1 objectif'],
    [2, 'fr', '2 objectifs'],
    [65, 'fr', '65 objectifs'],
    [1234, 'fr', '1\u202f234 objectifs'],
    [0, 'en', '0 objectives'],
    [1, 'en', '1 objective'],
    [2, 'en', '2 objectives'],
  ])('%i (%s) → %s', (n, lang, expected) => {
    expect(plural(n, objectives[lang], lang)).toBe(expected);
  });
});

describe('fillLabel', () => {
  it('replaces each named placeholder, every time it stands, and leaves unknown ones as written', () => {
    expect(fillLabel('Objectif {code} ({period}) : {code}', { code: '15-4', period: '4ᵉ trimestre 2025' })).toBe('Objectif 15-4 (4ᵉ trimestre 2025) : 15-4');
    expect(fillLabel('{count} sur {total}', { count: 0 })).toBe('0 sur {total}');
  });
  it('serves fill, the labels with one number {n}', () => {
    expect(fill('{n} valeur(s) importée(s).', 3)).toBe('3 valeur(s) importée(s).');
  });
});

describe('ordinal', () => {
  it.each<[number, Lang, string]>([
    [1, 'fr', '1er'],
    [2, 'fr', '2\u1d49'],
    [4, 'fr', '4\u1d49'],
    [1, 'en', '1st'],
    [2, 'en', '2nd'],
    [3, 'en', '3rd'],
    [4, 'en', '4th'],
    [11, 'en', '11th'],
    [22, 'en', '22nd'],
  ])('%i (%s) → %s', (n, lang, expected) => {
    expect(ordinal(n, lang)).toBe(expected);
  });
});

describe('typography', () => {
  it.each<[string, Lang, string]>([
    ['Statut : en bonne voie', 'fr', `Statut${NBSP}: en bonne voie`],
    ['Vraiment ? Oui ! Bon ; voilà', 'fr', `Vraiment${NBSP}? Oui${NBSP}! Bon${NBSP}; voilà`],
    ['« Mon espace santé »', 'fr', `«${NBSP}Mon espace santé${NBSP}»`],
    ['atteint à 50 %', 'fr', 'atteint à 50\u202f%'],
    // What has no space before the mark is left alone: links, times, queries.
    ['Preuve (lien https://x.fr?lang=en) à 10:00', 'fr', 'Preuve (lien https://x.fr?lang=en) à 10:00'],
    ['Status : on track', 'en', 'Status : on track'],
  ])('%j (%s)', (text, lang, expected) => {
    expect(typography(text, lang)).toBe(expected);
  });

  it('capitalises the first letter only', () => {
    expect(capitalise('dernière valeur au')).toBe('Dernière valeur au');
    expect(capitalise('état')).toBe('État');
    expect(capitalise('')).toBe('');
  });
});
