import type { Lang } from '../lang';

/** Words of territorial values (levels, the national value derived from the territories). French first; every key in both languages. */
export const TERRITORIAL_LABELS = {
  fr: {
    territoryRegion: 'Région',
    territoryDepartement: 'Département',
    territoryNational: 'National',
    nationalRuleSum: 'somme des territoires',
    nationalRuleWeightedMean: 'moyenne des territoires pondérée par leur dénominateur',
    nationalRuleNationalOnly: 'saisie au niveau national seulement',
    // Export columns (the import reads "Territoire" and "Dénominateur" back).
    exportTerritory: 'Territoire',
    exportTerritoryName: 'Nom du territoire',
    exportDenominator: 'Dénominateur',
    // The import page: how to give a territory.
    importTerritoryHelp:
      'Pour une valeur d’un territoire, une colonne territoire : « region:84 » ou « departement:2A » (code officiel ; vide pour une valeur nationale) ; pour un taux pondéré, une colonne dénominateur (par exemple le nombre d’établissements).',
  },
  en: {
    territoryRegion: 'Region',
    territoryDepartement: 'Département',
    territoryNational: 'National',
    nationalRuleSum: 'sum of the territories',
    nationalRuleWeightedMean: 'mean of the territories weighted by their denominators',
    nationalRuleNationalOnly: 'recorded nationally only',
    exportTerritory: 'Territory',
    exportTerritoryName: 'Territory name',
    exportDenominator: 'Denominator',
    importTerritoryHelp:
      'For a territory’s value, a territory column: "region:84" or "departement:2A" (official code; empty for a national value); for a weighted rate, a denominator column (for example the number of establishments).',
  },
};

const COUNTED: Record<Lang, Record<'region' | 'departement', (counted: number, expected: number) => string>> = {
  fr: {
    region: (n, of) => `${n} ${n < 2 ? 'région' : 'régions'} sur ${of}`,
    departement: (n, of) => `${n} ${n < 2 ? 'département' : 'départements'} sur ${of}`,
  },
  en: {
    region: (n, of) => `${n} of ${of} regions`,
    departement: (n, of) => `${n} of ${of} départements`,
  },
};

/**
 * How complete a national value derived from the territories is, in words: "complète (18 régions sur
 * 18)", "partielle : 12 régions sur 18", "aucune valeur territoriale".
 */
export function nationalCompletenessText(
  nv: { level: 'region' | 'departement'; completeness: 'complete' | 'partial' | 'none'; counted: number; expected: number },
  lang: Lang,
): string {
  const counted = COUNTED[lang][nv.level](nv.counted, nv.expected);
  if (nv.completeness === 'complete') return lang === 'fr' ? `complète (${counted})` : `complete (${counted})`;
  if (nv.completeness === 'partial') return lang === 'fr' ? `partielle\u00a0: ${counted}` : `partial: ${counted}`;
  return lang === 'fr' ? 'aucune valeur territoriale' : 'no territorial value';
}
