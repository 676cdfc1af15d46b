import type { Lang } from '../lang';

/**
 * Words of a target's forecast ("at the current pace…"). Kept apart from the big shared label
 * objects so that parallel changes to those merge cleanly. `{month}` is a month and year ("mars
 * 2028"), `{late}` a count of months, `{value}` a formatted value; French spaces before ":" are made
 * non-breaking by `typography`.
 */
export const FORECAST_LABELS = {
  fr: {
    heading: 'Prévision au rythme actuel',
    late: 'Au rythme actuel, cible atteinte en {month} : {late} de retard',
    monthsLate: { one: '{n} mois', other: '{n} mois' },
    onPace: 'Au rythme actuel, cible atteinte à temps ({month})',
    never: 'Au rythme actuel, la cible ne serait pas atteinte',
    neverExpected: "Au rythme actuel, la cible ne serait pas atteinte (valeur attendue à l'échéance : {value})",
    insufficientData: 'Pas assez de valeurs pour une prévision',
    reached: 'Cible atteinte',
  },
  en: {
    heading: 'Forecast at the current pace',
    late: 'At the current pace, reached in {month}: {late} late',
    monthsLate: { one: '{n} month', other: '{n} months' },
    onPace: 'At the current pace, reached on time ({month})',
    never: 'At the current pace, the target would not be reached',
    neverExpected: 'At the current pace, the target would not be reached (value expected at the due date: {value})',
    insufficientData: 'Not enough values for a forecast',
    reached: 'Target reached',
  },
} satisfies Record<Lang, Record<string, unknown>>;
