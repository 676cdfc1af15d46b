import type { Lang } from './lang';

/**
 * What a person calls each input field, in forms, error summaries and API messages: "Valeur",
 * "Date de la valeur", never `observedAt`. One table for the API and the pages.
 */
const FIELD_LABELS: Record<string, Record<Lang, string>> = {
  value: { fr: 'Valeur', en: 'Value' },
  observedAt: { fr: 'Date de la valeur', en: 'Date of the value' },
  source: { fr: 'Source', en: 'Source' },
  comment: { fr: 'Commentaire', en: 'Comment' },
  reason: { fr: 'Motif', en: 'Reason' },
  date: { fr: 'Date', en: 'Date' },
  state: { fr: 'État', en: 'State' },
  completedOn: { fr: 'Date de réalisation', en: 'Completion date' },
  evidence: { fr: 'Preuve', en: 'Evidence' },
  email: { fr: 'Adresse électronique', en: 'Email address' },
  password: { fr: 'Mot de passe', en: 'Password' },
  name: { fr: 'Nom', en: 'Name' },
  role: { fr: 'Rôle', en: 'Role' },
  bodies: { fr: 'Organismes', en: 'Bodies' },
  disabled: { fr: 'Compte désactivé', en: 'Account disabled' },
  remindersEnabled: { fr: 'Rappels par courriel', en: 'E-mail reminders' },
  expiresInDays: { fr: 'Durée de validité (jours)', en: 'Validity (days)' },
  kind: { fr: 'Type de rapport', en: 'Report kind' },
  scope: { fr: 'Périmètre', en: 'Scope' },
  period: { fr: 'Période', en: 'Period' },
  asOf: { fr: 'Date de situation', en: 'Status date' },
  format: { fr: 'Format', en: 'Format' },
  lang: { fr: 'Langue', en: 'Language' },
  file: { fr: 'Fichier', en: 'File' },
  indicatorId: { fr: "Identifiant de l'indicateur", en: 'Indicator id' },
  objectiveCode: { fr: "Code de l'objectif", en: 'Objective code' },
  indicatorName: { fr: "Nom de l'indicateur", en: 'Indicator name' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  territory: { fr: 'Territoire', en: 'Territory' },
  denominator: { fr: 'Dénominateur', en: 'Denominator' },
  id: { fr: 'Identifiant', en: 'Id' },
  // The review: opening a period, an objective's update, a contribution
  deadline: { fr: 'Date limite de collecte', en: 'Collection deadline' },
  confidence: { fr: 'Appréciation du pilote', en: 'Confidence rating' },
  progress: { fr: 'Avancées de la période', en: 'Progress made' },
  difficulties: { fr: 'Difficultés et risques', en: 'Difficulties and risks' },
  nextSteps: { fr: 'Prochaines étapes', en: 'Next steps' },
  decisionsNeeded: { fr: 'Décisions attendues', en: 'Decisions needed' },
  dataNote: { fr: 'Note sur les données', en: 'Note on the data' },
  version: { fr: 'Version', en: 'Version' },
  text: { fr: 'Texte', en: 'Text' },
  // Web forms: own password, audit-log filters
  currentPassword: { fr: 'Mot de passe actuel', en: 'Current password' },
  newPassword: { fr: 'Nouveau mot de passe', en: 'New password' },
  from: { fr: 'Date de début', en: 'Start date' },
  to: { fr: 'Date de fin', en: 'End date' },
  // Lists in pages (the mail outbox)
  page: { fr: 'Page', en: 'Page' },
  limit: { fr: 'Nombre par page', en: 'Per page' },
};

/** The label of a field ("value" → "Valeur"); nested or unknown fields fall back to their last part. */
export function fieldLabel(field: string, lang: Lang): string {
  const known = FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.').pop() ?? field];
  return known ? known[lang] : field;
}
