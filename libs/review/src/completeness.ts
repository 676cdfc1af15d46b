import type { UpdateState } from './update-workflow';

/**
 * How complete a period's review is: per body, how many of the objectives it leads have an update
 * submitted (or validated), and whether each came in by the deadline.
 */
export interface ObjectiveUpdateLine {
  objectiveCode: string;
  leadBody: string;
  state: UpdateState | null;
  /** The Paris date of the latest submission, if any. */
  submittedOn: string | null;
}

export interface BodyCompleteness {
  body: string;
  expected: number;
  submitted: number;
  validated: number;
  /** Submitted by the deadline / after it / still missing with the deadline passed. */
  onTime: number;
  late: number;
  missing: string[];
  /**
   * `complete` (all submitted, on time), `late` (some submitted late, or missing past the deadline),
   * `incomplete` (the period was closed with some missing, before the deadline), `in_progress`.
   */
  standing: 'complete' | 'late' | 'incomplete' | 'in_progress';
}

/** An objective's line: its lead body, its update's state (null: none yet) and the day (`dayOf`) of its latest submission. */
export function objectiveUpdateLine(
  objective: { code: string; leadBody: string },
  update: { state: UpdateState; submittedAt: string | null } | undefined,
  dayOf: (instant: Date) => string,
): ObjectiveUpdateLine {
  return {
    objectiveCode: objective.code,
    leadBody: objective.leadBody,
    state: update?.state ?? null,
    submittedOn: update?.submittedAt ? dayOf(new Date(update.submittedAt)) : null,
  };
}

export function isSubmitted(state: UpdateState | null): boolean {
  return state === 'submitted' || state === 'validated';
}

/** `closed`: the period is closed, so what is missing will not come in ("in progress" would not be true). */
export function completenessByBody(lines: readonly ObjectiveUpdateLine[], deadline: string, today: string, closed = false): BodyCompleteness[] {
  const byBody = new Map<string, ObjectiveUpdateLine[]>();
  for (const l of lines) byBody.set(l.leadBody, [...(byBody.get(l.leadBody) ?? []), l]);
  return [...byBody.entries()]
    .map(([body, own]) => {
      const submitted = own.filter((l) => isSubmitted(l.state));
      const late = submitted.filter((l) => l.submittedOn !== null && l.submittedOn > deadline).length;
      const missing = own.filter((l) => !isSubmitted(l.state)).map((l) => l.objectiveCode);
      const overdue = today > deadline && missing.length > 0;
      const standing: BodyCompleteness['standing'] = late > 0 || overdue ? 'late' : missing.length === 0 ? 'complete' : closed ? 'incomplete' : 'in_progress';
      return {
        body,
        expected: own.length,
        submitted: submitted.length,
        validated: own.filter((l) => l.state === 'validated').length,
        onTime: submitted.length - late,
        late,
        missing,
        standing,
      };
    })
    .sort((a, b) => a.body.localeCompare(b.body));
}
