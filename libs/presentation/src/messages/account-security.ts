import type { Message } from './catalogue';

/** Messages of Local accounts' security: second factor (TOTP), lockout, password reset, by code, in French and English; spread into the catalogue. Same conventions as catalogue.ts. */
export const ACCOUNT_SECURITY_MESSAGES = {
  // `hour` and `minute` are the wall-clock time in TIMEZONE, as text ("14", "05").
  'auth.locked': {
    fr: 'Compte verrouillé après {attempts|un essai infructueux|{attempts} essais infructueux} : réessayez après {hour}\u00a0h\u00a0{minute}.',
    en: 'Account locked after {attempts|one failed attempt|{attempts} failed attempts}: try again after {hour}:{minute}.',
  },
  'auth.otp_required': {
    fr: 'Ce compte est protégé par une double authentification : envoyez aussi le champ « otp », le code à 6 chiffres affiché par votre application d’authentification.',
    en: 'This account is protected by two-factor authentication: also send the field "otp", the 6-digit code shown by your authenticator app.',
  },
  'auth.otp_invalid': {
    fr: 'Code incorrect, expiré ou déjà utilisé : saisissez le code à 6 chiffres affiché maintenant par votre application d’authentification.',
    en: 'Wrong, expired or already used code: enter the 6-digit code your authenticator app shows now.',
  },
  'auth.mfa_enrolment_required': {
    fr: 'Les comptes administrateurs doivent avoir une double authentification (REQUIRE_MFA) : connectez-vous une fois sur {url} pour l’activer, puis envoyez ici le champ « otp » avec votre mot de passe. Les jetons d’API personnels restent valables.',
    en: 'Administrator accounts must have two-factor authentication (REQUIRE_MFA): sign in once at {url} to turn it on, then send the field "otp" here with your password. Personal API tokens keep working.',
  },
  'auth.reset_link_invalid': {
    fr: 'Ce lien de réinitialisation n’est plus valable (déjà utilisé, expiré ou remplacé par un lien plus récent) : demandez-en un nouveau.',
    en: 'This reset link no longer works (already used, expired or replaced by a newer one): ask for a new one.',
  },
} satisfies Record<string, Message>;
