import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { dueDateFromPhrase } from './due-date';
import { valueProblem } from './value-rules';

/** The data file is read by operators: its problems are told in English, one phrase per value rule. */
const VALUE_PROBLEM_TEXT: Record<string, string> = {
  'validation.not_a_number': 'is not a number',
  'value.out_of_bounds': 'is beyond ±10^15',
  'value.percent_out_of_range': 'is a percentage: it must be between 0 and 100',
  'value.negative_count': 'is a count: it cannot be negative',
  'value.fractional_count': 'is a count: it must be a whole number',
  'value.negative_rate': 'is a rate: it cannot be negative',
};
import { INDICATOR_UNITS, Indicator, NATIONAL_RULES, Objective, REPORTING_FREQUENCIES, RoadmapData, TERRITORIAL_LEVELS } from './model';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');
const text = z.string().trim().min(1);
const key = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug');

const targetSchema = z
  .object({
    value: z.number().finite().nonnegative(),
    exclusive: z.boolean().default(false),
    valueText: text,
    due: text,
    dueDate: isoDate,
    source: text,
    fr: z.object({ valueText: text, due: text, source: text }).strict().optional(),
  })
  .strict();

const baselineSchema = z.object({ value: z.number().finite(), date: isoDate, source: text }).strict();

const territoriesSchema = z
  .object({
    levels: z
      .array(z.enum(TERRITORIAL_LEVELS as [string, ...string[]], { message: 'must be region or departement' }))
      .min(1, 'name at least one level: region, departement')
      .refine((levels) => new Set(levels).size === levels.length, 'a level is listed twice'),
    national: z.enum(NATIONAL_RULES as [string, ...string[]], { message: 'must be sum, weighted_mean or national_only' }),
    denominator: z
      .object({ name: text, fr: z.object({ name: text }).strict() })
      .strict()
      .optional(),
  })
  .strict();

const indicatorSchema = z
  .object({
    key,
    name: text,
    unit: z.enum(INDICATOR_UNITS as [string, ...string[]]),
    direction: z.enum(['increase', 'decrease']),
    frequency: z.enum(REPORTING_FREQUENCIES as [string, ...string[]]),
    method: z.enum(['linear', 'cagr']).default('linear'),
    baseline: baselineSchema.optional(),
    territories: territoriesSchema.optional(),
    fr: z.object({ name: text }).strict().optional(),
    targets: z.array(targetSchema).min(1),
  })
  .strict();

const milestoneSchema = z
  .object({ key, title: text, due: text, dueDate: isoDate, source: text, fr: z.object({ title: text, due: text, source: text }).strict().optional() })
  .strict();

const objectiveSchema = z
  .object({
    code: z.string().regex(/^\d{1,2}-\d{1,2}$/, 'must look like "1-1"'),
    title: text,
    kind: z.enum(['CONTINUATION', 'DEVELOPMENT']).nullable(),
    description: text.nullable(),
    leadBody: text,
    contributingBodies: z.array(text),
    summary: text,
    fr: z.object({ title: text, description: text.nullable().optional(), summary: text }).strict().optional(),
    indicators: z.array(indicatorSchema),
    milestones: z.array(milestoneSchema),
  })
  .strict()
  .refine((o) => o.indicators.length + o.milestones.length > 0, 'an objective needs at least one target or milestone');

const roadmapSchema = z
  .object({
    translations: z
      .object({
        fr: z
          .object({ status: z.enum(['working', 'reviewed']), note: text.optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    bodies: z.array(z.object({ acronym: text, name: text, englishName: text, inGlossary: z.boolean() }).strict()),
    focusAreas: z.array(
      z
        .object({
          number: z.number().int().positive(),
          title: text,
          subtitle: text,
          fr: z.object({ title: text, subtitle: text }).strict().optional(),
          priorities: z.array(
            z
              .object({
                number: z.number().int().positive(),
                title: text,
                fr: z.object({ title: text }).strict().optional(),
                objectives: z.array(objectiveSchema).min(1),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

export class RoadmapDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid roadmap data:\n- ${problems.join('\n- ')}`);
  }
}

/** Validates parsed roadmap data: shape, then cross-references and the due-date rule. */
export function validateRoadmapData(raw: unknown): RoadmapData {
  const parsed = roadmapSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RoadmapDataError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const data = parsed.data as RoadmapData;
  const problems: string[] = [];
  const acronyms = new Set<string>();
  for (const b of data.bodies) {
    if (acronyms.has(b.acronym)) problems.push(`body ${b.acronym} is listed twice`);
    acronyms.add(b.acronym);
  }
  const codes = new Set<string>();
  const priorityNumbers = new Set<number>();
  for (const fa of data.focusAreas) {
    if (!fa.fr) problems.push(`focus area ${fa.number}: no French text (fr: {title, subtitle})`);
    for (const p of fa.priorities) {
      if (!p.fr) problems.push(`priority ${p.number}: no French text (fr: {title})`);
      if (priorityNumbers.has(p.number)) problems.push(`priority ${p.number} is listed twice`);
      priorityNumbers.add(p.number);
      for (const o of p.objectives) {
        const where = `objective ${o.code}`;
        if (codes.has(o.code)) problems.push(`${where} is listed twice`);
        codes.add(o.code);
        if (!o.code.startsWith(`${p.number}-`)) problems.push(`${where} is not numbered under priority ${p.number}`);
        for (const body of [o.leadBody, ...o.contributingBodies]) {
          if (!acronyms.has(body)) problems.push(`${where}: unknown body "${body}"`);
        }
        if (new Set([o.leadBody, ...o.contributingBodies]).size !== o.contributingBodies.length + 1) {
          problems.push(`${where}: a body is listed twice`);
        }
        problems.push(...frenchProblems(o));
        for (const i of o.indicators) problems.push(...territorialProblems(where, i));
        for (const i of o.indicators.filter((x) => x.baseline)) {
          const problem = valueProblem(i.unit, i.baseline!.value);
          if (problem) problems.push(`${where}, indicator ${i.key}: baseline.value ${VALUE_PROBLEM_TEXT[problem.code] ?? problem.code}`);
          if (i.targets.some((t) => i.baseline!.date >= t.dueDate)) {
            problems.push(`${where}, indicator ${i.key}: baseline.date ${i.baseline!.date} is not before every target's due date`);
          }
        }
        const keys = new Set<string>();
        const dated = [
          ...o.indicators.flatMap((i) => i.targets.map((t) => ({ what: `indicator ${i.key}`, ...t }))),
          ...o.milestones.map((m) => ({ what: `milestone ${m.key}`, ...m })),
        ];
        for (const k of [...o.indicators.map((i) => i.key), ...o.milestones.map((m) => m.key)]) {
          if (keys.has(k)) problems.push(`${where}: key "${k}" is used twice`);
          keys.add(k);
        }
        for (const d of dated) {
          if (!o.summary.includes(d.source)) problems.push(`${where}, ${d.what}: source is not a sentence of the summary`);
          if (!d.source.includes(d.due)) problems.push(`${where}, ${d.what}: "${d.due}" is not in its source`);
          let expected: string | undefined;
          try {
            expected = dueDateFromPhrase(d.due);
          } catch (e) {
            problems.push(`${where}, ${d.what}: ${(e as Error).message}`);
          }
          if (expected && expected !== d.dueDate) {
            problems.push(`${where}, ${d.what}: "${d.due}" gives ${expected} by the due-date rule, not ${d.dueDate}`);
          }
        }
      }
    }
  }
  if (problems.length) throw new RoadmapDataError(problems);
  return data;
}

/**
 * Every text of an objective has its French (the pages, reports and API are French first): the
 * objective's title, description (when it has one) and summary, each indicator's name, each target's
 * and milestone's words, date phrase and sentence. The French sentences are checked like the English
 * ones: a target's or milestone's sentence is one of the French summary, its date phrase is in it.
 */
function frenchProblems(o: Objective): string[] {
  const where = `objective ${o.code}`;
  const problems: string[] = [];
  if (!o.fr) return [`${where}: no French text (fr: {title, description, summary})`];
  if (o.description && !o.fr.description) problems.push(`${where}: no French description (fr.description)`);
  if (!o.description && o.fr.description) problems.push(`${where}: a French description (fr.description) but no English one`);
  for (const i of o.indicators) {
    if (!i.fr) problems.push(`${where}, indicator ${i.key}: no French name (fr: {name})`);
    i.targets.forEach((t, k) => {
      const what = `${where}, indicator ${i.key}, target ${k + 1} (${t.valueText})`;
      if (!t.fr) problems.push(`${what}: no French text (fr: {valueText, due, source})`);
      else problems.push(...frenchSentenceProblems(what, t.fr, o.fr!.summary));
    });
  }
  for (const m of o.milestones) {
    const what = `${where}, milestone ${m.key}`;
    if (!m.fr) problems.push(`${what}: no French text (fr: {title, due, source})`);
    else problems.push(...frenchSentenceProblems(what, m.fr, o.fr.summary));
  }
  return problems;
}

/** Units that add up across territories; a percentage or a duration never does. */
const ADDITIVE_UNITS = new Set(['count', 'documents_per_year', 'users_per_day', 'visitors_per_year']);

/**
 * The national rule must suit the unit (percentages are weighted, never summed), and a weighted mean
 * names what its denominator counts (the form and the import template ask for it by that name).
 */
function territorialProblems(where: string, i: Indicator): string[] {
  const breakdown = i.territories;
  if (!breakdown) return [];
  const what = `${where}, indicator ${i.key}: territories`;
  const problems: string[] = [];
  if (breakdown.national === 'sum' && !ADDITIVE_UNITS.has(i.unit)) {
    problems.push(`${what}.national sum does not suit the unit ${i.unit} (use weighted_mean or national_only)`);
  }
  if (breakdown.national === 'weighted_mean' && !breakdown.denominator) {
    problems.push(`${what}.denominator is needed by weighted_mean (what each territory's value is a share of, e.g. establishments)`);
  }
  if (breakdown.national !== 'weighted_mean' && breakdown.denominator) {
    problems.push(`${what}.denominator is only read by weighted_mean, not by ${breakdown.national}`);
  }
  return problems;
}

function frenchSentenceProblems(what: string, fr: { due: string; source: string }, summaryFr: string): string[] {
  const problems: string[] = [];
  if (!summaryFr.includes(fr.source)) problems.push(`${what}: fr.source is not a sentence of the French summary (fr.summary)`);
  if (!fr.source.includes(fr.due)) problems.push(`${what}: fr.due "${fr.due}" is not in its French sentence`);
  return problems;
}

export function loadRoadmapFile(path: string): RoadmapData {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RoadmapDataError([`${path}: ${(e as Error).message}`]);
  }
  return validateRoadmapData(raw);
}
