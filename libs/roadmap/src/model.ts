/**
 * The roadmap's own vocabulary: focus area → priority → objective, led by a body,
 * measured by indicators with dated targets, or delivered through dated milestones.
 */
export type ObjectiveKind = 'CONTINUATION' | 'DEVELOPMENT';
export type IndicatorUnit = 'count' | 'percent' | 'documents_per_year' | 'users_per_day' | 'visitors_per_year' | 'months';
export type IndicatorDirection = 'increase' | 'decrease';
export type ReportingFrequency = 'monthly' | 'quarterly' | 'yearly';
/** linear: expected value on a straight path from baseline to target; cagr: compound growth. */
export type ProgressMethod = 'linear' | 'cagr';

export const INDICATOR_UNITS: readonly IndicatorUnit[] = ['count', 'percent', 'documents_per_year', 'users_per_day', 'visitors_per_year', 'months'];
export const REPORTING_FREQUENCIES: readonly ReportingFrequency[] = ['monthly', 'quarterly', 'yearly'];

/** The languages the roadmap's texts are kept in: English (the edition in db/source) and French (the project's translation). */
export type RoadmapLang = 'fr' | 'en';

export interface Body {
  acronym: string;
  name: string;
  englishName: string;
  inGlossary: boolean;
}

export interface Target {
  value: number;
  /** "more than N": reached only when the value exceeds N. */
  exclusive: boolean;
  valueText: string;
  due: string;
  dueDate: string;
  source: string;
  fr?: { valueText: string; due: string; source: string };
}

/** A starting value the roadmap itself states, with its sentence (verbatim) in `source`. */
export interface DeclaredBaseline {
  value: number;
  date: string;
  source: string;
}

/**
 * The levels below the nation an indicator is delivered at: the 18 regions (each ARS and its GRADeS)
 * and the 101 départements. A territory is its level AND its code (region '11' is not département '11').
 */
export type TerritorialLevel = 'region' | 'departement';
export const TERRITORIAL_LEVELS: readonly TerritorialLevel[] = ['region', 'departement'];

/**
 * How the national value follows from the territories' values:
 * - sum: counts add up (establishments equipped, professionals trained);
 * - weighted_mean: a rate is the mean of the territories' rates weighted by each one's recorded
 *   denominator (Σ value × denominator / Σ denominator), e.g. the establishments a percentage is of;
 * - national_only: values are recorded per territory for comparison, but the national value cannot be
 *   derived from them (unique visitors counted once nationally) and is recorded on its own.
 */
export type NationalRule = 'sum' | 'weighted_mean' | 'national_only';
export const NATIONAL_RULES: readonly NationalRule[] = ['sum', 'weighted_mean', 'national_only'];

export interface TerritorialBreakdown {
  levels: TerritorialLevel[];
  national: NationalRule;
  /** weighted_mean only: what the denominator counts ("establishments"), in English and French. */
  denominator?: { name: string; fr: { name: string } };
}

export interface Indicator {
  key: string;
  name: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  frequency: ReportingFrequency;
  method: ProgressMethod;
  baseline?: DeclaredBaseline;
  /** Absent: the indicator is measured nationally only. */
  territories?: TerritorialBreakdown;
  fr?: { name: string };
  targets: Target[];
}

export interface Milestone {
  key: string;
  title: string;
  due: string;
  dueDate: string;
  source: string;
  fr?: { title: string; due: string; source: string };
}

export interface Objective {
  code: string;
  title: string;
  kind: ObjectiveKind | null;
  description: string | null;
  leadBody: string;
  contributingBodies: string[];
  summary: string;
  fr?: { title: string; description?: string | null; summary: string };
  indicators: Indicator[];
  milestones: Milestone[];
}

export interface Priority {
  number: number;
  title: string;
  fr?: { title: string };
  objectives: Objective[];
}

export interface FocusArea {
  number: number;
  title: string;
  subtitle: string;
  fr?: { title: string; subtitle: string };
  priorities: Priority[];
}

export interface RoadmapData {
  /** How far each translation is to be trusted ("working": the project's own, to be reviewed). */
  translations?: { fr?: { status: 'working' | 'reviewed'; note?: string } };
  bodies: Body[];
  focusAreas: FocusArea[];
}
