/**
 * The official geography the roadmap is delivered in: the 18 regions and 101 départements of France
 * (13 in metropolitan France, 5 overseas regions that are also départements), with their codes from
 * the national geographic code (code officiel géographique, COG) and their names as INSEE writes
 * them. Read from `@etalab/decoupage-administratif`, the administrative divisions data.gouv.fr
 * maintains, rather than typed by hand: a merger or a renaming arrives with a package update.
 *
 * Pure: the package's JSON is required once at load, nothing else is read.
 */
import regionsData from '@etalab/decoupage-administratif/data/regions.json';
import departementsData from '@etalab/decoupage-administratif/data/departements.json';

/**
 * A region's code and a département's code can be the same string (region '11' Île-de-France,
 * département '11' Aude): a territory is always named by its level AND its code.
 */
export type TerritoryLevel = 'region' | 'departement';

export const TERRITORY_LEVELS: readonly TerritoryLevel[] = ['region', 'departement'];

export interface Territory {
  level: TerritoryLevel;
  /** The official code: '84' for a region, '01', '2A', '971' for a département. */
  code: string;
  /** The official name, in French: 'Auvergne-Rhône-Alpes', 'La Réunion'. */
  name: string;
  /** A département's region; absent on a region. */
  regionCode?: string;
  /** Overseas (the package's `drom` zone: Guadeloupe, Martinique, Guyane, La Réunion, Mayotte). */
  overseas: boolean;
}

export interface RegionWithDepartements extends Territory {
  level: 'region';
  departements: readonly Territory[];
}

interface PackageEntry {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

/**
 * The zones the roadmap covers. The package also lists overseas collectivities (`com`: Saint-Pierre-
 * et-Miquelon, Polynésie française…), which have their own health systems and no ARS: left out.
 */
const COVERED_ZONES = new Set(['metro', 'drom']);

/** Codes sort as the COG lists them: '01' … '19', '2A', '2B', '21' … '95', '971' … '976'. */
function codeOrder(code: string): number {
  if (code === '2A') return 20.1;
  if (code === '2B') return 20.2;
  return Number(code);
}

function byCode(a: Territory, b: Territory): number {
  return codeOrder(a.code) - codeOrder(b.code);
}

function toTerritory(level: TerritoryLevel, entry: PackageEntry): Territory {
  const territory: Territory = { level, code: entry.code, name: entry.nom, overseas: entry.zone === 'drom' };
  if (level === 'departement') territory.regionCode = entry.region;
  return territory;
}

const DEPARTEMENTS: readonly Territory[] = (departementsData as PackageEntry[])
  .filter((entry) => COVERED_ZONES.has(entry.zone))
  .map((entry) => toTerritory('departement', entry))
  .sort(byCode);

const REGIONS: readonly RegionWithDepartements[] = (regionsData as PackageEntry[])
  .filter((entry) => COVERED_ZONES.has(entry.zone))
  .map((entry) => ({
    ...(toTerritory('region', entry) as Territory & { level: 'region' }),
    departements: DEPARTEMENTS.filter((departement) => departement.regionCode === entry.code),
  }))
  .sort(byCode);

const BY_KEY = new Map<string, Territory>([...REGIONS, ...DEPARTEMENTS].map((territory) => [territoryKey(territory.level, territory.code), territory]));

/** One string naming a territory without ambiguity: 'region:11', 'departement:11'. */
export function territoryKey(level: TerritoryLevel, code: string): string {
  return `${level}:${code}`;
}

/** The 18 regions, each with its départements, sorted by code. */
export function regions(): readonly RegionWithDepartements[] {
  return REGIONS;
}

/** The 101 départements, sorted by code ('01' … '2A', '2B' … '95', '971' … '976'). */
export function departements(): readonly Territory[] {
  return DEPARTEMENTS;
}

/** Every territory of a level, sorted by code. */
export function territoriesOf(level: TerritoryLevel): readonly Territory[] {
  return level === 'region' ? REGIONS : DEPARTEMENTS;
}

/** The territory with this level and official code, or undefined when there is none. */
export function findTerritory(level: TerritoryLevel, code: string): Territory | undefined {
  return BY_KEY.get(territoryKey(level, code));
}

/** The départements of a region (empty for an unknown code). */
export function departementsOfRegion(regionCode: string): readonly Territory[] {
  return REGIONS.find((region) => region.code === regionCode)?.departements ?? [];
}

/** The region a département belongs to, or undefined for an unknown code. */
export function regionOfDepartement(departementCode: string): Territory | undefined {
  const departement = findTerritory('departement', departementCode);
  return departement?.regionCode === undefined ? undefined : findTerritory('region', departement.regionCode);
}

/**
 * Whether `inner` lies within `outer`: a territory within itself, a département within its region.
 * (A region is never within a département.)
 */
export function isWithin(inner: Pick<Territory, 'level' | 'code'>, outer: Pick<Territory, 'level' | 'code'>): boolean {
  if (inner.level === outer.level) return inner.code === outer.code;
  if (inner.level === 'departement' && outer.level === 'region') {
    return findTerritory('departement', inner.code)?.regionCode === outer.code;
  }
  return false;
}
