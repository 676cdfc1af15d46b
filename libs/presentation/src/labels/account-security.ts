/** Words of the pages of Local accounts' security: second factor (TOTP), lockout, password reset. French first; every key in both languages. Spread into the web labels. */
export const ACCOUNT_SECURITY_LABELS = {
  fr: {},
  en: {},
};
