import { describe, expect, it } from 'vitest';
import { parsePeriod } from '@app/common';
import {
  checkOpeningRequest,
  completenessByBody,
  daysLeft,
  defaultDeadline,
  LockingUpdate,
  mergeLocks,
  milestoneWindow,
  objectiveUpdateLine,
  observedInPeriod,
  opensAutomatically,
  opensOn,
  periodDueToOpen,
  valueLockOn,
} from '@app/review';

/** Review periods, their dates, the opening rules, completeness and locked values: pure, table-driven. */
describe('the dates of a review period', () => {
  it.each([
    ['2026-Q4', 15, '2027-01-01', '2027-01-15'],
    ['2026-Q1', 15, '2026-04-01', '2026-04-15'],
    ['2026-11', 10, '2026-12-01', '2026-12-10'],
    ['2026-H1', 28, '2026-07-01', '2026-07-28'],
    ['2026', 1, '2027-01-01', '2027-01-01'],
    ['2027-01', 31, '2027-02-01', '2027-02-28'], // clamped to the month's length
    ['2028-01', 31, '2028-02-01', '2028-02-29'],
  ])('%s with deadline day %i opens on %s, deadline %s', (period, day, open, deadline) => {
    const p = parsePeriod(period);
    expect(opensOn(p)).toBe(open);
    expect(defaultDeadline(p, day)).toBe(deadline);
  });

  it.each([
    ['quarter', '2027-01-01', '2026-Q4', '2027-01-15'],
    ['quarter', '2027-03-31', '2026-Q4', '2027-01-15'],
    ['quarter', '2027-04-01', '2027-Q1', '2027-04-15'],
    ['month', '2027-01-01', '2026-12', '2027-01-15'],
    ['month', '2027-03-15', '2027-02', '2027-03-15'],
    ['half', '2027-07-01', '2027-H1', '2027-07-15'],
    ['half', '2027-06-30', '2026-H2', '2027-01-15'],
    ['year', '2027-05-05', '2026', '2027-01-15'],
  ] as const)('%s granularity, on %s: %s is due (deadline %s)', (granularity, today, period, deadline) => {
    const plan = periodDueToOpen({ granularity, deadlineDay: 15 }, today);
    expect([plan.period.id, plan.deadline]).toEqual([period, deadline]);
  });

  it.each([
    ['2027-01-01', true],
    ['2027-01-15', true], // the deadline day
    ['2027-01-16', false], // its collection is over
    ['2027-03-31', false],
  ])('on %s the scheduler opens 2026-Q4 by itself: %s', (today, opens) => {
    expect(opensAutomatically(periodDueToOpen({ granularity: 'quarter', deadlineDay: 15 }, today), today)).toBe(opens);
  });

  it.each([
    ['2027-01-15', '2027-01-05', 10],
    ['2027-01-15', '2027-01-15', 0],
    ['2027-01-15', '2027-01-20', -5],
    ['2027-04-15', '2027-03-15', 31], // across the summer-time change
  ])('deadline %s, today %s: %i days left', (deadline, today, left) => expect(daysLeft(deadline, today)).toBe(left));
});

describe("an admin's request to open a period", () => {
  const today = '2027-01-05';
  it.each([
    [{ period: '2026-Q4' }, []],
    [{ period: '2026-q4', deadline: '2027-01-31' }, []],
    [{ period: '2027-Q1' }, []], // started: may be opened early
    [{ period: '2027-Q2' }, ['period review.period_not_started']],
    [{}, ['period validation.required']],
    [{ period: ' ' }, ['period validation.required']],
    [{ period: 'Q4 2026' }, ['period period.invalid']],
    [{ period: '2026-Q4', deadline: '2026-12-31' }, ['deadline review.deadline_before_end']],
    [{ period: '2026-Q3', deadline: '2026-12-31' }, ['deadline review.deadline_past']],
    [{ period: '2026-Q4', deadline: '15/01/2027' }, ['deadline validation.not_a_date']],
    [{ period: 'x', deadline: 'y' }, ['period period.invalid', 'deadline validation.not_a_date']],
  ])('%j → %j', (input, problems) => {
    expect(checkOpeningRequest(input, today).problems.map((p) => `${p.field} ${p.code}`)).toEqual(problems);
  });
});

describe('completeness per lead body', () => {
  const line = (
    objectiveCode: string,
    leadBody: string,
    state: 'draft' | 'submitted' | 'validated' | 'returned' | null,
    submittedOn: string | null = null,
  ) => ({
    objectiveCode,
    leadBody,
    state,
    submittedOn,
  });
  const lines = [
    line('1-1', 'DNS', 'validated', '2027-01-10'),
    line('1-2', 'DNS', 'submitted', '2027-01-16'),
    line('2-1', 'CNAM', 'submitted', '2027-01-14'),
    line('2-2', 'CNAM', 'validated', '2027-01-15'),
    line('3-1', 'ANS', 'draft'),
    line('3-2', 'ANS', 'returned', '2027-01-12'),
    line('4-1', 'DGOS', null),
  ];
  it.each([
    ['2027-01-14', false, { DNS: [2, 1, 1, 1, 'late'], CNAM: [2, 1, 2, 0, 'complete'], ANS: [0, 0, 0, 0, 'in_progress'], DGOS: [0, 0, 0, 0, 'in_progress'] }],
    ['2027-01-16', false, { DNS: [2, 1, 1, 1, 'late'], CNAM: [2, 1, 2, 0, 'complete'], ANS: [0, 0, 0, 0, 'late'], DGOS: [0, 0, 0, 0, 'late'] }],
    // Closed before the deadline with some missing: they will not come in, so not "in progress".
    ['2027-01-14', true, { DNS: [2, 1, 1, 1, 'late'], CNAM: [2, 1, 2, 0, 'complete'], ANS: [0, 0, 0, 0, 'incomplete'], DGOS: [0, 0, 0, 0, 'incomplete'] }],
  ] as const)('on %s (closed: %s): [submitted, validated, on time, late, standing]', (today, closed, expected) => {
    const result = completenessByBody(lines, '2027-01-15', today, closed);
    expect(result.map((b) => b.body)).toEqual(['ANS', 'CNAM', 'DGOS', 'DNS']);
    for (const b of result) expect([b.submitted, b.validated, b.onTime, b.late, b.standing], b.body).toEqual(expected[b.body as keyof typeof expected]);
    expect(result.find((b) => b.body === 'ANS')!.missing).toEqual(['3-1', '3-2']);
  });
});

describe("an objective's line for completeness", () => {
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  it('takes the lead body, the state and the day of submission; none before an update exists', () => {
    expect(objectiveUpdateLine({ code: '2-1', leadBody: 'CNAM' }, { state: 'submitted', submittedAt: '2027-01-14T09:30:00.000Z' }, dayOf)).toEqual({
      objectiveCode: '2-1',
      leadBody: 'CNAM',
      state: 'submitted',
      submittedOn: '2027-01-14',
    });
    expect(objectiveUpdateLine({ code: '3-1', leadBody: 'ANS' }, { state: 'draft', submittedAt: null }, dayOf)).toMatchObject({
      state: 'draft',
      submittedOn: null,
    });
    expect(objectiveUpdateLine({ code: '4-1', leadBody: 'DGOS' }, undefined, dayOf)).toMatchObject({ state: null, submittedOn: null });
  });
});

describe('values locked by a validated update', () => {
  const u = (updateId: number, period: string, periodState: 'open' | 'closed'): LockingUpdate => {
    const p = parsePeriod(period);
    return { updateId, period, startDate: p.start, endDate: p.end, periodState, state: 'validated' };
  };
  const q4 = u(1, '2026-Q4', 'open');
  const q3 = u(2, '2026-Q3', 'closed');
  const dec = u(3, '2026-12', 'open');
  it.each([
    ['2026-10-01', [q4, q3], [1], true],
    ['2026-12-31', [q4, q3], [1], true],
    ['2027-01-01', [q4, q3], [], false],
    ['2026-09-30', [q4, q3], [2], false], // closed: no reason demanded, still a revision
    ['2026-12-15', [q4, dec], [1, 3], true], // a month and its quarter both reviewed
    ['2026-11-15', [], [], false],
    ['2026-11-15', [{ ...q4, state: 'submitted' as const }], [], false],
  ])('a value of %s', (date, updates, revises, needsReason) => {
    const lock = valueLockOn(date, updates);
    expect(lock.revises.map((r) => r.updateId)).toEqual(revises);
    expect(lock.needsReason).toBe(needsReason);
    expect(lock.lockedBy?.updateId ?? null).toBe(needsReason ? revises[0] : null);
  });

  it('merges the locks of the date a correction leaves and the date it writes', () => {
    const merged = mergeLocks(valueLockOn('2026-09-30', [q4, q3]), valueLockOn('2026-10-15', [q4, q3]));
    expect(merged.revises.map((r) => r.updateId)).toEqual([2, 1]);
    expect(merged.needsReason).toBe(true);
    expect(mergeLocks(valueLockOn('2026-10-15', [q4]), valueLockOn('2026-10-20', [q4])).revises).toHaveLength(1);
  });

  it.each([
    ['2026-10-01', true],
    ['2026-12-31', true],
    ['2026-09-30', false],
    ['2027-01-01', false],
  ])('%s is observed in 2026-Q4: %s', (date, inside) => expect(observedInPeriod(date, { startDate: '2026-10-01', endDate: '2026-12-31' })).toBe(inside));

  it('takes milestone progress from the period start up to today, or to the closing', () => {
    expect(milestoneWindow({ startDate: '2026-10-01', closedOn: null }, '2027-01-10')).toEqual({ from: '2026-10-01', to: '2027-01-10' });
    expect(milestoneWindow({ startDate: '2026-10-01', closedOn: '2027-01-20' }, '2027-03-01')).toEqual({ from: '2026-10-01', to: '2027-01-20' });
  });
});
