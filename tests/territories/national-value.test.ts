import { describe, expect, it } from 'vitest';
import { deriveNationalValue, NationalRule, rankTerritories, regions, TerritorialValue, TerritoryLevel } from '@app/territories';
import { nationalCompletenessText } from '@app/presentation';

const REGION_CODES = regions().map((r) => r.code);
const DATE = '2025-06-30';

/** One value per region at DATE: value k+1, denominator 10·(k+1) (so weights differ). */
function everyRegion(overrides: Partial<TerritorialValue>[] = []): TerritorialValue[] {
  return REGION_CODES.map((code, k) => ({ code, value: k + 1, observedAt: DATE, denominator: 10 * (k + 1), ...overrides[k] }));
}

const sumOf = (values: TerritorialValue[]) => values.reduce((s, v) => s + v.value, 0);
const weighted = (values: TerritorialValue[]) => values.reduce((s, v) => s + v.value * v.denominator!, 0) / values.reduce((s, v) => s + v.denominator!, 0);

describe('the national value derived from the territories', () => {
  const all = everyRegion();
  const twelve = all.slice(0, 12);
  const cases: {
    name: string;
    rule: NationalRule;
    level: TerritoryLevel;
    values: TerritorialValue[];
    completeness: 'complete' | 'partial' | 'none';
    counted: number;
    value: number | null;
    subtotal: number | null;
  }[] = [
    { name: 'sum, every region', rule: 'sum', level: 'region', values: all, completeness: 'complete', counted: 18, value: sumOf(all), subtotal: sumOf(all) },
    {
      name: 'sum, 12 regions: partial, no national value',
      rule: 'sum',
      level: 'region',
      values: twelve,
      completeness: 'partial',
      counted: 12,
      value: null,
      subtotal: sumOf(twelve),
    },
    {
      name: 'weighted mean, every region: Σ v·d / Σ d',
      rule: 'weighted_mean',
      level: 'region',
      values: all,
      completeness: 'complete',
      counted: 18,
      value: weighted(all),
      subtotal: weighted(all),
    },
    {
      name: 'weighted mean, a region without denominator is missing',
      rule: 'weighted_mean',
      level: 'region',
      values: everyRegion([{ denominator: null }]),
      completeness: 'partial',
      counted: 17,
      value: null,
      subtotal: weighted(all.slice(1)),
    },
    {
      name: 'national only: nothing derived, even complete',
      rule: 'national_only',
      level: 'region',
      values: all,
      completeness: 'complete',
      counted: 18,
      value: null,
      subtotal: null,
    },
    { name: 'no value at all', rule: 'sum', level: 'region', values: [], completeness: 'none', counted: 0, value: null, subtotal: null },
    {
      name: 'a region reporting an older date is missing at the latest date',
      rule: 'sum',
      level: 'region',
      values: everyRegion([{ observedAt: '2025-03-31' }]),
      completeness: 'partial',
      counted: 17,
      value: null,
      subtotal: sumOf(all.slice(1)),
    },
    {
      name: 'a code that is no region is ignored',
      rule: 'sum',
      level: 'region',
      values: [...twelve, { code: '99', value: 1000, observedAt: DATE, denominator: null }],
      completeness: 'partial',
      counted: 12,
      value: null,
      subtotal: sumOf(twelve),
    },
    {
      name: 'départements: 101 expected',
      rule: 'sum',
      level: 'departement',
      values: [{ code: '2A', value: 5, observedAt: DATE, denominator: null }],
      completeness: 'partial',
      counted: 1,
      value: null,
      subtotal: 5,
    },
  ];

  it.each(cases)('$name', ({ rule, level, values, completeness, counted, value, subtotal }) => {
    const nv = deriveNationalValue(rule, level, values);
    expect(nv.completeness).toBe(completeness);
    expect(nv.counted).toBe(counted);
    expect(nv.expected).toBe(level === 'region' ? 18 : 101);
    expect(nv.missing).toHaveLength(nv.expected - counted);
    if (value === null) expect(nv.value).toBeNull();
    else expect(nv.value).toBeCloseTo(value, 10);
    if (subtotal === null) expect(nv.subtotal).toBeNull();
    else expect(nv.subtotal).toBeCloseTo(subtotal, 10);
  });

  it('compares the territories at the latest date any reported and names the missing ones', () => {
    const nv = deriveNationalValue('sum', 'region', everyRegion([{ observedAt: '2025-03-31' }, { observedAt: '2025-03-31' }]));
    expect(nv.date).toBe(DATE);
    expect(nv.missing).toEqual(REGION_CODES.slice(0, 2));
  });

  it('says how complete it is in French and English', () => {
    const partial = deriveNationalValue('sum', 'region', everyRegion().slice(0, 12));
    expect(nationalCompletenessText(partial, 'fr')).toBe('partielle\u00a0: 12 régions sur 18');
    expect(nationalCompletenessText(partial, 'en')).toBe('partial: 12 of 18 regions');
    expect(nationalCompletenessText(deriveNationalValue('sum', 'region', everyRegion()), 'fr')).toBe('complète (18 régions sur 18)');
    expect(nationalCompletenessText(deriveNationalValue('sum', 'departement', []), 'fr')).toBe('aucune valeur territoriale');
  });
});

describe('ranks of the territories', () => {
  const values = [
    { code: '84', value: 40, observedAt: DATE, denominator: null },
    { code: '11', value: 70, observedAt: DATE, denominator: null },
    { code: '93', value: 40, observedAt: DATE, denominator: null },
    { code: '53', value: 10, observedAt: DATE, denominator: null },
  ];
  it.each([
    { direction: 'increase' as const, expected: { '11': 1, '84': 2, '93': 2, '53': 4 } },
    { direction: 'decrease' as const, expected: { '53': 1, '84': 2, '93': 2, '11': 4 } },
  ])('best first for an indicator to $direction, ties share a rank', ({ direction, expected }) => {
    expect(Object.fromEntries(rankTerritories(values, direction))).toEqual(expected);
  });
});
