import { describe, expect, it } from 'vitest';
import { scopeAllows, TerritoryRef } from '@app/territories';

const region = (code: string): TerritoryRef => ({ level: 'region', code });
const departement = (code: string): TerritoryRef => ({ level: 'departement', code });

describe('what an editor scoped to a territory may record for', () => {
  it.each([
    { name: 'national editor, national value', scope: null, target: null, decision: { allowed: true } },
    { name: 'national editor, any region', scope: null, target: region('84'), decision: { allowed: true } },
    { name: 'national editor, any département', scope: null, target: departement('2A'), decision: { allowed: true } },
    { name: 'ARS, its own region', scope: region('84'), target: region('84'), decision: { allowed: true } },
    { name: 'ARS, a département within it (Rhône in Auvergne-Rhône-Alpes)', scope: region('84'), target: departement('69'), decision: { allowed: true } },
    { name: 'ARS, an overseas département of its region (Réunion)', scope: region('04'), target: departement('974'), decision: { allowed: true } },
    { name: 'ARS, another region', scope: region('84'), target: region('93'), decision: { allowed: false, reason: 'outside_scope' } },
    {
      name: 'ARS, a département of another region (Var)',
      scope: region('84'),
      target: departement('83'),
      decision: { allowed: false, reason: 'outside_scope' },
    },
    // Region 11 (Île-de-France) is not département 11 (Aude, in Occitanie): the level counts.
    { name: 'region 11 does not cover département 11', scope: region('11'), target: departement('11'), decision: { allowed: false, reason: 'outside_scope' } },
    { name: 'ARS, a national value', scope: region('84'), target: null, decision: { allowed: false, reason: 'national_value' } },
    { name: 'département editor, its département', scope: departement('2A'), target: departement('2A'), decision: { allowed: true } },
    { name: 'département editor, its region', scope: departement('2A'), target: region('94'), decision: { allowed: false, reason: 'outside_scope' } },
    { name: 'département editor, a national value', scope: departement('2A'), target: null, decision: { allowed: false, reason: 'national_value' } },
  ])('$name', ({ scope, target, decision }) => {
    expect(scopeAllows(scope as TerritoryRef | null, target as TerritoryRef | null)).toEqual(decision);
  });
});
