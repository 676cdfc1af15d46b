/**
 * Whole-day arithmetic on ISO dates (YYYY-MM-DD). Everything goes through UTC midnights, so no
 * time zone or daylight-saving change can add or lose a day. Nothing here reads the clock.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Day number since 1970-01-01 of a real calendar date, or null. */
function dayNumber(value: string): number | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(2000, mo - 1, d));
  // setUTCFullYear, not Date.UTC(y, …): Date.UTC reads years 0–99 as 1900–1999.
  t.setUTCFullYear(y, mo - 1, d);
  // Date rolls 2023-02-29 over to 2023-03-01: a real date is one that survives unchanged.
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return t.getTime() / DAY_MS;
}

/** A real calendar date written YYYY-MM-DD: 2024-02-29 is one, 2023-02-29 is not. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && dayNumber(value) !== null;
}

/** Throws a clear error (naming what the date is, when given) unless `value` is a real YYYY-MM-DD date. */
export function assertIsoDate(value: unknown, what = 'date'): asserts value is string {
  if (!isIsoDate(value)) throw new Error(`${what}: not a real date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

function toDay(date: string): number {
  const n = typeof date === 'string' ? dayNumber(date) : null;
  if (n === null) throw new Error(`Not a real date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return n;
}

/** `to − from`, in whole days (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** The date `days` whole days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new Error(`addDays needs a whole number of days, got ${days}`);
  const t = new Date((toDay(date) + days) * DAY_MS);
  const y = t.getUTCFullYear();
  if (y < 0 || y > 9999) throw new Error(`${date} + ${days} days is outside years 0000–9999`);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** Sort comparator: negative when a is earlier than b, 0 on the same day, positive when later (the gap in days). */
export function compareDates(a: string, b: string): number {
  return toDay(a) - toDay(b);
}
