import type { Lang } from '../lang';
import type { BadgeVariant } from '../colors';

type Confidence = 'secured' | 'watch' | 'difficulties' | 'compromised';
type UpdateState = 'draft' | 'submitted' | 'validated' | 'returned';
type Section = 'progress' | 'difficulties' | 'nextSteps' | 'decisionsNeeded' | 'dataNote';

/**
 * Words of the periodic review, shared by the web pages, the reports and the mails: the confidence
 * levels a body gives, the states of an update, the commentary's sections.
 */
export const REVIEW_LABELS = {
  fr: {
    review: 'Revue',
    update: 'Point de situation',
    confidenceTitle: 'Appréciation du pilote',
    confidence: { secured: 'Maîtrisé', watch: 'À surveiller', difficulties: 'En difficulté', compromised: 'Compromis' } as Record<Confidence, string>,
    confidenceHint: {
      secured: 'l’objectif sera tenu',
      watch: 'des risques à suivre, l’objectif reste atteignable',
      difficulties: 'l’objectif ne sera tenu qu’avec des mesures correctrices',
      compromised: 'l’objectif ne sera pas tenu sans décision',
    } as Record<Confidence, string>,
    states: { draft: 'Brouillon', submitted: 'Transmis', validated: 'Validé', returned: 'Renvoyé' } as Record<UpdateState, string>,
    notStarted: 'Non commencé',
    sections: {
      progress: 'Avancées de la période',
      difficulties: 'Difficultés et risques',
      nextSteps: 'Prochaines étapes',
      decisionsNeeded: 'Décisions attendues',
      dataNote: 'Note sur les données',
    } as Record<Section, string>,
    revisedAfterValidation: 'Révisé après validation',
    periodStates: { open: 'Ouverte', closed: 'Close' } as Record<'open' | 'closed', string>,
  },
  en: {
    review: 'Review',
    update: 'Update',
    confidenceTitle: 'Lead body’s confidence',
    confidence: { secured: 'Secured', watch: 'Watch', difficulties: 'Difficulties', compromised: 'Compromised' } as Record<Confidence, string>,
    confidenceHint: {
      secured: 'the objective will be met',
      watch: 'risks to follow, the objective remains within reach',
      difficulties: 'the objective will be met only with corrective action',
      compromised: 'the objective will not be met without a decision',
    } as Record<Confidence, string>,
    states: { draft: 'Draft', submitted: 'Submitted', validated: 'Validated', returned: 'Returned' } as Record<UpdateState, string>,
    notStarted: 'Not started',
    sections: {
      progress: 'Progress made',
      difficulties: 'Difficulties and risks',
      nextSteps: 'Next steps',
      decisionsNeeded: 'Decisions needed',
      dataNote: 'Note on the data',
    } as Record<Section, string>,
    revisedAfterValidation: 'Revised after validation',
    periodStates: { open: 'Open', closed: 'Closed' } as Record<'open' | 'closed', string>,
  },
} satisfies Record<Lang, unknown>;

/** DSFR badge variants: the body's rating and the update's state (never the computed status's colours alone). */
export const CONFIDENCE_BADGE_VARIANTS: Record<Confidence, BadgeVariant> = {
  secured: 'success',
  watch: 'info',
  difficulties: 'warning',
  compromised: 'error',
};
export const UPDATE_STATE_BADGE_VARIANTS: Record<UpdateState, BadgeVariant> = {
  draft: 'new',
  submitted: 'info',
  validated: 'success',
  returned: 'warning',
};
