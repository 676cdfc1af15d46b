import type { Message } from './catalogue';

/**
 * Messages of closing a review period and of its publication, by code, in French and English;
 * spread into the catalogue. Same conventions as catalogue.ts.
 */
export const PUBLISHING_MESSAGES = {
  'review.already_closed': {
    fr: 'La revue de la période {period} est déjà close (le {closedOn}) : son rapport officiel est publié (GET /api/v1/reviews/{period}/publication).',
    en: 'The review of period {period} is already closed (on {closedOn}): its official report is published (GET /api/v1/reviews/{period}/publication).',
  },
  'review.close_before_end': {
    fr: 'La période {period} n’est pas terminée (elle finit le {end}) : on ne clôture sa revue, et ne publie son rapport officiel, qu’une fois la période finie.',
    en: 'Period {period} is not over (it ends on {end}): its review can be closed, and its official report published, only once the period is over.',
  },
  'not_found.publication': {
    fr: 'La période « {period} » n’est pas publiée : aucune revue close ne porte ce nom (une revue est publiée quand un administrateur la clôture).',
    en: 'Period "{period}" is not published: no closed review has that name (a review is published when an administrator closes it).',
  },
  'status.period_or_as_of': {
    fr: 'donnez soit une période publiée (period), soit une date (asOf), pas les deux.',
    en: 'give either a published period (period) or a date (asOf), not both.',
  },
} satisfies Record<string, Message>;
