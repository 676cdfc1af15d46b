import type { Lang } from '../lang';
import type { BadgeVariant } from '../colors';
import type { PluralForms } from '../format';

/**
 * Words of the review in reports and on the published dashboards: the director's first page, each
 * objective's update (rating, state mark, commentary), revisions after validation, closing.
 */
export const REVIEW_REPORT_LABELS = {
  fr: {
    firstPage: 'L’essentiel de la période',
    firstPageIntro: 'Ce qu’il faut décider, ce qui est en difficulté, ce qui est en retard, et où en est la revue.',
    officialNote: 'Rapport officiel de la revue « {period} », publié le {date} à partir des points de situation validés.',
    openNote:
      'Revue « {period} » en cours (date limite de collecte : {deadline}) : chaque point de situation porte son état, et les valeurs saisies pendant la collecte sont comptées.',
    noReview: 'Aucune revue n’a été ouverte pour cette période : ce rapport ne contient que les données.',
    decisions: 'Décisions attendues',
    noDecisions: 'Aucune décision n’est demandée.',
    rated: 'Objectifs en difficulté ou compromis selon leur pilote',
    noneRated: 'Aucun objectif n’est jugé en difficulté ou compromis par son pilote.',
    lateMilestones: 'Jalons manqués pendant la période ou menacés',
    noLateMilestones: 'Aucun jalon n’a été manqué pendant la période, aucun n’est menacé.',
    missedBy: 'échéance dépassée de {days}',
    dueIn: 'non commencé, échéance dans {days}',
    dueToday: 'non commencé, échéance à la date du rapport',
    days: { one: '{n} jour', other: '{n} jours' } as PluralForms,
    lateTotal: 'Au total, {count} jalons sont en retard (échéance dépassée sans être réalisés) : la partie « Jalons » les montre tous.',
    lateTotalOne: 'Au total, 1 jalon est en retard (échéance dépassée sans être réalisé) : la partie « Jalons » le montre.',
    completeness: 'Complétude de la revue',
    deadline: 'Date limite de collecte',
    body: 'Organisme pilote',
    expected: 'Attendus',
    submitted: 'Transmis',
    validated: 'Validés',
    onTime: 'Dans les délais',
    late: 'En retard',
    missing: 'Manquants',
    standing: { complete: 'Complet', late: 'En retard', incomplete: 'Incomplet à la clôture', in_progress: 'En cours' } as Record<
      'complete' | 'late' | 'incomplete' | 'in_progress',
      string
    >,
    missingAtClosing: 'Points de situation non validés à la clôture',
    missingAtClosingExplain: 'La période a été close sans leur validation : ces objectifs ne sont présentés qu’avec leurs données.',
    computedStatus: 'Statut calculé',
    stateMark: 'État du point de situation',
    noUpdateOfficial: 'Pas de point de situation validé pour cette période.',
    noUpdateOpen: 'Pas encore de point de situation pour cette période.',
    revisions: 'Révisions après validation',
    revisionKinds: { revise: 'Point de situation révisé', value_revised: 'Valeur de la période corrigée' } as Record<'revise' | 'value_revised', string>,
    reviewPeriod: 'Revue',
    revisionWhat: 'Révision',
    reason: 'Motif',
    on: 'Le',
    published: 'Période publiée',
    live: 'Vue en direct',
    publishedNote: 'Statuts publiés à la clôture de la revue « {period} », le {date} : situation au {asOf}, figée.',
  },
  en: {
    firstPage: 'The period at a glance',
    firstPageIntro: 'What needs deciding, what is in difficulty, what is late, and where the review stands.',
    officialNote: 'Official report of the “{period}” review, published on {date} from the validated updates.',
    openNote:
      'The “{period}” review is under way (collection deadline: {deadline}): each update is marked with its state, and the values recorded during the collection count.',
    noReview: 'No review was opened for this period: this report holds the data only.',
    decisions: 'Decisions needed',
    noDecisions: 'No decision is requested.',
    rated: 'Objectives their lead body rates in difficulty or compromised',
    noneRated: 'No objective is rated in difficulty or compromised by its lead body.',
    lateMilestones: 'Milestones missed during the period, or threatened',
    noLateMilestones: 'No milestone was missed during the period, none is threatened.',
    missedBy: 'due date passed by {days}',
    dueIn: 'not started, due in {days}',
    dueToday: 'not started, due on the report’s date',
    days: { one: '{n} day', other: '{n} days' } as PluralForms,
    lateTotal: 'In all, {count} milestones are late (due date passed, not done): the “Milestones” part shows them all.',
    lateTotalOne: 'In all, 1 milestone is late (due date passed, not done): the “Milestones” part shows it.',
    completeness: 'Completeness of the review',
    deadline: 'Collection deadline',
    body: 'Lead body',
    expected: 'Expected',
    submitted: 'Submitted',
    validated: 'Validated',
    onTime: 'On time',
    late: 'Late',
    missing: 'Missing',
    standing: { complete: 'Complete', late: 'Late', incomplete: 'Incomplete at closing', in_progress: 'In progress' } as Record<
      'complete' | 'late' | 'incomplete' | 'in_progress',
      string
    >,
    missingAtClosing: 'Updates not validated at closing',
    missingAtClosingExplain: 'The period was closed without their validation: these objectives are shown with their data only.',
    computedStatus: 'Computed status',
    stateMark: 'State of the update',
    noUpdateOfficial: 'No validated update for this period.',
    noUpdateOpen: 'No update yet for this period.',
    revisions: 'Revisions after validation',
    revisionKinds: { revise: 'Update revised', value_revised: 'Value of the period corrected' } as Record<'revise' | 'value_revised', string>,
    reviewPeriod: 'Review',
    revisionWhat: 'Revision',
    reason: 'Reason',
    on: 'On',
    published: 'Published period',
    live: 'Live view',
    publishedNote: 'Statuses published when the “{period}” review was closed, on {date}: the situation as of {asOf}, frozen.',
  },
} satisfies Record<Lang, unknown>;
export type ReviewReportLabels = (typeof REVIEW_REPORT_LABELS)['fr'];

/** The colours a printed badge of each DSFR variant takes (the reports draw their own badges; AA contrast). */
export const VARIANT_COLORS: Record<BadgeVariant | 'grey', { background: string; text: string }> = {
  success: { background: '#18753c', text: '#ffffff' },
  info: { background: '#0063cb', text: '#ffffff' },
  new: { background: '#fcc63a', text: '#161616' },
  warning: { background: '#e4794a', text: '#161616' },
  error: { background: '#ce0500', text: '#ffffff' },
  'purple-glycine': { background: '#cdb4f0', text: '#161616' },
  grey: { background: '#e5e5e5', text: '#161616' },
};
