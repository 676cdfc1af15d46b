/** Whole-day arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone or DST shifts a day. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A real calendar date written YYYY-MM-DD: 2024-02-29 is one, 2023-02-29 is not. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function toDay(date: string): number {
  if (!isIsoDate(date)) throw new Error(`Not a real date (YYYY-MM-DD): "${date}"`);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** `to − from`, in days. */
export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

export function addDays(date: string, days: number): string {
  return new Date((toDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

export function compareDates(a: string, b: string): number {
  return toDay(a) - toDay(b);
}
