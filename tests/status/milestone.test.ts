import { describe, expect, it } from 'vitest';
import { AT_RISK_HORIZON_DAYS, evaluateMilestone, MilestoneEvaluation } from '@app/status';

type Input = Parameters<typeof evaluateMilestone>[0];
const DUE = '2024-06-30';

describe('evaluateMilestone', () => {
  it('uses a 90-day at-risk horizon by default', () => {
    expect(AT_RISK_HORIZON_DAYS).toBe(90);
  });

  // daysUntilDue = due − asOf; the day counts are worked out in the comments.
  it.each<[string, Input, MilestoneEvaluation]>([
    // done: achieved whatever asOf; daysLate = completedOn − due when positive, else 0.
    ['done on the due date', { dueDate: DUE, state: 'done', completedOn: DUE, asOf: '2024-08-01' }, { status: 'achieved', daysLate: 0, daysUntilDue: -32 }], // Jun 30 → Aug 1 = 32
    ['done 1 day late', { dueDate: DUE, state: 'done', completedOn: '2024-07-01', asOf: '2024-07-01' }, { status: 'achieved', daysLate: 1, daysUntilDue: -1 }],
    [
      'done 15 days late',
      { dueDate: DUE, state: 'done', completedOn: '2024-07-15', asOf: '2024-08-01' },
      { status: 'achieved', daysLate: 15, daysUntilDue: -32 },
    ],
    [
      'done early, before the due date',
      { dueDate: DUE, state: 'done', completedOn: '2024-05-01', asOf: '2024-05-02' },
      { status: 'achieved', daysLate: 0, daysUntilDue: 59 },
    ], // May 2 → Jun 30 = 29 + 30
    // Not done and asOf after due: missed, daysLate = asOf − due.
    [
      'in progress, 1 day past due',
      { dueDate: DUE, state: 'in_progress', completedOn: null, asOf: '2024-07-01' },
      { status: 'missed', daysLate: 1, daysUntilDue: -1 },
    ],
    [
      'not started, 1 day past due',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: '2024-07-01' },
      { status: 'missed', daysLate: 1, daysUntilDue: -1 },
    ],
    [
      'not started, 350 days past due',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: '2025-06-15' },
      { status: 'missed', daysLate: 350, daysUntilDue: -350 },
    ], // 365 − 15
    // In progress, not yet past due: on_track, however close or far.
    ['in progress, due today', { dueDate: DUE, state: 'in_progress', completedOn: null, asOf: DUE }, { status: 'on_track', daysLate: null, daysUntilDue: 0 }],
    [
      'in progress, due in 200 days',
      { dueDate: DUE, state: 'in_progress', completedOn: null, asOf: '2023-12-13' },
      { status: 'on_track', daysLate: null, daysUntilDue: 200 },
    ], // 18 + 182
    // Not started: at_risk when 0 ≤ due − asOf ≤ 90, else not_started.
    ['not started, due today', { dueDate: DUE, state: 'not_started', completedOn: null, asOf: DUE }, { status: 'at_risk', daysLate: null, daysUntilDue: 0 }],
    [
      'not started, due in exactly 90 days',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: '2024-04-01' },
      { status: 'at_risk', daysLate: null, daysUntilDue: 90 },
    ], // 29 + 31 + 30
    [
      'not started, due in 91 days',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: '2024-03-31' },
      { status: 'not_started', daysLate: null, daysUntilDue: 91 },
    ],
    // A custom horizon.
    [
      'not started, 30 days, horizon 30',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: '2024-05-31', horizonDays: 30 },
      { status: 'at_risk', daysLate: null, daysUntilDue: 30 },
    ],
    [
      'not started, 31 days, horizon 30',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: '2024-05-30', horizonDays: 30 },
      { status: 'not_started', daysLate: null, daysUntilDue: 31 },
    ],
    [
      'not started, due today, horizon 0',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: DUE, horizonDays: 0 },
      { status: 'at_risk', daysLate: null, daysUntilDue: 0 },
    ],
    [
      'not started, 1 day, horizon 0',
      { dueDate: DUE, state: 'not_started', completedOn: null, asOf: '2024-06-29', horizonDays: 0 },
      { status: 'not_started', daysLate: null, daysUntilDue: 1 },
    ],
  ])('%s', (_name, input, want) => {
    expect(evaluateMilestone(input)).toEqual(want);
  });

  it.each<[string, Input, RegExp]>([
    ['done without a completion date', { dueDate: DUE, state: 'done', completedOn: null, asOf: '2024-07-01' }, /completion date/],
    ['malformed due date', { dueDate: '2024-06-31', state: 'in_progress', completedOn: null, asOf: '2024-07-01' }, /dueDate: not a real date/],
    ['malformed asOf', { dueDate: DUE, state: 'in_progress', completedOn: null, asOf: '01/07/2024' }, /asOf: not a real date/],
    ['malformed completion date', { dueDate: DUE, state: 'done', completedOn: '2024-7-1', asOf: '2024-07-01' }, /completedOn: not a real date/],
    ['negative horizon', { dueDate: DUE, state: 'not_started', completedOn: null, asOf: DUE, horizonDays: -1 }, /horizonDays/],
    ['fractional horizon', { dueDate: DUE, state: 'not_started', completedOn: null, asOf: DUE, horizonDays: 1.5 }, /horizonDays/],
    ['unknown state', { dueDate: DUE, state: 'finished' as Input['state'], completedOn: null, asOf: DUE }, /Unknown milestone state/],
  ])('refuses %s', (_name, input, error) => {
    expect(() => evaluateMilestone(input)).toThrow(error);
  });
});
