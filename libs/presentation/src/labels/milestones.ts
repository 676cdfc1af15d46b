import type { Lang } from '../lang';

/** A milestone's state as a director reads it: "late" is any milestone past its due date and not done. */
export type MilestoneChartState = 'done' | 'in_progress' | 'not_started' | 'late';
export const MILESTONE_CHART_STATES: readonly MilestoneChartState[] = ['done', 'in_progress', 'not_started', 'late'];

/**
 * Words of the milestone charts, the report cover and the report's "no data yet" tables. Kept apart
 * from the big shared label objects so that parallel changes to those merge cleanly.
 */
export const MILESTONE_LABELS = {
  fr: {
    section: 'Jalons',
    sectionIntro: "Un jalon est « en retard » quand son échéance est passée sans qu'il soit réalisé.",
    countsTitle: 'Jalons par état et par axe',
    ganttTitle: 'Calendrier des jalons et cibles par objectif',
    ganttExplain:
      'Une ligne par objectif : ses jalons (losanges) et ses cibles chiffrées (triangles) à leur échéance, colorés selon leur état ; le trait vertical marque la date de situation.',
    states: { done: 'Réalisé', in_progress: 'En cours', not_started: 'Non commencé', late: 'En retard' } as Record<MilestoneChartState, string>,
    /** How a target's status reads on the same four-state scale. */
    targetStates: { done: 'Cible atteinte', in_progress: 'Cible en cours', not_started: 'Cible sans donnée', late: 'Cible manquée' } as Record<
      MilestoneChartState,
      string
    >,
    objective: 'Objectif',
    item: 'Jalon ou cible',
    kind: 'Type',
    milestone: 'Jalon',
    target: 'Cible',
    dueDate: 'Échéance',
    state: 'État',
    focusArea: 'Axe',
    total: 'Total',
    today: 'Situation au',
    noMilestones: 'Aucun jalon ni cible datée dans ce périmètre.',
    part: 'suite',
    // The report's "no data yet" table.
    noDataYet: 'Indicateurs sans donnée à ce jour',
    noDataYetExplain: "Aucune valeur n'a encore été enregistrée pour ces indicateurs : ils n'ont pas de graphique.",
    nextTarget: 'Prochaine cible',
    indicatorCharts: 'Indicateurs',
    // The cover.
    republic: 'République<br>française',
    delegation: 'Délégation au numérique en santé',
    objectivesOne: 'objectif',
    objectivesOther: 'objectifs',
  },
  en: {
    section: 'Milestones',
    sectionIntro: 'A milestone is "late" when its due date has passed and it is not done.',
    countsTitle: 'Milestones per state and focus area',
    ganttTitle: 'Milestones and targets per objective',
    ganttExplain:
      'One row per objective: its milestones (diamonds) and numeric targets (triangles) at their due dates, coloured by state; the vertical line marks the as-of date.',
    states: { done: 'Done', in_progress: 'In progress', not_started: 'Not started', late: 'Late' } as Record<MilestoneChartState, string>,
    targetStates: { done: 'Target achieved', in_progress: 'Target in progress', not_started: 'Target without data', late: 'Target missed' } as Record<
      MilestoneChartState,
      string
    >,
    objective: 'Objective',
    item: 'Milestone or target',
    kind: 'Kind',
    milestone: 'Milestone',
    target: 'Target',
    dueDate: 'Due date',
    state: 'State',
    focusArea: 'Focus area',
    total: 'Total',
    today: 'Status as of',
    noMilestones: 'No milestone or dated target in this scope.',
    part: 'continued',
    noDataYet: 'Indicators without data yet',
    noDataYetExplain: 'No value has been recorded for these indicators yet: they have no chart.',
    nextTarget: 'Next target',
    indicatorCharts: 'Indicators',
    republic: 'République<br>française',
    delegation: 'Digital Health Delegation (DNS)',
    objectivesOne: 'objective',
    objectivesOther: 'objectives',
  },
} satisfies Record<Lang, unknown>;
export type MilestoneLabels = (typeof MILESTONE_LABELS)['fr'];
