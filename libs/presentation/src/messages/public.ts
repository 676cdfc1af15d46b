import type { Message } from './catalogue';

/** Messages of the public view (PUBLIC_SITE), by code, in French and English; spread into the catalogue. Same conventions as catalogue.ts. */
export const PUBLIC_MESSAGES = {
  'public.nothing_published': {
    fr: 'Aucune période n’est encore publiée : les résultats paraissent à la clôture de la première revue.',
    en: 'No period is published yet: results appear when the first review is closed.',
  },
  'public.not_published': {
    fr: 'La période « {period} » n’est pas publiée (une période est publiée à la clôture de sa revue).',
    en: 'The period "{period}" is not published (a period is published when its review is closed).',
  },
  'public.unknown_file': {
    fr: 'Fichier inconnu : les données ouvertes s’appellent <période>.csv et <période>.schema.json, par exemple 2026-Q4.csv.',
    en: 'Unknown file: the open data files are named <period>.csv and <period>.schema.json, for example 2026-Q4.csv.',
  },
} satisfies Record<string, Message>;
