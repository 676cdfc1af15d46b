import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { dueDateFromPhrase } from './due-date';
import { INDICATOR_UNITS, REPORTING_FREQUENCIES, RoadmapData } from './model';

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
    targets: z.array(targetSchema).min(1),
  })
  .strict();

const milestoneSchema = z.object({ key, title: text, due: text, dueDate: isoDate, source: text }).strict();

const objectiveSchema = z
  .object({
    code: z.string().regex(/^\d{1,2}-\d{1,2}$/, 'must look like "1-1"'),
    title: text,
    kind: z.enum(['CONTINUATION', 'DEVELOPMENT']).nullable(),
    description: text.nullable(),
    leadBody: text,
    contributingBodies: z.array(text),
    summary: text,
    indicators: z.array(indicatorSchema),
    milestones: z.array(milestoneSchema),
  })
  .strict()
  .refine((o) => o.indicators.length + o.milestones.length > 0, 'an objective needs at least one target or milestone');

const roadmapSchema = z
  .object({
    bodies: z.array(
      z.object({ acronym: text, name: text, englishName: text, inGlossary: z.boolean() }).strict(),
    ),
    focusAreas: z.array(
      z
        .object({
          number: z.number().int().positive(),
          title: text,
          subtitle: text,
          priorities: z.array(
            z.object({ number: z.number().int().positive(), title: text, objectives: z.array(objectiveSchema).min(1) }).strict(),
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
    for (const p of fa.priorities) {
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

export function loadRoadmapFile(path: string): RoadmapData {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RoadmapDataError([`${path}: ${(e as Error).message}`]);
  }
  return validateRoadmapData(raw);
}
