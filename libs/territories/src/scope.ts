/**
 * Whether an editor scoped to a territory may record a value for a territory. An ARS records for its
 * region and the départements within it; an editor scoped to a département, for that département only.
 * A scoped editor never records a national value: the nation is everyone's, not one territory's.
 * An editor without a scope (national) records for any territory, and nationally.
 *
 * Pure; which objectives an editor records for (their bodies) is decided elsewhere, this only adds the
 * territorial condition.
 */
import { findTerritory, isWithin, TerritoryLevel } from './geography';

export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

export type ScopeDecision = { allowed: true } | { allowed: false; reason: 'national_value' | 'outside_scope' };

/** `scope` null: a national editor; `target` null: the national value. */
export function scopeAllows(scope: TerritoryRef | null, target: TerritoryRef | null): ScopeDecision {
  if (scope === null) return { allowed: true };
  if (target === null) return { allowed: false, reason: 'national_value' };
  return isWithin(target, scope) ? { allowed: true } : { allowed: false, reason: 'outside_scope' };
}

export type TerritoryReading =
  | { ok: true; territory: TerritoryRef & { name: string } }
  | { ok: false; problem: 'bad_reference' }
  | { ok: false; problem: 'unknown'; level: TerritoryLevel; code: string };

/** The words a spreadsheet or a form may give a level in: English or French, with or without accent. */
const LEVEL_WORDS: Record<string, TerritoryLevel> = { region: 'region', departement: 'departement', department: 'departement' };

/**
 * Reads a territory written `region:84` or `departement:2A` (one cell, one field: the level keeps
 * region 11 apart from département 11, and the text keeps the code's leading zero, which a spreadsheet
 * drops from a bare number). Case, accents and spaces do not matter ("Département : 2a"); a one-digit
 * code gets its zero back ("departement:1" is Ain, 01).
 */
export function readTerritoryReference(text: string): TerritoryReading {
  const match = /^\s*([^:]+?)\s*:\s*([0-9A-Za-z]{1,3})\s*$/.exec(text);
  const level = match && LEVEL_WORDS[match[1].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()];
  if (!match || !level) return { ok: false, problem: 'bad_reference' };
  const code = match[2].toUpperCase().padStart(2, '0');
  const found = findTerritory(level, code);
  return found ? { ok: true, territory: { level, code, name: found.name } } : { ok: false, problem: 'unknown', level, code };
}

/** "Auvergne-Rhône-Alpes (84)": how messages name a territory (official names are French in both languages). */
export function territoryLabel(ref: TerritoryRef): string {
  const found = findTerritory(ref.level, ref.code);
  return found ? `${found.name} (${ref.code})` : ref.code;
}

/** How a territory is written, for messages that show it (`territory.bad_reference`). */
export const TERRITORY_REFERENCE_EXAMPLES = { regionExample: 'region:84', departementExample: 'departement:2A' };
