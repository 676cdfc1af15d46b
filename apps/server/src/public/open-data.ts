import { ExportColumn, toCsv } from '@app/imports';
import { LABELS } from '@app/presentation';
import { STATUS_ORDER } from '@app/status';
import type { PublicIndicator, PublicObjective, PublicPublication } from './published-view';

/** One line of the open data file: an indicator's target, with where the indicator stood at the period's end. */
interface OpenDataRow {
  publication: PublicPublication;
  objective: PublicObjective;
  indicator: PublicIndicator;
  target: PublicIndicator['targets'][number];
  targetNumber: number;
}

type FieldType = 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean';

/** A column of the file and its Table Schema field: one list, so the file and its schema cannot drift apart. */
interface OpenDataField {
  name: string;
  title: string;
  description: string;
  type: FieldType;
  /** Table Schema's format: `default` for ISO dates (YYYY-MM-DD) and instants (YYYY-MM-DDThh:mm:ssZ). */
  format?: string;
  constraints?: { required?: boolean; enum?: string[]; minimum?: number; pattern?: string };
  value: (row: OpenDataRow) => string | number | null;
}

const FR = LABELS.fr;
const UNITS = ['count', 'percent', 'documents_per_year', 'users_per_day', 'visitors_per_year', 'months'];
const FREQUENCIES = ['monthly', 'quarterly', 'yearly'];
const STATUS_CODES = [...STATUS_ORDER];
/** "achieved (Atteint), on_track (En bonne voie), …": the codes a status column holds, with their French words. */
const statusCodes = STATUS_CODES.map((s) => `${s} (${FR.statuses[s]})`).join(', ');
/** An ISO instant without milliseconds: Table Schema's default datetime format. */
const instant = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');

export const OPEN_DATA_FIELDS: readonly OpenDataField[] = [
  {
    name: 'periode',
    title: 'Période',
    description: 'La période de revue publiée (2026-Q4 : 4e trimestre 2026).',
    type: 'string',
    constraints: { required: true, pattern: '^\\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])))?$' },
    value: (r) => r.publication.period,
  },
  {
    name: 'date_publication',
    title: 'Date de publication',
    description: 'L’instant (UTC) où la délégation a clôturé la revue et publié ses données validées.',
    type: 'datetime',
    format: 'default',
    constraints: { required: true },
    value: (r) => instant(r.publication.publishedAt),
  },
  {
    name: 'date_situation',
    title: 'Date de situation',
    description: 'Le dernier jour de la période : les valeurs et les statuts sont ceux de cette date.',
    type: 'date',
    format: 'default',
    constraints: { required: true },
    value: (r) => r.publication.asOf,
  },
  {
    name: 'axe',
    title: 'Axe',
    description: 'Le numéro de l’axe de la feuille de route (1 à 4).',
    type: 'integer',
    constraints: { required: true, minimum: 1 },
    value: (r) => r.objective.focusArea,
  },
  {
    name: 'priorite',
    title: 'Priorité',
    description: 'Le numéro de la priorité (1 à 18).',
    type: 'integer',
    constraints: { required: true, minimum: 1 },
    value: (r) => r.objective.priority,
  },
  {
    name: 'code_objectif',
    title: 'Code de l’objectif',
    description: 'Le code de l’objectif dans la feuille de route : priorité-numéro (1-1 … 18-4).',
    type: 'string',
    constraints: { required: true, pattern: '^\\d{1,2}-\\d{1,2}$' },
    value: (r) => r.objective.code,
  },
  {
    name: 'objectif',
    title: 'Objectif',
    description: 'L’intitulé de l’objectif (traduction de travail française).',
    type: 'string',
    constraints: { required: true },
    value: (r) => r.objective.title,
  },
  {
    name: 'statut_objectif',
    title: 'Statut de l’objectif',
    description: `Le statut calculé de l’objectif à la date de situation : ${statusCodes}.`,
    type: 'string',
    constraints: { required: true, enum: STATUS_CODES },
    value: (r) => r.objective.status,
  },
  {
    name: 'organisme_pilote',
    title: 'Organisme pilote',
    description: 'Le sigle de l’organisme qui pilote l’objectif (DNS, CNAM, ANS…).',
    type: 'string',
    constraints: { required: true },
    value: (r) => r.objective.leadBody,
  },
  {
    name: 'organismes_contributeurs',
    title: 'Organismes contributeurs',
    description: 'Les sigles des organismes contributeurs, séparés par « | » ; vide s’il n’y en a pas.',
    type: 'string',
    value: (r) => r.objective.contributingBodies.join(' | ') || null,
  },
  {
    name: 'id_indicateur',
    title: 'Identifiant de l’indicateur',
    description: 'L’identifiant de l’indicateur dans l’API (/api/v1/indicators/{id}).',
    type: 'integer',
    constraints: { required: true, minimum: 1 },
    value: (r) => r.indicator.id,
  },
  {
    name: 'code_indicateur',
    title: 'Code de l’indicateur',
    description: 'La clé de l’indicateur dans son objectif (fichier de données de la feuille de route).',
    type: 'string',
    constraints: { required: true },
    value: (r) => r.indicator.key,
  },
  {
    name: 'indicateur',
    title: 'Indicateur',
    description: 'Le nom de l’indicateur.',
    type: 'string',
    constraints: { required: true },
    value: (r) => r.indicator.name,
  },
  {
    name: 'unite',
    title: 'Unité',
    description: `L’unité des valeurs : ${UNITS.map((u) => `${u}${FR.units[u] ? ` (${FR.units[u]})` : ' (nombre)'}`).join(', ')}.`,
    type: 'string',
    constraints: { required: true, enum: UNITS },
    value: (r) => r.indicator.unit,
  },
  {
    name: 'frequence',
    title: 'Fréquence de mise à jour',
    description: `monthly (${FR.frequency.monthly}), quarterly (${FR.frequency.quarterly}), yearly (${FR.frequency.yearly}).`,
    type: 'string',
    constraints: { required: true, enum: FREQUENCIES },
    value: (r) => r.indicator.frequency,
  },
  {
    name: 'statut_indicateur',
    title: 'Statut de l’indicateur',
    description: `Le statut calculé de l’indicateur : ${statusCodes}.`,
    type: 'string',
    constraints: { required: true, enum: STATUS_CODES },
    value: (r) => r.indicator.status,
  },
  {
    name: 'valeur_reference',
    title: 'Valeur de référence',
    description: 'La valeur de départ de la trajectoire (dans l’unité) ; vide sans valeur de référence.',
    type: 'number',
    value: (r) => r.indicator.baseline?.value ?? null,
  },
  {
    name: 'date_valeur_reference',
    title: 'Date de la valeur de référence',
    description: 'La date de la valeur de référence.',
    type: 'date',
    format: 'default',
    value: (r) => r.indicator.baseline?.date ?? null,
  },
  {
    name: 'derniere_valeur',
    title: 'Dernière valeur',
    description: 'La dernière valeur validée à la date de situation (dans l’unité) ; vide sans valeur.',
    type: 'number',
    value: (r) => r.indicator.latest?.value ?? null,
  },
  {
    name: 'date_derniere_valeur',
    title: 'Date de la dernière valeur',
    description: 'La date à laquelle la dernière valeur a été observée.',
    type: 'date',
    format: 'default',
    value: (r) => r.indicator.latest?.date ?? null,
  },
  {
    name: 'numero_cible',
    title: 'Numéro de la cible',
    description: 'Le rang de la cible parmi celles de l’indicateur (1, 2…), par échéance.',
    type: 'integer',
    constraints: { required: true, minimum: 1 },
    value: (r) => r.targetNumber,
  },
  {
    name: 'valeur_cible',
    title: 'Valeur cible',
    description: 'La valeur que la feuille de route fixe (dans l’unité).',
    type: 'number',
    constraints: { required: true },
    value: (r) => r.target.value,
  },
  {
    name: 'cible_strictement_depassee',
    title: 'Cible à dépasser',
    description: 'true quand la cible est « plus de » sa valeur (atteinte seulement si elle est dépassée), sinon false.',
    type: 'boolean',
    constraints: { required: true },
    value: (r) => String(r.target.exclusive),
  },
  {
    name: 'echeance_cible',
    title: 'Échéance de la cible',
    description: 'La date à laquelle la cible doit être atteinte.',
    type: 'date',
    format: 'default',
    constraints: { required: true },
    value: (r) => r.target.dueDate,
  },
  {
    name: 'valeur_attendue',
    title: 'Valeur attendue',
    description: 'La valeur que la trajectoire attend à la date de situation ; vide sans valeur de référence.',
    type: 'number',
    value: (r) => r.target.expected,
  },
  {
    name: 'statut_cible',
    title: 'Statut de la cible',
    description: `Le statut calculé de la cible : ${statusCodes}.`,
    type: 'string',
    constraints: { required: true, enum: STATUS_CODES },
    value: (r) => r.target.status,
  },
];

/** The file's lines: every target of every indicator, by objective code (2-1 before 10-1), then indicator, then target. */
function rows(publication: PublicPublication): OpenDataRow[] {
  return publication.objectives.flatMap((objective) =>
    objective.indicators.flatMap((indicator) => indicator.targets.map((target, k) => ({ publication, objective, indicator, target, targetNumber: k + 1 }))),
  );
}

/**
 * The period's open data as CSV, as data.gouv.fr's guidance asks: UTF-8 (no BOM), comma-separated,
 * CRLF, a header of the schema's field names, numbers with a decimal point, dates ISO 8601.
 */
export function openDataCsv(publication: PublicPublication): Buffer {
  const columns: ExportColumn<OpenDataRow>[] = OPEN_DATA_FIELDS.map((f) => ({ header: f.name, value: f.value }));
  return toCsv(rows(publication), columns, { separator: ',', bom: false });
}

/** The Table Schema (frictionless specification) describing exactly the CSV's columns. */
export function openDataSchema(period: string, publishedAt: string) {
  return {
    $schema: 'https://specs.frictionlessdata.io/schemas/table-schema.json',
    name: `feuille-de-route-numerique-sante-${period.toLowerCase()}`,
    title: `Feuille de route du numérique en santé 2023-2027 : résultats publiés (${period})`,
    description:
      `Pour chaque cible d’indicateur de la feuille de route du numérique en santé 2023-2027, la situation publiée à la clôture de la revue ${period} ` +
      `(le ${instant(publishedAt)}) : objectif, organismes, valeur de référence, dernière valeur validée, cible, valeur attendue et statuts calculés. Une ligne par cible.`,
    countryCode: 'FR',
    licenses: [{ name: 'etalab-2.0', title: 'Licence Ouverte / Open Licence version 2.0', path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' }],
    fields: OPEN_DATA_FIELDS.map(({ name, title, description, type, format, constraints }) => ({
      name,
      title,
      description,
      type,
      ...(format ? { format } : {}),
      ...(constraints ? { constraints } : {}),
    })),
    missingValues: [''],
    primaryKey: ['id_indicateur', 'numero_cible'],
  };
}
