import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRoadmapFile, RoadmapDataError, validateRoadmapData } from '@app/roadmap';

const ROADMAP = resolve(__dirname, '../../db/roadmap.yaml');

/** The data file with one indicator's `territories:` replaced. */
function withTerritories(key: string, territories: unknown): unknown {
  const raw = parse(readFileSync(ROADMAP, 'utf8'));
  for (const fa of raw.focusAreas)
    for (const p of fa.priorities) for (const o of p.objectives) for (const i of o.indicators) if (i.key === key) i.territories = territories;
  return raw;
}

function problemsOf(raw: unknown): string[] {
  try {
    validateRoadmapData(raw);
    return [];
  } catch (e) {
    return (e as RoadmapDataError).problems;
  }
}

describe('the territorial breakdown in the data file', () => {
  it('marks the indicators delivered territory by territory, with their rule', () => {
    const data = loadRoadmapFile(ROADMAP);
    const indicators = data.focusAreas.flatMap((fa) => fa.priorities.flatMap((p) => p.objectives.flatMap((o) => o.indicators)));
    const marked = Object.fromEntries(indicators.filter((i) => i.territories).map((i) => [i.key, i.territories!.national]));
    expect(Object.keys(marked)).toHaveLength(15);
    expect(marked).toMatchObject({
      'mediators-trained': 'sum',
      'establishments-cdri': 'sum',
      'teleconsultation-adoption': 'weighted_mean',
      'sante-fr-visitors': 'national_only',
    });
    // Every rate is weighted, never summed; every weighted mean names its denominator.
    for (const i of indicators.filter((x) => x.territories)) {
      if (i.unit === 'percent') expect(i.territories!.national, i.key).not.toBe('sum');
      expect(Boolean(i.territories!.denominator), i.key).toBe(i.territories!.national === 'weighted_mean');
    }
  });

  it.each([
    {
      name: 'a percentage summed',
      key: 'teleconsultation-adoption',
      territories: { levels: ['region'], national: 'sum' },
      problem:
        'objective 12-1, indicator teleconsultation-adoption: territories.national sum does not suit the unit percent (use weighted_mean or national_only)',
    },
    {
      name: 'a weighted mean without its denominator',
      key: 'teleconsultation-adoption',
      territories: { levels: ['region'], national: 'weighted_mean' },
      problem:
        "objective 12-1, indicator teleconsultation-adoption: territories.denominator is needed by weighted_mean (what each territory's value is a share of, e.g. establishments)",
    },
    {
      name: 'a denominator a sum does not read',
      key: 'mediators-trained',
      territories: { levels: ['region'], national: 'sum', denominator: { name: 'x', fr: { name: 'x' } } },
      problem: 'objective 4-2, indicator mediators-trained: territories.denominator is only read by weighted_mean, not by sum',
    },
  ])('refuses $name, naming the indicator', ({ key, territories, problem }) => {
    expect(problemsOf(withTerritories(key, territories))).toEqual([problem]);
  });

  it.each([
    { name: 'an unknown level', territories: { levels: ['commune'], national: 'sum' }, message: 'must be region or departement' },
    { name: 'a level listed twice', territories: { levels: ['region', 'region'], national: 'sum' }, message: 'a level is listed twice' },
    { name: 'no level', territories: { levels: [], national: 'sum' }, message: 'name at least one level: region, departement' },
    { name: 'an unknown rule', territories: { levels: ['region'], national: 'median' }, message: 'must be sum, weighted_mean or national_only' },
  ])('refuses $name', ({ territories, message }) => {
    const problems = problemsOf(withTerritories('mediators-trained', territories));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
    expect(problems[0]).toMatch(/indicators\.0\.territories/);
  });
});
