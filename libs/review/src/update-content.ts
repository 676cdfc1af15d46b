import { Problem } from '@app/common';

/**
 * What a lead body writes in an objective's update: its confidence rating (its own judgement, shown
 * beside the computed status, never replacing it) and a commentary in sections.
 */
export const CONFIDENCE_LEVELS = ['secured', 'watch', 'difficulties', 'compromised'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const COMMENTARY_SECTIONS = ['progress', 'difficulties', 'nextSteps', 'decisionsNeeded', 'dataNote'] as const;
export type CommentarySection = (typeof COMMENTARY_SECTIONS)[number];

/** Long enough for a page of text per section, short enough for a report a director reads. */
export const SECTION_MAX_LENGTH = 4000;
/** A return reason, a revision reason, a contribution. */
export const REASON_MAX_LENGTH = 2000;
export const CONTRIBUTION_MAX_LENGTH = 4000;

export type UpdateContent = { confidence: Confidence | null } & Record<CommentarySection, string | null>;

export const EMPTY_CONTENT: UpdateContent = {
  confidence: null,
  progress: null,
  difficulties: null,
  nextSteps: null,
  decisionsNeeded: null,
  dataNote: null,
};

/**
 * Reads a draft's content from a request body: every problem at once, with its field. Sections are
 * trimmed; an empty one is null. Fields absent from the body keep their `current` value.
 */
export function readUpdateContent(body: Record<string, unknown>, current: UpdateContent = EMPTY_CONTENT): { content: UpdateContent; problems: Problem[] } {
  const problems: Problem[] = [];
  const content: UpdateContent = { ...current };
  if ('confidence' in body) {
    const c = body.confidence;
    if (c === null || c === '') content.confidence = null;
    else if (typeof c === 'string' && (CONFIDENCE_LEVELS as readonly string[]).includes(c)) content.confidence = c as Confidence;
    else problems.push({ code: 'validation.not_one_of', field: 'confidence', params: { allowed: [...CONFIDENCE_LEVELS] } });
  }
  for (const section of COMMENTARY_SECTIONS) {
    if (!(section in body)) continue;
    const read = readText(body[section], section, SECTION_MAX_LENGTH);
    if ('problem' in read) problems.push(read.problem);
    else content[section] = read.text;
  }
  return { content, problems };
}

/** What submitting needs: a rating and the progress made (the other sections may be empty). */
export function submissionProblems(content: UpdateContent): Problem[] {
  const problems: Problem[] = [];
  if (!content.confidence) problems.push({ code: 'review.confidence_required', field: 'confidence' });
  if (!content.progress) problems.push({ code: 'review.progress_required', field: 'progress' });
  return problems;
}

/** A free text field: trimmed, null when empty, refused when not text or too long. */
export function readText(value: unknown, field: string, max: number): { text: string | null } | { problem: Problem } {
  if (value === null || value === undefined) return { text: null };
  if (typeof value !== 'string') return { problem: { code: 'validation.not_text', field } };
  const text = value.replace(/\r\n?/g, '\n').trim();
  if (text.length > max) return { problem: { code: 'validation.too_long', field, params: { max, length: text.length } } };
  return { text: text || null };
}

/** A reason that must be given (return, revision after validation). */
export function requiredReason(value: unknown, field = 'reason'): { text: string } | { problem: Problem } {
  const read = readText(value, field, REASON_MAX_LENGTH);
  if ('problem' in read) return read;
  if (!read.text) return { problem: { code: 'validation.required', field } };
  return { text: read.text };
}
