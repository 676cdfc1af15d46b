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

export interface Indicator {
  key: string;
  name: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  frequency: ReportingFrequency;
  method: ProgressMethod;
  baseline?: DeclaredBaseline;
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
