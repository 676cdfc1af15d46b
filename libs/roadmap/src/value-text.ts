/**
 * Reads a target's value as the roadmap writes it ("250 million", "more than 50%", "1,200",
 * "all establishments"), so the data file's numbers can be checked against their words.
 */
export interface ParsedValue {
  value: number;
  exclusive: boolean;
  percent: boolean;
}

export function parseValueText(text: string): ParsedValue {
  const t = text.trim().toLowerCase();
  if (/^all\b/.test(t)) return { value: 100, exclusive: false, percent: true };
  const m = /^(more than |at least )?([\d,]+(?:\.\d+)?)\s*(million)?\s*(%)?/.exec(t);
  if (!m) throw new Error(`Cannot read a value in "${text}"`);
  const base = Number(m[2].replace(/,/g, ''));
  return {
    value: m[3] ? base * 1_000_000 : base,
    exclusive: m[1] === 'more than ',
    percent: m[4] === '%',
  };
}
