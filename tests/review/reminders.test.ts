import { describe, expect, it } from 'vitest';
import {
  bodyDigest,
  DigestMilestone,
  DigestStaleIndicator,
  editorsOf,
  isoWeek,
  MailRecipient,
  objectivesToChase,
  reminderDue,
  validatorsOf,
} from '@app/review';

/** The review's reminder rules (libs/review/src/reminders.ts), pure, table by table. */

describe('reminderDue: which reminder an open period calls for on a day (deadline 15 January 2027, 5 days before)', () => {
  it.each([
    ['2027-01-01', null],
    ['2027-01-09', null],
    ['2027-01-10', 'deadline_near'], // 5 days before
    ['2027-01-12', 'deadline_near'], // missed on the 10th (server down): caught up
    ['2027-01-14', 'deadline_near'],
    ['2027-01-15', 'deadline_day'],
    ['2027-01-20', 'deadline_day'], // the deadline day missed: caught up
  ] as const)('on %s → %s', (today, expected) => {
    expect(reminderDue('2027-01-15', today, 5)).toBe(expected);
  });

  it.each([
    [1, '2027-01-13', null],
    [1, '2027-01-14', 'deadline_near'],
    [10, '2027-01-05', 'deadline_near'],
    [10, '2027-01-04', null],
  ] as const)('with %i day(s) before, on %s → %s', (days, today, expected) => {
    expect(reminderDue('2027-01-15', today, days)).toBe(expected);
  });
});

describe('objectivesToChase: per lead body, the objectives whose update is not submitted', () => {
  it.each([
    [
      'nothing written yet',
      [
        ['1-1', 'CNAM', null],
        ['10-1', 'CNAM', null],
        ['2-1', 'CNAM', null],
      ],
      { CNAM: ['1-1', '2-1', '10-1'] },
    ],
    [
      'drafts and returned ones are chased',
      [
        ['1-1', 'CNAM', 'draft'],
        ['1-2', 'CNAM', 'returned'],
        ['1-3', 'DNS', 'draft'],
      ],
      { CNAM: ['1-1', '1-2'], DNS: ['1-3'] },
    ],
    [
      'submitted and validated ones are not',
      [
        ['1-1', 'CNAM', 'submitted'],
        ['1-2', 'CNAM', 'validated'],
        ['1-3', 'DNS', null],
      ],
      { DNS: ['1-3'] },
    ],
    [
      'all in: nobody',
      [
        ['1-1', 'CNAM', 'submitted'],
        ['1-2', 'DNS', 'validated'],
      ],
      {},
    ],
  ] as const)('%s', (_, lines, expected) => {
    const chase = objectivesToChase(lines.map(([objectiveCode, leadBody, state]) => ({ objectiveCode, leadBody, state })));
    expect(Object.fromEntries(chase)).toEqual(expected);
  });
});

const person = (id: number, role: MailRecipient['role'], bodies: string[] = [], more: Partial<MailRecipient> = {}): MailRecipient => ({
  id,
  email: `p${id}@x.fr`,
  role,
  bodies,
  disabled: false,
  remindersEnabled: true,
  lang: 'fr',
  ...more,
});

describe('recipients', () => {
  const people = [
    person(1, 'admin'),
    person(2, 'editor', ['CNAM']),
    person(3, 'editor', ['CNAM', 'DNS'], { remindersEnabled: false }),
    person(4, 'editor', ['CNAM'], { disabled: true }),
    person(5, 'editor', ['DNS']),
    person(6, 'viewer'),
    person(7, 'validator'),
    person(8, 'validator', [], { disabled: true }),
  ];
  it.each([
    ['CNAM', false, [2, 3]],
    ['CNAM', true, [2]],
    ['DNS', false, [3, 5]],
    ['DNS', true, [5]],
    ['DGOS', false, []],
  ] as const)('editors of %s (reminder: %s) → %j', (body, reminder, ids) => {
    expect(editorsOf(people, body, { reminder }).map((p) => p.id)).toEqual(ids);
  });

  it.each([
    ['an active validator', people, [7]],
    ['no active validator: the active administrators', people.filter((p) => p.id !== 7), [1]],
    ['no one', [person(9, 'admin', [], { disabled: true })], []],
  ] as const)('validators with %s', (_, list, ids) => {
    expect(validatorsOf(list).map((p) => p.id)).toEqual(ids);
  });
});

describe('bodyDigest: a lead body’s stale indicators and milestones due within 90 days (today 2025-10-13)', () => {
  const stale: DigestStaleIndicator[] = [
    { objectiveCode: '10-1', leadBody: 'CNAM', name: 'B', latestObservedAt: '2023-12-31' },
    { objectiveCode: '2-1', leadBody: 'CNAM', name: 'A', latestObservedAt: '2024-06-30' },
    { objectiveCode: '3-1', leadBody: 'DNS', name: 'C', latestObservedAt: '2024-06-30' },
  ];
  const m = (objectiveCode: string, leadBody: string, dueDate: string, state: DigestMilestone['state'] = 'not_started'): DigestMilestone => ({
    objectiveCode,
    leadBody,
    title: `${objectiveCode} ${dueDate}`,
    dueDate,
    state,
  });
  const milestones = [
    m('1-3', 'CNAM', '2025-12-31'),
    m('8-2', 'CNAM', '2025-10-13', 'in_progress'), // due today
    m('8-3', 'CNAM', '2026-01-11'), // the 90th day
    m('8-4', 'CNAM', '2026-01-12'), // the 91st day: not yet
    m('8-5', 'CNAM', '2025-10-12'), // already late: not "due in the next 90 days"
    m('8-6', 'CNAM', '2025-11-30', 'done'),
    m('9-1', 'DNS', '2025-11-30'),
  ];

  it.each([
    ['CNAM', ['2-1', '10-1'], ['8-2', '1-3', '8-3']],
    ['DNS', ['3-1'], ['9-1']],
  ] as const)('%s', (body, staleCodes, dueCodes) => {
    const digest = bodyDigest(body, stale, milestones, '2025-10-13')!;
    expect(digest.stale.map((s) => s.objectiveCode)).toEqual(staleCodes);
    expect(digest.milestonesDue.map((x) => x.objectiveCode)).toEqual(dueCodes);
  });

  it('is null when a body has nothing to report (no mail then)', () => {
    expect(bodyDigest('DGOS', stale, milestones, '2025-10-13')).toBeNull();
    expect(bodyDigest('CNAM', [], [m('8-6', 'CNAM', '2025-11-30', 'done')], '2025-10-13')).toBeNull();
  });
});

describe('isoWeek: the digest runs once per ISO week', () => {
  it.each([
    ['2025-10-13', '2025-W42'],
    ['2025-10-19', '2025-W42'], // Sunday: same week
    ['2025-10-20', '2025-W43'],
    ['2026-01-01', '2026-W01'], // a Thursday
    ['2027-01-01', '2026-W53'], // a Friday: the last week of 2026
    ['2024-12-30', '2025-W01'], // a Monday in week 1 of 2025
    ['2021-01-03', '2020-W53'],
  ])('%s → %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});
