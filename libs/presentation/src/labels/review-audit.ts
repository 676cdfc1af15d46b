import type { Lang } from '../lang';
import { REVIEW_LABELS } from './review';

/**
 * How the audit log names the review's writes, their entities and the fields of their records
 * (spread into the audit labels of forms.ts), so an admin reads "Validation d'un point de situation",
 * never `review.update_validate`.
 */
export const REVIEW_AUDIT_LABELS = {
  fr: {
    actions: {
      'review.period_open': "Ouverture d'une revue",
      'review.period_deadline': "Report de la date limite d'une revue",
      'review.update_save': "Brouillon d'un point de situation",
      'review.update_submit': "Transmission d'un point de situation",
      'review.update_validate': "Validation d'un point de situation",
      'review.update_return': "Renvoi d'un point de situation",
      'review.update_revise': "Révision d'un point de situation validé",
      'review.value_revised': "Valeur révisée après validation d'un point de situation",
      'review.contribution_add': 'Contribution à un point de situation',
    } as Record<string, string>,
    entities: { review_period: 'Revue', objective_update: 'Point de situation', update_contribution: 'Contribution' } as Record<string, string>,
    fields: {
      reviewPeriodId: 'Revue',
      objectiveId: 'Objectif',
      bodyId: 'Organisme',
      authorId: 'Auteur',
      granularity: 'Périodicité',
      startDate: 'Début',
      endDate: 'Fin',
      opensOn: 'Ouverture de la collecte',
      openedAt: 'Ouverte le',
      openedBy: 'Ouverte par',
      closedAt: 'Close le',
      closedBy: 'Close par',
      returnReason: 'Motif du renvoi',
      createdBy: 'Créé par',
      updatedAt: 'Modifié le',
      updatedBy: 'Modifié par',
      submittedAt: 'Transmis le',
      submittedBy: 'Transmis par',
      validatedAt: 'Validé le',
      validatedBy: 'Validé par',
      revisedAfterValidationAt: 'Révisé après validation le',
      objective: 'Objectif',
      body: 'Organisme',
    } as Record<string, string>,
  },
  en: {
    actions: {
      'review.period_open': 'Review opened',
      'review.period_deadline': 'Review deadline moved',
      'review.update_save': 'Update saved as draft',
      'review.update_submit': 'Update submitted',
      'review.update_validate': 'Update validated',
      'review.update_return': 'Update returned',
      'review.update_revise': 'Validated update revised',
      'review.value_revised': 'Value revised after validation',
      'review.contribution_add': 'Contribution added',
    } as Record<string, string>,
    entities: { review_period: 'Review', objective_update: 'Update', update_contribution: 'Contribution' } as Record<string, string>,
    fields: {
      reviewPeriodId: 'Review',
      objectiveId: 'Objective',
      bodyId: 'Body',
      authorId: 'Author',
      granularity: 'Granularity',
      startDate: 'Start',
      endDate: 'End',
      opensOn: 'Collection opens',
      openedAt: 'Opened on',
      openedBy: 'Opened by',
      closedAt: 'Closed on',
      closedBy: 'Closed by',
      returnReason: 'Return reason',
      createdBy: 'Created by',
      updatedAt: 'Changed on',
      updatedBy: 'Changed by',
      submittedAt: 'Submitted on',
      submittedBy: 'Submitted by',
      validatedAt: 'Validated on',
      validatedBy: 'Validated by',
      revisedAfterValidationAt: 'Revised after validation on',
      objective: 'Objective',
      body: 'Body',
    } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;

const GRANULARITY: Record<Lang, Record<string, string>> = {
  fr: { month: 'mois', quarter: 'trimestre', half: 'semestre', year: 'année' },
  en: { month: 'month', quarter: 'quarter', half: 'half-year', year: 'year' },
};

/** A review record's coded value as people say it (an update's state, a rating, a period's state or granularity), or null. */
export function reviewAuditValue(key: string, value: unknown, lang: Lang): string | null {
  if (typeof value !== 'string') return null;
  const words = REVIEW_LABELS[lang];
  if (key === 'state') return (words.states as Record<string, string>)[value] ?? (words.periodStates as Record<string, string>)[value] ?? null;
  if (key === 'confidence') return (words.confidence as Record<string, string>)[value] ?? null;
  if (key === 'granularity') return GRANULARITY[lang][value] ?? null;
  return null;
}
