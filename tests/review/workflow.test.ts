import { describe, expect, it } from 'vitest';
import { DomainError, ValidationFailed } from '@app/common';
import {
  canValidate,
  canWriteUpdate,
  contributingBodyOf,
  EMPTY_CONTENT,
  readUpdateContent,
  requiredReason,
  returnStep,
  ReviewActor,
  saveStep,
  submitStep,
  UpdateContent,
  UpdateState,
  UpdateSubject,
  validateStep,
} from '@app/review';

/**
 * The update's workflow, table-driven: every state (none yet, draft, submitted, validated, returned)
 * × every action × every role. The lead body is DGOS, DNS contributes; the update was written and
 * submitted by user 1 (a DGOS editor).
 */
const FULL: UpdateContent = { ...EMPTY_CONTENT, confidence: 'watch', progress: 'En hausse.' };
const actors: Record<string, ReviewActor> = {
  admin: { userId: 10, role: 'admin', bodies: [] },
  validator: { userId: 11, role: 'validator', bodies: [] },
  lead: { userId: 12, role: 'editor', bodies: ['DGOS'] },
  contributor: { userId: 13, role: 'editor', bodies: ['DNS'] },
  stranger: { userId: 14, role: 'editor', bodies: ['CNAM'] },
  viewer: { userId: 15, role: 'viewer', bodies: [] },
};
type StateKey = UpdateState | 'none';
const STATES: StateKey[] = ['none', 'draft', 'submitted', 'validated', 'returned'];
type Action = 'save' | 'save with reason' | 'submit' | 'validate' | 'return';

function subject(state: StateKey, periodState: 'open' | 'closed' = 'open', content = FULL): UpdateSubject {
  return {
    objectiveCode: '15-4',
    leadBody: 'DGOS',
    contributingBodies: ['DNS'],
    period: '2026-Q4',
    periodState,
    update: state === 'none' ? null : { state, submittedBy: state === 'draft' ? null : 1, updatedBy: 1, content },
  };
}

function outcome(action: Action, actor: ReviewActor, s: UpdateSubject): string {
  try {
    const r =
      action === 'save'
        ? saveStep(actor, s, null)
        : action === 'save with reason'
          ? saveStep(actor, s, 'motif')
          : action === 'submit'
            ? submitStep(actor, s)
            : action === 'validate'
              ? validateStep(actor, s)
              : returnStep(actor, s);
    return r.revision ? `${r.to} (revised)` : r.to;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e instanceof ValidationFailed ? `400 ${e.problems.map((p) => p.code).join(',')}` : `${e.kind} ${e.code}`;
  }
}

// What a writer (admin or an editor of the lead body) gets, per action and state.
const WRITER: Record<Action, Record<StateKey, string>> = {
  save: {
    none: 'draft',
    draft: 'draft',
    submitted: 'conflict review.submitted_not_editable',
    validated: 'conflict review.locked_needs_reason',
    returned: 'draft',
  },
  'save with reason': {
    none: 'draft',
    draft: 'draft',
    submitted: 'conflict review.submitted_not_editable',
    validated: 'validated (revised)',
    returned: 'draft',
  },
  submit: {
    none: 'conflict review.nothing_to_submit',
    draft: 'submitted',
    submitted: 'conflict review.already_submitted',
    validated: 'conflict review.already_validated',
    returned: 'submitted',
  },
  validate: Object.fromEntries(STATES.map((s) => [s, 'forbidden review.validator_role_required'])) as Record<StateKey, string>,
  return: Object.fromEntries(STATES.map((s) => [s, 'forbidden review.validator_role_required'])) as Record<StateKey, string>,
};
// What a validator gets (an admin validates the same way).
const VALIDATING: Pick<Record<Action, Record<StateKey, string>>, 'validate' | 'return'> = {
  validate: {
    none: 'conflict review.validate_needs_submitted',
    draft: 'conflict review.validate_needs_submitted',
    submitted: 'validated',
    validated: 'conflict review.validate_needs_submitted',
    returned: 'conflict review.validate_needs_submitted',
  },
  return: {
    none: 'conflict review.return_needs_submitted',
    draft: 'conflict review.return_needs_submitted',
    submitted: 'returned',
    validated: 'conflict review.return_needs_submitted',
    returned: 'conflict review.return_needs_submitted',
  },
};
const NOT_WRITER = 'forbidden review.not_lead_body_editor';

const EXPECTED: Record<string, Record<Action, Record<StateKey, string>>> = {
  admin: { ...WRITER, ...VALIDATING },
  lead: WRITER,
  validator: {
    save: Object.fromEntries(STATES.map((s) => [s, NOT_WRITER])) as Record<StateKey, string>,
    'save with reason': Object.fromEntries(STATES.map((s) => [s, NOT_WRITER])) as Record<StateKey, string>,
    submit: Object.fromEntries(STATES.map((s) => [s, NOT_WRITER])) as Record<StateKey, string>,
    ...VALIDATING,
  },
};
for (const role of ['contributor', 'stranger', 'viewer']) {
  EXPECTED[role] = {
    ...EXPECTED.validator,
    validate: WRITER.validate,
    return: WRITER.return,
  };
}

const ACTIONS: Action[] = ['save', 'save with reason', 'submit', 'validate', 'return'];
const cases = Object.keys(actors).flatMap((role) =>
  ACTIONS.flatMap((action) => STATES.map((state) => [role, action, state, EXPECTED[role][action][state]] as const)),
);

describe('the update workflow, every role × action × state', () => {
  it('covers 6 roles × 5 actions × 5 states', () => expect(cases).toHaveLength(150));

  it.each(cases)('%s, %s on %s → %s', (role, action, state, expected) => {
    expect(outcome(action, actors[role], subject(state))).toBe(expected);
  });

  it.each(cases.filter(([, , , expected]) => !expected.startsWith('forbidden')))(
    '%s, %s on %s, once the period is closed → conflict',
    (role, action, state) => {
      expect(outcome(action, actors[role], subject(state, 'closed'))).toBe('conflict review.period_closed');
    },
  );
});

describe('four eyes', () => {
  it('refuses whoever submitted or last wrote the update, even an admin', () => {
    const s = subject('submitted');
    const own = { ...actors.admin, userId: 1 };
    expect(outcome('validate', own, s)).toBe('forbidden review.cannot_validate_own');
    expect(outcome('return', own, s)).toBe('forbidden review.cannot_validate_own');
    const wrote = { ...s, update: { ...s.update!, submittedBy: 2, updatedBy: 11 } };
    expect(outcome('validate', actors.validator, wrote)).toBe('forbidden review.cannot_validate_own');
    expect(outcome('validate', actors.validator, { ...s, update: { ...s.update!, submittedBy: 2, updatedBy: 3 } })).toBe('validated');
  });
});

describe('submitting needs a rating and the progress made', () => {
  it.each([
    [{ ...FULL, confidence: null }, '400 review.confidence_required'],
    [{ ...FULL, progress: null }, '400 review.progress_required'],
    [EMPTY_CONTENT, '400 review.confidence_required,review.progress_required'],
    [FULL, 'submitted'],
  ])('%j → %s', (content, expected) => {
    expect(outcome('submit', actors.lead, subject('draft', 'open', content as UpdateContent))).toBe(expected);
  });
});

describe('who writes, contributes, validates', () => {
  it.each([
    ['admin', true, null, true],
    ['validator', false, null, true],
    ['lead', true, null, false],
    ['contributor', false, 'DNS', false],
    ['stranger', false, null, false],
    ['viewer', false, null, false],
  ] as const)('%s: writes %s, contributes for %s, validates %s', (role, writes, contributes, validates) => {
    expect(canWriteUpdate(actors[role], subject('draft'))).toBe(writes);
    expect(contributingBodyOf(actors[role], subject('draft'))).toBe(contributes);
    expect(canValidate(actors[role])).toBe(validates);
  });
});

describe('reading the content of a draft', () => {
  it.each([
    [{ confidence: 'secured' }, { confidence: 'secured' }, []],
    [{ confidence: '' }, { confidence: null }, []],
    [{ confidence: 'great' }, {}, ['confidence validation.not_one_of']],
    [{ progress: '  a\r\nb  ' }, { progress: 'a\nb' }, []],
    [{ progress: '   ' }, { progress: null }, []],
    [{ progress: null }, { progress: null }, []],
    [{ nextSteps: 12 }, {}, ['nextSteps validation.not_text']],
    [{ dataNote: 'x'.repeat(4001) }, {}, ['dataNote validation.too_long']],
    [{ dataNote: 'x'.repeat(4000) }, { dataNote: 'x'.repeat(4000) }, []],
  ])('%j', (body, changed, problems) => {
    const current = { ...FULL, difficulties: 'kept' };
    const read = readUpdateContent(body, current);
    expect(read.problems.map((p) => `${p.field} ${p.code}`)).toEqual(problems);
    if (!problems.length) expect(read.content).toEqual({ ...current, ...changed });
  });

  it.each([
    [undefined, 'validation.required'],
    ['  ', 'validation.required'],
    [3, 'validation.not_text'],
    ['x'.repeat(2001), 'validation.too_long'],
    [' Manque la décision. ', null],
  ])('a required reason %j → %s', (value, code) => {
    const read = requiredReason(value);
    if (code) expect('problem' in read && read.problem.code).toBe(code);
    else expect(read).toEqual({ text: 'Manque la décision.' });
  });
});
