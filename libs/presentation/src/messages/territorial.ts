import type { Message } from './catalogue';

/**
 * Messages of territorial recording (values per region or département, scoped editors, the territory
 * column of imports), by code, in French and English; spread into the catalogue. Same conventions as
 * catalogue.ts. A territory is named `{territory}` as "Auvergne-Rhône-Alpes (84)": official names are
 * French in both languages.
 */
export const TERRITORIAL_MESSAGES = {
  // The examples come as parameters: a code such as region:84 is written as is, colon glued, in French too.
  'territory.bad_reference': {
    fr: 'écrivez le territoire comme « {regionExample} » ou « {departementExample} » (le niveau, deux-points, le code officiel), ou laissez vide pour une valeur nationale.',
    en: 'write the territory as "{regionExample}" or "{departementExample}" (the level, a colon, the official code), or leave it empty for a national value.',
  },
  'territory.unknown_region': {
    fr: 'région {code} inconnue : donnez le code officiel d’une des 18 régions (par exemple 84 pour Auvergne-Rhône-Alpes).',
    en: 'unknown region {code}: give the official code of one of the 18 regions (for example 84 for Auvergne-Rhône-Alpes).',
  },
  'territory.unknown_departement': {
    fr: 'département {code} inconnu : donnez le code officiel d’un des 101 départements (par exemple 01, 2A ou 971).',
    en: 'unknown département {code}: give the official code of one of the 101 départements (for example 01, 2A or 971).',
  },
  'territory.not_territorial': {
    fr: 'l’indicateur {indicator} se mesure au niveau national seulement : retirez le territoire.',
    en: 'indicator {indicator} is measured nationally only: remove the territory.',
  },
  'territory.regions_only': {
    fr: 'l’indicateur {indicator} se saisit par région, pas par département : {territory} n’est pas accepté, donnez le code de sa région.',
    en: 'indicator {indicator} is recorded by region, not by département: {territory} is not accepted, give its region’s code.',
  },
  'territory.departements_only': {
    fr: 'l’indicateur {indicator} se saisit par département, pas par région : {territory} n’est pas accepté, donnez le code d’un département.',
    en: 'indicator {indicator} is recorded by département, not by region: {territory} is not accepted, give a département’s code.',
  },
  'territory.level_not_offered': {
    fr: 'l’indicateur {indicator} ne se saisit pas à ce niveau : demandez {allowed}.',
    en: 'indicator {indicator} is not recorded at that level: ask for {allowed}.',
  },
  'territory.denominator_required': {
    fr: 'l’indicateur {indicator} est un taux pondéré : donnez pour {territory} le dénominateur (le nombre dont le taux est une part), son poids dans la valeur nationale.',
    en: 'indicator {indicator} is a weighted rate: give the denominator for {territory} (the number the rate is a share of), its weight in the national value.',
  },
  'territory.denominator_not_read': {
    fr: 'un dénominateur ne se donne qu’avec la valeur d’un territoire, pour un taux pondéré : retirez-le.',
    en: 'a denominator is only given with a territory’s value, for a weighted rate: remove it.',
  },
  'territory.denominator_not_positive': {
    fr: 'le dénominateur est un nombre de plus de zéro (par exemple le nombre d’établissements).',
    en: 'the denominator is a number above zero (for example the number of establishments).',
  },
  'permission.territory_national_value': {
    fr: 'Vous saisissez pour le territoire {scope} : une valeur nationale ne peut être saisie que par un rédacteur national. Indiquez le territoire de la valeur.',
    en: 'You record for the territory {scope}: a national value can only be recorded by a national editor. Give the value’s territory.',
  },
  'permission.territory_national_milestone': {
    fr: 'Vous saisissez pour le territoire {scope} : les jalons sont nationaux, ils ne sont mis à jour que par un rédacteur national.',
    en: 'You record for the territory {scope}: milestones are national, only a national editor updates them.',
  },
  'permission.territory_outside_scope': {
    fr: 'Vous saisissez pour le territoire {scope} : {territory} n’en fait pas partie.',
    en: 'You record for the territory {scope}: {territory} is not within it.',
  },
  'permission.territory_scope_editor_only': {
    fr: 'Seul un compte « rédacteur » se limite à un territoire ; ce compte a le rôle « {role} ».',
    en: 'Only an editor account is limited to a territory; this account has the "{role}" role.',
  },
  'import.territory_already_recorded': {
    fr: 'l’indicateur {indicator} a déjà une valeur pour {territory} au {date} (valeur {measurement}) ; pour la corriger, dites pourquoi dans une colonne « motif » (reason).',
    en: 'indicator {indicator} already has a value for {territory} on {date} (measurement {measurement}); to correct it, say why in a "reason" column ("motif" in French).',
  },
  'measurement.territory_duplicate': {
    fr: 'L’indicateur {indicator} a déjà une valeur pour {territory} au {date} (valeur {measurement}) : corrigez-la plutôt (POST /api/v1/measurements/{measurement}/corrections).',
    en: 'Indicator {indicator} already has a value for {territory} on {date} (measurement {measurement}): correct it instead (POST /api/v1/measurements/{measurement}/corrections).',
  },
} satisfies Record<string, Message>;
