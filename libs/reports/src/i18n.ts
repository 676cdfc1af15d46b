import type { Status } from '@app/status';
import type { Period } from './period';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** Report and page labels. French by default; every key exists in both languages. */
export const LABELS = {
  fr: {
    roadmapTitle: 'Feuille de route du numérique en santé 2023–2027',
    reportTitle: "Rapport d'avancement",
    period: 'Période',
    asOf: 'Situation au',
    generatedAt: 'Généré le',
    page: 'Page',
    of: 'sur',
    summary: 'Synthèse',
    objectivesPerStatus: 'Objectifs par statut',
    objectives: 'objectifs',
    timeline: 'Calendrier des cibles et jalons 2023–2027',
    changes: 'Évolutions depuis le rapport précédent',
    previousReport: 'Rapport précédent',
    firstReport: 'Premier rapport de ce type : pas de comparaison possible.',
    statusChanges: 'Changements de statut',
    newValues: 'Nouvelles valeurs enregistrées',
    milestonesCompleted: 'Jalons atteints',
    noChange: 'Aucun changement.',
    priority: 'Priorité',
    focusArea: 'Axe',
    objective: 'Objectif',
    code: 'Code',
    title: 'Intitulé',
    leadBody: 'Pilote',
    contributors: 'Contributeurs',
    role: 'Rôle',
    lead: 'pilote',
    contributor: 'contributeur',
    targets: 'Cibles et jalons',
    target: 'Cible',
    latest: 'Dernière valeur',
    expected: 'Valeur attendue',
    status: 'Statut',
    due: 'échéance',
    milestone: 'Jalon',
    indicator: 'Indicateur',
    indicators: 'Indicateurs',
    measured: 'Valeurs mesurées',
    trajectory: 'Trajectoire',
    baseline: 'Valeur de référence',
    stale: 'Indicateurs non mis à jour',
    staleExplain: "Dernière valeur plus ancienne que la fréquence de mise à jour ne le permet.",
    noData: 'Indicateurs sans donnée',
    none: 'Aucun.',
    lastValueOn: 'dernière valeur au',
    state: 'État',
    completedOn: 'atteint le',
    daysLate: 'jours de retard',
    body: 'Organisme',
    dataTable: 'Données du graphique',
    date: 'Date',
    value: 'Valeur',
    comment: 'Commentaire',
    colon: '\u00a0: ',
    correctionNote: '* correction',
    moreThan: 'plus de',
    frequency: { monthly: 'mensuelle', quarterly: 'trimestrielle', yearly: 'annuelle' },
    states: { not_started: 'non commencé', in_progress: 'en cours', done: 'réalisé' },
    kinds: { roadmap: 'Feuille de route complète', focus_area: 'Axe', body: 'Organisme', objective: 'Objectif' },
    statuses: {
      achieved: 'Atteint',
      on_track: 'En bonne voie',
      at_risk: 'À risque',
      off_track: 'En retard',
      deteriorating: 'En dégradation',
      missed: 'Manqué',
      no_data: 'Sans donnée',
      not_started: 'Non commencé',
    } as Record<Status, string>,
    units: {
      count: '',
      percent: '%',
      documents_per_year: 'documents/an',
      users_per_day: 'utilisateurs/jour',
      visitors_per_year: 'visiteurs/an',
      months: 'mois',
    } as Record<string, string>,
  },
  en: {
    roadmapTitle: 'Digital Health Roadmap 2023–2027',
    reportTitle: 'Progress report',
    period: 'Period',
    asOf: 'Status as of',
    generatedAt: 'Generated on',
    page: 'Page',
    of: 'of',
    summary: 'Summary',
    objectivesPerStatus: 'Objectives per status',
    objectives: 'objectives',
    timeline: 'Targets and milestones 2023–2027',
    changes: 'What changed since the previous report',
    previousReport: 'Previous report',
    firstReport: 'First report of this kind: nothing to compare with.',
    statusChanges: 'Status changes',
    newValues: 'New values recorded',
    milestonesCompleted: 'Milestones completed',
    noChange: 'No change.',
    priority: 'Priority',
    focusArea: 'Focus area',
    objective: 'Objective',
    code: 'Code',
    title: 'Title',
    leadBody: 'Lead',
    contributors: 'Contributors',
    role: 'Role',
    lead: 'lead',
    contributor: 'contributor',
    targets: 'Targets and milestones',
    target: 'Target',
    latest: 'Latest value',
    expected: 'Expected value',
    status: 'Status',
    due: 'due',
    milestone: 'Milestone',
    indicator: 'Indicator',
    indicators: 'Indicators',
    measured: 'Measured values',
    trajectory: 'Trajectory',
    baseline: 'Baseline',
    stale: 'Stale indicators',
    staleExplain: 'Latest value older than the reporting frequency allows.',
    noData: 'Indicators without data',
    none: 'None.',
    lastValueOn: 'latest value on',
    state: 'State',
    completedOn: 'completed on',
    daysLate: 'days late',
    body: 'Body',
    dataTable: 'Chart data',
    date: 'Date',
    value: 'Value',
    comment: 'Comment',
    colon: ': ',
    correctionNote: '* correction',
    moreThan: 'more than',
    frequency: { monthly: 'monthly', quarterly: 'quarterly', yearly: 'yearly' },
    states: { not_started: 'not started', in_progress: 'in progress', done: 'done' },
    kinds: { roadmap: 'Whole roadmap', focus_area: 'Focus area', body: 'Body', objective: 'Objective' },
    statuses: {
      achieved: 'Achieved',
      on_track: 'On track',
      at_risk: 'At risk',
      off_track: 'Off track',
      deteriorating: 'Deteriorating',
      missed: 'Missed',
      no_data: 'No data',
      not_started: 'Not started',
    } as Record<Status, string>,
    units: {
      count: '',
      percent: '%',
      documents_per_year: 'documents/year',
      users_per_day: 'users/day',
      visitors_per_year: 'visitors/year',
      months: 'months',
    } as Record<string, string>,
  },
};
export type Labels = (typeof LABELS)['fr'];

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
