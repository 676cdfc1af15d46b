import { describe, expect, it } from 'vitest';
import { Direction, forecastTarget, Method, monthsLate, Observation, paceValues, TargetForecast, TargetInput } from '@app/status';

/**
 * forecastTarget, kind by kind, with numbers worked out by hand.
 *
 * Main fixture: 100 on 2024-12-31 and 465 on 2025-12-31 (365 days later): a pace of exactly 1 a
 * day. Every quarter mark before 2025-12-31 (2025-10-01, 07-01, 04-01, 2024-12-31) picks the value of
 * 2024-12-31, so the pace is these two values. From 465 on 2025-12-31, day d after it has 465 + d:
 *   2026-12-31 is day 365 (expected at a due date of 2026-12-31: 830), 2027-12-31 day 730,
 *   2028-03-15 day 730 + 31 + 29 (2028 is a leap year) + 15 = 805, so a target of 1 270 is reached
 *   on 2028-03-15: March 2028 against a due date in December 2026, 15 months late.
 */
const DUE = '2026-12-31';
const L = '2025-12-31';
const obs = (date: string, value: number): Observation => ({ date, value });
const yearly = [obs('2024-12-31', 100), obs(L, 465)];
const t = (value: number, dueDate = DUE, exclusive = false): TargetInput => ({ value, dueDate, exclusive });

interface Want {
  kind: TargetForecast['kind'];
  reachedOn?: string;
  on?: string;
  monthsLate?: number;
  expectedAtDue?: number | null;
  method?: Method;
  perYear?: number;
  from?: string;
}
type Row = [name: string, series: Observation[], direction: Direction, method: Method, target: TargetInput, asOf: string, want: Want];

function check(f: TargetForecast, want: Want): void {
  expect(f.kind).toBe(want.kind);
  if (want.on !== undefined) expect(f).toMatchObject({ on: want.on });
  if (want.reachedOn !== undefined) expect(f).toMatchObject({ reachedOn: want.reachedOn });
  if (want.monthsLate !== undefined) expect(f).toMatchObject({ monthsLate: want.monthsLate });
  if (f.kind === 'on_pace' || f.kind === 'late' || f.kind === 'never') {
    if (want.expectedAtDue === null) expect(f.expectedAtDue).toBeNull();
    else if (want.expectedAtDue !== undefined) expect(f.expectedAtDue).toBeCloseTo(want.expectedAtDue, 6);
    if (want.method) expect(f.pace.method).toBe(want.method);
    if (want.perYear !== undefined) expect(f.pace.perYear).toBeCloseTo(want.perYear, 6);
    if (want.from) expect(f.pace.from).toBe(want.from);
  } else {
    expect(Object.keys(f).sort()).toEqual(f.kind === 'reached' ? ['kind', 'on'] : ['kind']);
  }
}
const run = (rows: Row[]) =>
  it.each<Row>(rows)('%s', (_name, series, direction, method, target, asOf, want) => {
    check(forecastTarget({ series, direction, method, target, asOf }), want);
  });

describe('forecastTarget: not enough values', () => {
  run([
    ['no value → insufficient_data', [], 'increase', 'linear', t(1270), L, { kind: 'insufficient_data' }],
    ['one value → insufficient_data', [obs(L, 465)], 'increase', 'linear', t(1270), L, { kind: 'insufficient_data' }],
    ['two values of one date → insufficient_data', [obs(L, 100), obs(L, 465)], 'increase', 'linear', t(1270), L, { kind: 'insufficient_data' }],
    ['only values after asOf → insufficient_data', yearly, 'increase', 'linear', t(1270), '2024-12-30', { kind: 'insufficient_data' }],
    // asOf cuts the series to its first value: one value, no pace.
    ['asOf leaves one value → insufficient_data', yearly, 'increase', 'linear', t(1270), '2025-12-30', { kind: 'insufficient_data' }],
    // …but one value reaching the target is enough to say it is reached (as the status's "achieved").
    ['one value reaching the target → reached', [obs(L, 1300)], 'increase', 'linear', t(1270), L, { kind: 'reached', on: L }],
  ]);
});

describe('forecastTarget, linear, increasing (1 a day from 465 on 2025-12-31)', () => {
  run([
    // The example sentence: "at the current pace, reached in March 2028: 15 months late".
    [
      'day 805 → reached 2028-03-15, 15 months late',
      yearly,
      'increase',
      'linear',
      t(1270),
      L,
      { kind: 'late', reachedOn: '2028-03-15', monthsLate: 15, expectedAtDue: 830, method: 'linear', perYear: 365.25, from: '2024-12-31' },
    ],
    ['latest = T, inclusive → reached', yearly, 'increase', 'linear', t(465), L, { kind: 'reached', on: L }],
    ['latest beyond T → reached', yearly, 'increase', 'linear', t(400), L, { kind: 'reached', on: L }],
    // "More than 465": 465 is not beyond it; one more day at 1 a day is.
    [
      'latest = T, exclusive → on_pace the next day',
      yearly,
      'increase',
      'linear',
      t(465, DUE, true),
      L,
      { kind: 'on_pace', reachedOn: '2026-01-01', monthsLate: 0 },
    ],
    // 700 − 465 = 235 days: Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 = 212 to 07-31, + 23.
    ['day 235 → on_pace 2026-08-23', yearly, 'increase', 'linear', t(700), L, { kind: 'on_pace', reachedOn: '2026-08-23', monthsLate: 0, expectedAtDue: 830 }],
    // 830 exactly on the due date: reached that day, on time.
    ['reached on the due date → on_pace', yearly, 'increase', 'linear', t(830), L, { kind: 'on_pace', reachedOn: DUE, monthsLate: 0, expectedAtDue: 830 }],
    // "More than 830" needs the day after the due date: late, and a late target is at least 1 month late.
    [
      'exclusive, the day after the due date → 1 month late',
      yearly,
      'increase',
      'linear',
      t(830, DUE, true),
      L,
      { kind: 'late', reachedOn: '2027-01-01', monthsLate: 1 },
    ],
    // Fractional crossing: 830.5 is passed during day 365.5, so on day 366.
    ['crossing between two days → the later day', yearly, 'increase', 'linear', t(830.5), L, { kind: 'late', reachedOn: '2027-01-01', monthsLate: 1 }],
    // 2025-12-31 → 2100-12-31: 75·365 + 18 leap days (2028…2096; 2100 is not leap) = 27 393 days.
    [
      'reached on the horizon (2100-12-31) → late',
      yearly,
      'increase',
      'linear',
      t(465 + 27_393),
      L,
      { kind: 'late', reachedOn: '2100-12-31', monthsLate: 74 * 12 },
    ],
    ['one day beyond the horizon → never', yearly, 'increase', 'linear', t(465 + 27_394), L, { kind: 'never', expectedAtDue: 830 }],
    ['flat → never', [obs('2024-12-31', 465), obs(L, 465)], 'increase', 'linear', t(1270), L, { kind: 'never', expectedAtDue: 465, perYear: 0 }],
    // 830 → 465 in a year: −1 a day, moving away. The projection at the due date is 465 − 365 = 100.
    [
      'going the wrong way → never',
      [obs('2024-12-31', 830), obs(L, 465)],
      'increase',
      'linear',
      t(1270),
      L,
      { kind: 'never', expectedAtDue: 100, perYear: -365.25 },
    ],
    // Due before the latest value: what the value was then is known, nothing is expected. 2025-06 → 2028-03 = 33 months.
    [
      'due date before the latest value → expectedAtDue null, months late from the due date',
      yearly,
      'increase',
      'linear',
      t(1270, '2025-06-30'),
      L,
      { kind: 'late', reachedOn: '2028-03-15', monthsLate: 33, expectedAtDue: null },
    ],
    // Past due and not reached: the forecast still says when, and how late.
    [
      'asOf after the due date → still forecast',
      yearly,
      'increase',
      'linear',
      t(1270),
      '2027-06-30',
      { kind: 'late', reachedOn: '2028-03-15', monthsLate: 15 },
    ],
  ]);
});

describe('forecastTarget, linear, decreasing (−1 a day from 635 on 2025-12-31)', () => {
  const down = [obs('2024-12-31', 1000), obs(L, 635)];
  run([
    // 635 − 200 = 435 days = 2026-12-31 (365) + 70 (Jan 31 + Feb 28 + 11) → 2027-03-11; December → March = 3 months.
    [
      'day 435 → 2027-03-11, 3 months late',
      down,
      'decrease',
      'linear',
      t(200),
      L,
      { kind: 'late', reachedOn: '2027-03-11', monthsLate: 3, expectedAtDue: 270, perYear: -365.25 },
    ],
    ['latest = T, inclusive → reached', down, 'decrease', 'linear', t(635), L, { kind: 'reached', on: L }],
    ['latest below T → reached', down, 'decrease', 'linear', t(700), L, { kind: 'reached', on: L }],
    // "Fewer than 635": 635 is not below it; the next day's 634 is.
    [
      'latest = T, exclusive → on_pace the next day',
      down,
      'decrease',
      'linear',
      t(635, DUE, true),
      L,
      { kind: 'on_pace', reachedOn: '2026-01-01', monthsLate: 0 },
    ],
    ['day 365 = due → on_pace', down, 'decrease', 'linear', t(270), L, { kind: 'on_pace', reachedOn: DUE, monthsLate: 0, expectedAtDue: 270 }],
    // Rising when it should fall.
    ['going up → never', [obs('2024-12-31', 635), obs(L, 1000)], 'decrease', 'linear', t(200), L, { kind: 'never', expectedAtDue: 1365 }],
  ]);
});

describe('forecastTarget, compound (cagr): 100 → 200 in the 365 days to 2025-12-31', () => {
  // g = ln 2 / 365 a day: 400 on 2026-12-31 (day 365), 800 on 2027-12-31 (day 730); a year of
  // 365.25 days grows by 2^(365.25/365).
  const doubling = [obs('2024-12-31', 100), obs(L, 200)];
  const rate = 2 ** (365.25 / 365) - 1;
  run([
    // ln(800/200)/g = 730 days exactly: floating point must neither push it to day 731 nor, inclusive, miss it.
    [
      'day 730 exactly → 2027-12-31, 12 months late',
      doubling,
      'increase',
      'cagr',
      t(800),
      L,
      { kind: 'late', reachedOn: '2027-12-31', monthsLate: 12, expectedAtDue: 400, method: 'cagr', perYear: rate },
    ],
    [
      'exclusive, crossing exactly on day 730 → the day after',
      doubling,
      'increase',
      'cagr',
      t(800, DUE, true),
      L,
      { kind: 'late', reachedOn: '2028-01-01', monthsLate: 13 },
    ],
    ['day 365 = due → on_pace', doubling, 'increase', 'cagr', t(400), L, { kind: 'on_pace', reachedOn: DUE, monthsLate: 0, expectedAtDue: 400 }],
    // The same values read linearly: +100 in 365 days, so 800 is 600·365/100 = 2 190 days away (2026…2031 hold one leap day).
    [
      'the same values, linear → much later',
      doubling,
      'increase',
      'linear',
      t(800),
      L,
      { kind: 'late', reachedOn: '2031-12-30', method: 'linear', perYear: (100 * 365.25) / 365 },
    ],
    // Halving each year, falling to 50 by 2027-12-31.
    [
      'decreasing: 800 → 400, T = 100 by 2027-12-31 → on_pace',
      [obs('2024-12-31', 800), obs(L, 400)],
      'decrease',
      'cagr',
      t(100, '2027-12-31'),
      L,
      { kind: 'on_pace', reachedOn: '2027-12-31', expectedAtDue: 100, perYear: 2 ** (-365.25 / 365) - 1 },
    ],
    [
      'shrinking while it should grow → never',
      [obs('2024-12-31', 400), obs(L, 200)],
      'increase',
      'cagr',
      t(800),
      L,
      { kind: 'never', expectedAtDue: 100, method: 'cagr' },
    ],
    // A value of 0 has no logarithm: the pace is linear (0 → 365: 1 a day), as evaluateTarget falls back.
    [
      'a value ≤ 0 → linear',
      [obs('2024-12-31', 0), obs(L, 365)],
      'increase',
      'cagr',
      t(730),
      L,
      { kind: 'on_pace', reachedOn: DUE, method: 'linear', perYear: 365.25 },
    ],
    // A target of 0 is never reached by compounding: linear (−1 a day from 365 reaches 0 on day 365).
    ['a target ≤ 0 → linear', [obs('2024-12-31', 730), obs(L, 365)], 'decrease', 'cagr', t(0), L, { kind: 'on_pace', reachedOn: DUE, method: 'linear' }],
  ]);
});

describe('forecastTarget: which values set the pace', () => {
  run([
    // Values on the quarter marks (−365, −274, −183, −91, 0 days): 465 + x + noise (+20, −15, +25, −30, 0)
    // = 120, 176, 307, 344, 465. Least squares: x̄ = −182.6, ȳ = 282.4, slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)²
    // = 0.93959730 a day (343.188 a year). From 465: 830 is day 365/0.9396 = 388.46 → day 389 = 2027-01-24;
    // at the due date 465 + 365·0.9396 = 807.953. The values between the marks (an outlier of 9 999
    // in August, 0 on 2025-09-30) are not the ones the pace is read from.
    [
      'noisy quarterly values → least-squares pace',
      [
        obs('2024-12-31', 120),
        obs('2025-04-01', 176),
        obs('2025-07-01', 307),
        obs('2025-08-15', 9999),
        obs('2025-09-30', 0),
        obs('2025-10-01', 344),
        obs(L, 465),
      ],
      'increase',
      'linear',
      t(830),
      L,
      { kind: 'late', reachedOn: '2027-01-24', monthsLate: 1, expectedAtDue: 807.953014257, perYear: 343.187913582, from: '2024-12-31' },
    ],
    // Years of a flat start do not slow the current pace: only the last year counts (1 a day).
    [
      'a long flat history → the last year only',
      [obs('2020-12-31', 100), obs('2022-12-31', 100), obs('2024-12-31', 100), obs(L, 465)],
      'increase',
      'linear',
      t(1270),
      L,
      { kind: 'late', reachedOn: '2028-03-15', monthsLate: 15, from: '2024-12-31' },
    ],
    // No value three months older than the latest: first to latest, 100 → 131 in 31 days, 1 a day.
    [
      'a short series → first to latest',
      [obs('2025-11-30', 100), obs('2025-12-15', 90), obs(L, 131)],
      'increase',
      'linear',
      t(496),
      L,
      { kind: 'on_pace', reachedOn: DUE, from: '2025-11-30' },
    ],
    // A later value that asOf does not see changes nothing: the forecast as of 2025-12-31.
    ['asOf cuts the series', [...yearly, obs('2026-06-30', 0)], 'increase', 'linear', t(1270), L, { kind: 'late', reachedOn: '2028-03-15', monthsLate: 15 }],
    // Values that stopped in 2025: the pace "reaches" 600 on 2026-05-15, but as of 2027-01-10 no value
    // shows it: it cannot have been reached before the day after asOf, so a target due 2026-12-31 is late.
    [
      'stale values: reach date never before asOf',
      yearly,
      'increase',
      'linear',
      t(600),
      '2027-01-10',
      { kind: 'late', reachedOn: '2027-01-11', monthsLate: 1 },
    ],
    // Two values of one date: the last one given counts (here 465, not 0).
    [
      'two values of one date → the last given',
      [obs('2024-12-31', 100), obs(L, 0), obs(L, 465)],
      'increase',
      'linear',
      t(1270),
      L,
      { kind: 'late', reachedOn: '2028-03-15' },
    ],
    ['values in any order', [obs(L, 465), obs('2024-12-31', 100)], 'increase', 'linear', t(1270), L, { kind: 'late', reachedOn: '2028-03-15' }],
    // Across a leap year: 2023-12-31 → 2024-12-31 is 366 days (366 units, still 1 a day); 2025-02-28 is day 59.
    [
      'leap year in the pace',
      [obs('2023-12-31', 100), obs('2024-12-31', 466)],
      'increase',
      'linear',
      t(525, '2025-02-28'),
      '2024-12-31',
      { kind: 'on_pace', reachedOn: '2025-02-28' },
    ],
    // Into a leap year: from 2027-12-31, day 60 is 2028-02-29 and day 61 is 2028-03-01.
    [
      'reached on 29 February',
      [obs('2026-12-31', 100), obs('2027-12-31', 465)],
      'increase',
      'linear',
      t(525, '2028-02-29'),
      '2027-12-31',
      { kind: 'on_pace', reachedOn: '2028-02-29' },
    ],
    [
      'the day after 29 February → 1 month late',
      [obs('2026-12-31', 100), obs('2027-12-31', 465)],
      'increase',
      'linear',
      t(526, '2028-02-29'),
      '2027-12-31',
      { kind: 'late', reachedOn: '2028-03-01', monthsLate: 1 },
    ],
  ]);

  it('reads the latest value and the last one on or before each quarter mark of the year before it', () => {
    // Month ends from January 2024: the marks 2025-10-01, 07-01, 04-01 and 2024-12-31 pick Sept, June, March and December's.
    const monthly = Array.from({ length: 24 }, (_, k) => {
      const end = new Date(Date.UTC(2024, k + 1, 0));
      return obs(end.toISOString().slice(0, 10), k);
    });
    expect(paceValues(monthly).map((o) => o.date)).toEqual(['2024-12-31', '2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']);
    // A yearly series: every mark picks last year's value, once.
    expect(paceValues([obs('2023-12-31', 1), obs('2024-12-31', 2), obs(L, 3)]).map((o) => o.date)).toEqual(['2024-12-31', L]);
    expect(paceValues([obs(L, 3)])).toEqual([obs(L, 3)]);
    expect(paceValues([])).toEqual([]);
  });

  it('gives the same forecast from the values it reads as from the whole series', () => {
    const daily = Array.from({ length: 800 }, (_, k) => obs(new Date(Date.UTC(2023, 9, 23 + k)).toISOString().slice(0, 10), 1000 + 3 * k + (k % 7) * 5));
    const input = { direction: 'increase' as const, method: 'linear' as const, target: t(10_000), asOf: '2025-12-31' };
    const seen = daily.filter((o) => o.date <= '2025-12-31');
    expect(forecastTarget({ ...input, series: paceValues(seen) })).toEqual(forecastTarget({ ...input, series: daily }));
  });
});

describe('monthsLate: calendar months from the due date to the reach date', () => {
  it.each<[string, string, number]>([
    ['2026-12-31', '2028-03-15', 15], // the example sentence
    ['2026-12-31', '2028-03-01', 15],
    ['2026-12-31', '2028-03-31', 15],
    ['2026-12-31', '2026-12-31', 0], // on the due date: on time
    ['2026-12-31', '2026-06-30', 0], // before: on time
    ['2026-12-31', '2027-01-01', 1], // one day late is a month on the calendar
    ['2026-12-15', '2026-12-20', 1], // late within the due month: at least 1
    ['2026-01-31', '2026-03-01', 2],
    ['2024-02-29', '2025-02-28', 12],
  ])('due %s, reached %s → %i', (due, reached, months) => {
    expect(monthsLate(due, reached)).toBe(months);
  });
});

describe('forecastTarget: bad input', () => {
  const ok = { series: yearly, direction: 'increase' as Direction, method: 'linear' as Method, target: t(1270), asOf: L };
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['asOf not a date', { asOf: '2025-13-01' }, /asOf: not a real date/],
    ['due date not a date', { target: t(1270, '2026-02-29') }, /target\.dueDate: not a real date/],
    ['a value dated wrong', { series: [obs('2024-12-31', 100), obs('31/12/2025', 465)] }, /series\[1\]\.date: not a real date/],
    ['a value not a number', { series: [obs('2024-12-31', Number.NaN)] }, /series\[0\]\.value must be a finite number/],
    ['target not a number', { target: { value: Infinity, dueDate: DUE, exclusive: false } }, /target\.value must be a finite number/],
    ['unknown direction', { direction: 'up' }, /Unknown direction "up"/],
    ['unknown method', { method: 'exponential' }, /Unknown method "exponential"/],
  ])('%s → throws', (_name, change, message) => {
    expect(() => forecastTarget({ ...ok, ...change } as never)).toThrow(message);
  });
});
