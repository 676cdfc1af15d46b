/** Words of the pages of Sign-in through ProConnect (OpenID Connect). French first; every key in both languages. Spread into the web labels. */
export const SIGN_IN_LABELS = {
  fr: {},
  en: {},
};
