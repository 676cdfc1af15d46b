/**
 * The one rule turning the roadmap's date phrases into due dates (see README, "Due-date rule"):
 *   a bare year, "by/in/from/at the end of/before the end of YYYY"  → YYYY-12-31
 *   "first quarter" / "Q1"                                         → YYYY-03-31
 *   "second quarter" / "mid-YYYY" / "June YYYY"                    → YYYY-06-30
 *   "May YYYY"                                                     → YYYY-05-31
 *   "beyond YYYY"                                                  → the roadmap's end, 2027-12-31
 * "From 2024" is read as "by the end of 2024": the roadmap commits to starting within that year.
 */
export const ROADMAP_END = '2027-12-31';

export function dueDateFromPhrase(phrase: string): string {
  const text = phrase.toLowerCase();
  const year = /\b(20\d\d)\b/.exec(text)?.[1];
  if (!year) throw new Error(`No year in date phrase "${phrase}"`);
  if (/\bbeyond\b/.test(text)) return ROADMAP_END;
  if (/\bfirst quarter\b|\b1st quarter\b|\bq1\b/.test(text)) return `${year}-03-31`;
  if (/\bsecond quarter\b|\b2nd quarter\b|\bq2\b|\bmid-\d{4}\b|\bjune\b/.test(text)) return `${year}-06-30`;
  if (/\bmay\b/.test(text)) return `${year}-05-31`;
  return `${year}-12-31`;
}
