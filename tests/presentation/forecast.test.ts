import { describe, expect, it } from 'vitest';
import { forecastSentence, formatMonth, formatProjectedValue, Lang } from '@app/presentation';
import { forecastTarget, Pace, TargetForecast } from '@app/status';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const pace: Pace = { method: 'linear', perYear: 365.25, from: '2024-12-31', to: '2025-12-31', values: 2 };

describe('forecastSentence: French first, then English', () => {
  it.each<[string, TargetForecast, string, Lang, string]>([
    [
      'late',
      { kind: 'late', pace, expectedAtDue: 830, reachedOn: '2028-03-15', monthsLate: 15 },
      'count',
      'fr',
      `Au rythme actuel, cible atteinte en mars 2028${NBSP}: 15 mois de retard`,
    ],
    [
      'late',
      { kind: 'late', pace, expectedAtDue: 830, reachedOn: '2028-03-15', monthsLate: 15 },
      'count',
      'en',
      'At the current pace, reached in March 2028: 15 months late',
    ],
    [
      '1 month late',
      { kind: 'late', pace, expectedAtDue: 830, reachedOn: '2027-01-01', monthsLate: 1 },
      'count',
      'fr',
      `Au rythme actuel, cible atteinte en janvier 2027${NBSP}: 1 mois de retard`,
    ],
    [
      '1 month late',
      { kind: 'late', pace, expectedAtDue: 830, reachedOn: '2027-01-01', monthsLate: 1 },
      'count',
      'en',
      'At the current pace, reached in January 2027: 1 month late',
    ],
    [
      'on pace',
      { kind: 'on_pace', pace, expectedAtDue: 830, reachedOn: '2026-06-12', monthsLate: 0 },
      'count',
      'fr',
      'Au rythme actuel, cible atteinte à temps (juin 2026)',
    ],
    [
      'on pace',
      { kind: 'on_pace', pace, expectedAtDue: 830, reachedOn: '2026-06-12', monthsLate: 0 },
      'count',
      'en',
      'At the current pace, reached on time (June 2026)',
    ],
    [
      'never',
      { kind: 'never', pace, expectedAtDue: 310_000_000 },
      'count',
      'fr',
      `Au rythme actuel, la cible ne serait pas atteinte (valeur attendue à l'échéance${NBSP}: 310 millions)`,
    ],
    [
      'never',
      { kind: 'never', pace, expectedAtDue: 310_000_000 },
      'count',
      'en',
      'At the current pace, the target would not be reached (value expected at the due date: 310 million)',
    ],
    [
      'never, percent',
      { kind: 'never', pace, expectedAtDue: 41.237 },
      'percent',
      'fr',
      `Au rythme actuel, la cible ne serait pas atteinte (valeur attendue à l'échéance${NBSP}: 41,24${NNBSP}%)`,
    ],
    ['never, due date passed', { kind: 'never', pace, expectedAtDue: null }, 'count', 'fr', 'Au rythme actuel, la cible ne serait pas atteinte'],
    ['never, due date passed', { kind: 'never', pace, expectedAtDue: null }, 'count', 'en', 'At the current pace, the target would not be reached'],
    ['insufficient data', { kind: 'insufficient_data' }, 'count', 'fr', 'Pas assez de valeurs pour une prévision'],
    ['insufficient data', { kind: 'insufficient_data' }, 'count', 'en', 'Not enough values for a forecast'],
    ['reached', { kind: 'reached', on: '2025-12-31' }, 'count', 'fr', 'Cible atteinte'],
    ['reached', { kind: 'reached', on: '2025-12-31' }, 'count', 'en', 'Target reached'],
  ])('%s (%s, %s) → %s', (_name, forecast, unit, lang, expected) => {
    expect(forecastSentence(forecast, unit, lang)).toBe(expected);
  });

  it("says the example sentence from the status engine's own forecast", () => {
    const forecast = forecastTarget({
      series: [
        { date: '2024-12-31', value: 100 },
        { date: '2025-12-31', value: 465 },
      ],
      direction: 'increase',
      method: 'linear',
      target: { value: 1270, dueDate: '2026-12-31', exclusive: false },
      asOf: '2025-12-31',
    });
    expect(forecastSentence(forecast, 'count', 'fr')).toBe(`Au rythme actuel, cible atteinte en mars 2028${NBSP}: 15 mois de retard`);
    expect(forecastSentence(forecast, 'count', 'en')).toBe('At the current pace, reached in March 2028: 15 months late');
  });
});

describe('formatMonth: months in French lower case', () => {
  it.each<[string, Lang, string]>([
    ['2028-03-15', 'fr', 'mars 2028'],
    ['2028-03-15', 'en', 'March 2028'],
    ['2026-12-31', 'fr', 'décembre 2026'],
    ['2027-02-01', 'fr', 'février 2027'],
    ['2027-08-31', 'fr', 'août 2027'],
  ])('%s (%s) → %s', (iso, lang, expected) => {
    expect(formatMonth(iso, lang)).toBe(expected);
  });
});

describe('formatProjectedValue', () => {
  it.each<[number, string, Lang, string]>([
    [310_000_000, 'count', 'fr', '310 millions'],
    [310_000_000, 'count', 'en', '310 million'],
    [1_234_567_890, 'count', 'fr', '1,23 milliard'],
    [2_500_000, 'documents_per_year', 'fr', '2,5 millions de documents/an'],
    [2_500_000, 'documents_per_year', 'en', '2.5 million documents/year'],
    // Below a million: rounded to the unit's decimals (counts are whole), grouped as everywhere else.
    [807.953, 'count', 'fr', '808'],
    [123_456.7, 'count', 'fr', `123${NNBSP}457`],
    [62.456, 'percent', 'en', '62.46%'],
    [14.26, 'months', 'fr', '14,3 mois'],
  ])('%d %s (%s) → %s', (value, unit, lang, expected) => {
    expect(formatProjectedValue(value, unit, lang)).toBe(expected);
  });
});
