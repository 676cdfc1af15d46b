import { Conflict, Forbidden, ValidationFailed } from '@app/common';
import { submissionProblems, UpdateContent } from './update-content';

/**
 * An objective's update goes draft → submitted → validated, or submitted → returned (with the
 * validator's reason) → draft when its body edits it again. These functions decide, from who asks and
 * the update as it stands, whether a step is allowed and what state follows; they throw the domain
 * error that says why not (wrong role or body: forbidden; wrong state: conflict saying what to do).
 */
export const UPDATE_STATES = ['draft', 'submitted', 'validated', 'returned'] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];
export type UpdateAction = 'save' | 'submit' | 'validate' | 'return' | 'revise';

export type ReviewRole = 'admin' | 'validator' | 'editor' | 'viewer';
export interface ReviewActor {
  userId: number;
  role: ReviewRole;
  /** Acronyms of the bodies an editor records for. */
  bodies: readonly string[];
  /** The territory an editor is limited to (an ARS); null or absent: a national editor. */
  scope?: { level: string; code: string } | null;
}

export interface UpdateSubject {
  objectiveCode: string;
  leadBody: string;
  contributingBodies: readonly string[];
  period: string;
  periodState: 'open' | 'closed';
  /** The update as it stands; null before its first save. */
  update: { state: UpdateState; submittedBy: number | null; updatedBy: number | null; content: UpdateContent } | null;
}

export interface StepOutcome {
  from: UpdateState | null;
  to: UpdateState;
  /** A change to a validated update: it needs a reason and is marked "revised after validation". */
  revision: boolean;
}

/** Admins, and editors of the objective's lead body, write its update. */
/** The update is the nation's assessment of the objective: an editor limited to a territory does not write it. */
export function canWriteUpdate(actor: ReviewActor, subject: Pick<UpdateSubject, 'leadBody'>): boolean {
  return actor.role === 'admin' || (actor.role === 'editor' && !actor.scope && actor.bodies.includes(subject.leadBody));
}

/** Editors of a contributing body (and admins) add signed contributions the lead body reads. */
export function contributingBodyOf(actor: ReviewActor, subject: Pick<UpdateSubject, 'contributingBodies'>): string | null {
  if (actor.role !== 'editor' && actor.role !== 'admin') return null;
  return subject.contributingBodies.find((b) => actor.bodies.includes(b)) ?? null;
}

export function canValidate(actor: ReviewActor): boolean {
  return actor.role === 'admin' || actor.role === 'validator';
}

function assertWriter(actor: ReviewActor, subject: UpdateSubject): void {
  if (actor.role === 'editor' && actor.scope && actor.bodies.includes(subject.leadBody)) {
    throw new Forbidden('review.territorial_editor', { objective: subject.objectiveCode, leadBody: subject.leadBody });
  }
  if (!canWriteUpdate(actor, subject)) {
    throw new Forbidden('review.not_lead_body_editor', { objective: subject.objectiveCode, leadBody: subject.leadBody, role: actor.role });
  }
}

function assertOpen(subject: UpdateSubject): void {
  if (subject.periodState === 'closed') throw new Conflict('review.period_closed', { period: subject.period });
}

/** Saving a draft. A validated update may still be changed, with a reason: it stays validated, marked revised. */
export function saveStep(actor: ReviewActor, subject: UpdateSubject, reason: string | null): StepOutcome {
  assertWriter(actor, subject);
  assertOpen(subject);
  const from = subject.update?.state ?? null;
  if (from === 'submitted') throw new Conflict('review.submitted_not_editable', { objective: subject.objectiveCode });
  if (from === 'validated') {
    if (!reason) throw new Conflict('review.locked_needs_reason', { objective: subject.objectiveCode }, 'reason');
    return { from, to: 'validated', revision: true };
  }
  return { from, to: 'draft', revision: false };
}

/** Submitting for validation: a draft (or a returned update) that has a rating and its progress. */
export function submitStep(actor: ReviewActor, subject: UpdateSubject): StepOutcome {
  assertWriter(actor, subject);
  assertOpen(subject);
  const from = subject.update?.state ?? null;
  if (from === null) throw new Conflict('review.nothing_to_submit', { objective: subject.objectiveCode });
  if (from === 'submitted') throw new Conflict('review.already_submitted', { objective: subject.objectiveCode });
  if (from === 'validated') throw new Conflict('review.already_validated', { objective: subject.objectiveCode });
  const problems = submissionProblems(subject.update!.content);
  if (problems.length) throw new ValidationFailed(problems);
  return { from, to: 'submitted', revision: false };
}

function assertValidator(actor: ReviewActor, subject: UpdateSubject): void {
  if (!canValidate(actor)) throw new Forbidden('review.validator_role_required', { role: actor.role });
  const u = subject.update;
  // Four eyes: whoever submitted or last wrote an update does not validate it.
  if (u && (u.submittedBy === actor.userId || u.updatedBy === actor.userId)) {
    throw new Forbidden('review.cannot_validate_own', { objective: subject.objectiveCode });
  }
}

function assertSubmitted(subject: UpdateSubject, action: 'validate' | 'return'): void {
  const state = subject.update?.state ?? 'none';
  if (state !== 'submitted') throw new Conflict(`review.${action}_needs_submitted`, { objective: subject.objectiveCode, state });
}

export function validateStep(actor: ReviewActor, subject: UpdateSubject): StepOutcome {
  assertValidator(actor, subject);
  assertOpen(subject);
  assertSubmitted(subject, 'validate');
  return { from: 'submitted', to: 'validated', revision: false };
}

export function returnStep(actor: ReviewActor, subject: UpdateSubject): StepOutcome {
  assertValidator(actor, subject);
  assertOpen(subject);
  assertSubmitted(subject, 'return');
  return { from: 'submitted', to: 'returned', revision: false };
}
