/**
 * The one place that reads the system clock. Services take "now" from an injected Clock so tests
 * can set it; pure libraries never read it at all (they receive asOf).
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests can set and move. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

// Building an Intl.DateTimeFormat costs far more than using one: one per time zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

function partsIn(instant: number, timeZone: string) {
  const parts = formatFor(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** The wall-clock date and time of an instant in a time zone, as the fields of a UTC Date (what a spreadsheet cell holds). */
export function wallClockInZone(instant: Date, timeZone: string): Date {
  const p = partsIn(instant.getTime(), timeZone);
  return new Date(Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s));
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: "today" for French users. */
export function isoDateInZone(instant: Date, timeZone: string): string {
  const p = partsIn(instant.getTime(), timeZone);
  return `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

function offsetMs(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The last millisecond of a calendar day in a time zone, as a UTC ISO instant: the cut-off for
 * "recorded on or before asOf", which is what makes a past status reproducible.
 */
export function endOfDayInstant(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const nextMidnightAsUtc = Date.UTC(y, m - 1, d + 1);
  let guess = nextMidnightAsUtc - offsetMs(nextMidnightAsUtc, timeZone);
  guess = nextMidnightAsUtc - offsetMs(guess, timeZone); // second pass settles DST changes
  return new Date(guess - 1).toISOString();
}
