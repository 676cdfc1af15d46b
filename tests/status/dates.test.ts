import { describe, expect, it } from 'vitest';
import { addDays, assertIsoDate, compareDates, daysBetween, isIsoDate } from '@app/status';

describe('isIsoDate', () => {
  it.each<[unknown, boolean]>([
    ['2024-02-29', true], // 2024 is a leap year
    ['2023-02-29', false],
    ['2000-02-29', true], // divisible by 400: leap
    ['2100-02-29', false], // divisible by 100 only: not leap
    ['2023-02-28', true],
    ['2023-04-30', true],
    ['2023-04-31', false],
    ['2023-12-31', true],
    ['2023-01-01', true],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-01-00', false],
    ['2023-01-32', false],
    ['0099-12-31', true], // not read as 1999 (Date.UTC's two-digit-year trap)
    ['2023-1-01', false],
    ['2023-01-1', false],
    ['23-01-01', false],
    ['20230101', false],
    ['2023/01/01', false],
    ['31/12/2023', false],
    [' 2023-01-01', false],
    ['2023-01-01 ', false],
    ['2023-01-01T00:00:00Z', false],
    ['', false],
    [20231231, false],
    [null, false],
    [undefined, false],
  ])('isIsoDate(%j) is %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });
});

describe('daysBetween (to − from)', () => {
  it.each<[string, string, number]>([
    ['2024-01-01', '2024-01-01', 0],
    ['2024-01-01', '2024-01-02', 1],
    ['2024-01-02', '2024-01-01', -1],
    ['2024-01-01', '2025-01-01', 366], // leap year
    ['2023-01-01', '2024-01-01', 365],
    ['2025-01-01', '2024-01-01', -366],
    ['2024-02-28', '2024-03-01', 2], // through Feb 29
    ['2023-02-28', '2023-03-01', 1],
    ['2024-03-30', '2024-04-01', 2], // Paris switches to summer time on 2024-03-31
    ['2023-10-28', '2023-10-30', 2], // and back to winter time on 2023-10-29
    ['2016-01-01', '2024-01-01', 2922], // 8·365 + 2 leap days
    ['1970-01-01', '2024-01-01', 19723],
  ])('%s → %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2023-02-29', '2024-01-01'],
    ['2024-01-01', 'tomorrow'],
    ['', '2024-01-01'],
  ])('refuses %j → %j', (from, to) => {
    expect(() => daysBetween(from, to)).toThrow(/Not a real date \(YYYY-MM-DD\)/);
  });
});

describe('addDays', () => {
  it.each<[string, number, string]>([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 0, '2024-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2016-01-01', 2922, '2024-01-01'],
    ['0099-12-31', 1, '0100-01-01'], // four-digit years, zero-padded
  ])('%s + %i days = %s', (date, n, result) => {
    expect(addDays(date, n)).toBe(result);
  });

  it.each<[string, number, RegExp]>([
    ['2024-01-01', 1.5, /whole number of days/],
    ['2024-01-01', Number.NaN, /whole number of days/],
    ['2024-02-30', 1, /Not a real date/],
    ['9999-12-31', 1, /outside years 0000–9999/],
  ])('refuses %s + %s', (date, n, error) => {
    expect(() => addDays(date, n)).toThrow(error);
  });
});

describe('compareDates', () => {
  it.each<[string, string, number]>([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-01', 1],
    ['2024-01-01', '2024-01-01', 0],
    ['2023-12-31', '2024-12-31', -366],
  ])('compareDates(%s, %s) = %i', (a, b, result) => {
    expect(compareDates(a, b)).toBe(result);
  });

  it('sorts dates chronologically', () => {
    expect(['2024-03-01', '2023-12-31', '2024-02-29', '2024-01-01'].sort(compareDates)).toEqual(['2023-12-31', '2024-01-01', '2024-02-29', '2024-03-01']);
  });
});

describe('assertIsoDate', () => {
  it('names the offending field and shows the value', () => {
    expect(() => assertIsoDate('2023-02-29', 'dueDate')).toThrow('dueDate: not a real date (YYYY-MM-DD): "2023-02-29"');
    expect(() => assertIsoDate('2024-02-29', 'dueDate')).not.toThrow();
  });
});
