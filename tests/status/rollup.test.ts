import { describe, expect, it } from 'vitest';
import { countStatuses, emptyCounts, objectiveStatus, Status, StatusCounts } from '@app/status';

const ZERO: StatusCounts = {
  missed: 0,
  deteriorating: 0,
  off_track: 0,
  at_risk: 0,
  no_data: 0,
  insufficient_data: 0,
  not_started: 0,
  on_track: 0,
  achieved: 0,
};

describe('emptyCounts', () => {
  it('has every status at 0', () => {
    expect(emptyCounts()).toEqual(ZERO);
  });

  it('returns a fresh object each time', () => {
    const a = emptyCounts();
    a.missed = 5;
    expect(emptyCounts().missed).toBe(0);
  });
});

describe('countStatuses', () => {
  it.each<[string, Status[], Partial<StatusCounts>]>([
    ['nothing', [], {}],
    [
      'one of each',
      ['missed', 'deteriorating', 'off_track', 'at_risk', 'no_data', 'insufficient_data', 'not_started', 'on_track', 'achieved'],
      { missed: 1, deteriorating: 1, off_track: 1, at_risk: 1, no_data: 1, insufficient_data: 1, not_started: 1, on_track: 1, achieved: 1 },
    ],
    ['repeats', ['missed', 'achieved', 'missed', 'on_track', 'missed'], { missed: 3, achieved: 1, on_track: 1 }],
    ['all the same', ['no_data', 'no_data', 'no_data', 'no_data'], { no_data: 4 }],
  ])('%s', (_name, list, nonZero) => {
    expect(countStatuses(list)).toEqual({ ...ZERO, ...nonZero });
  });

  it('refuses an unknown status', () => {
    expect(() => countStatuses(['achieved', 'done' as Status])).toThrow(/Unknown status "done"/);
  });
});

describe('objectiveStatus', () => {
  it.each<[Status[], Status]>([
    [['achieved'], 'achieved'],
    [['achieved', 'achieved'], 'achieved'],
    [['achieved', 'on_track'], 'on_track'],
    [['on_track', 'not_started'], 'not_started'],
    [['not_started', 'no_data'], 'no_data'],
    // One value without a baseline never lets an objective read "on track" or "not started".
    [['on_track', 'insufficient_data'], 'insufficient_data'],
    [['achieved', 'not_started', 'insufficient_data'], 'insufficient_data'],
    [['insufficient_data', 'no_data'], 'no_data'],
    [['insufficient_data', 'at_risk'], 'at_risk'],
    [['achieved', 'no_data', 'at_risk'], 'at_risk'],
    [['at_risk', 'off_track'], 'off_track'],
    [['off_track', 'deteriorating', 'achieved'], 'deteriorating'],
    [['deteriorating', 'missed', 'on_track'], 'missed'],
  ])('parts %j → %s', (parts, status) => {
    expect(objectiveStatus(parts)).toBe(status);
  });

  it('refuses an objective with no indicators or milestones', () => {
    expect(() => objectiveStatus([])).toThrow(/at least one indicator or milestone/);
  });
});
