/**
 * The national value of an indicator delivered territory by territory, derived from the territories'
 * own values by the indicator's rule (db/roadmap.yaml, `territories.national`):
 *
 * - sum: Σ value (counts add up);
 * - weighted_mean: Σ value × denominator / Σ denominator (a rate weighted by what it is a share of);
 * - national_only: none derived; the national value is only the one recorded nationally.
 *
 * The territories are compared at ONE date, the latest any of them reported: a territory whose latest
 * value is older is missing for that date rather than mixed in stale. The derived value stands only when
 * every territory of the level reported (complete); otherwise it is partial, with how many reported.
 *
 * Pure: the caller reads the values (as of a date) and passes them in.
 */
import { territoriesOf, TerritoryLevel } from './geography';

export type NationalRule = 'sum' | 'weighted_mean' | 'national_only';

/** One territory's latest value as of the date asked for. */
export interface TerritorialValue {
  code: string;
  value: number;
  observedAt: string;
  /** weighted_mean: what the value is a share of (its weight); null elsewhere. */
  denominator: number | null;
}

export interface NationalValue {
  rule: NationalRule;
  level: TerritoryLevel;
  /** The date the territories are compared at (the latest any reported); null when none reported. */
  date: string | null;
  /** complete: every territory of the level reported at `date`; partial: some did; none: no value. */
  completeness: 'complete' | 'partial' | 'none';
  /** How many territories reported at `date` (with a denominator, for a weighted mean), of how many. */
  counted: number;
  expected: number;
  /** The codes of the level's territories without a usable value at `date`, in code order. */
  missing: string[];
  /** The derived national value: only when complete and the rule derives one. */
  value: number | null;
  /** The same aggregate over the territories that reported, shown beside "partial"; null when none or national_only. */
  subtotal: number | null;
}

/** The national value derived from the territories' latest values (one per code; unknown codes are ignored). */
export function deriveNationalValue(rule: NationalRule, level: TerritoryLevel, values: readonly TerritorialValue[]): NationalValue {
  const territories = territoriesOf(level);
  const byCode = new Map(values.map((v) => [v.code, v]));
  const known = territories.map((t) => byCode.get(t.code)).filter((v): v is TerritorialValue => v !== undefined);
  const date = known.reduce<string | null>((latest, v) => (latest === null || v.observedAt > latest ? v.observedAt : latest), null);
  const usable = (v: TerritorialValue | undefined): v is TerritorialValue =>
    v !== undefined && v.observedAt === date && (rule !== 'weighted_mean' || (v.denominator !== null && v.denominator > 0));
  const counted = territories.map((t) => byCode.get(t.code)).filter(usable);
  const missing = territories.filter((t) => !usable(byCode.get(t.code))).map((t) => t.code);
  const completeness = counted.length === 0 ? 'none' : missing.length === 0 ? 'complete' : 'partial';
  const subtotal = aggregate(rule, counted);
  return {
    rule,
    level,
    date,
    completeness,
    counted: counted.length,
    expected: territories.length,
    missing,
    value: completeness === 'complete' ? subtotal : null,
    subtotal,
  };
}

function aggregate(rule: NationalRule, values: readonly TerritorialValue[]): number | null {
  if (rule === 'national_only' || values.length === 0) return null;
  if (rule === 'sum') return values.reduce((sum, v) => sum + v.value, 0);
  const weight = values.reduce((sum, v) => sum + v.denominator!, 0);
  return values.reduce((sum, v) => sum + v.value * v.denominator!, 0) / weight;
}

/**
 * Each territory's rank among those that reported at the comparison date: 1 is the best, following the
 * indicator's direction (the highest value for an increasing indicator); equal values share a rank.
 */
export function rankTerritories(values: readonly TerritorialValue[], direction: 'increase' | 'decrease'): Map<string, number> {
  const sorted = [...values].sort((a, b) => (direction === 'increase' ? b.value - a.value : a.value - b.value));
  const ranks = new Map<string, number>();
  sorted.forEach((v, k) => {
    const previous = sorted[k - 1];
    ranks.set(v.code, previous && previous.value === v.value ? ranks.get(previous.code)! : k + 1);
  });
  return ranks;
}
