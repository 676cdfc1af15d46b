/** Words of the pages of Operations: metrics, readiness, packaging, backups. French first; every key in both languages. Spread into the web labels. */
export const OPERATIONS_LABELS = {
  fr: {},
  en: {},
};
