import type { Message } from './catalogue';

/** Messages of Sign-in through ProConnect (OpenID Connect), by code, in French and English; spread into the catalogue. Same conventions as catalogue.ts. */
export const SIGN_IN_MESSAGES = {
  'auth.proconnect.state_unknown': {
    fr: 'Cette connexion ProConnect est inconnue, expirée ou déjà utilisée : recommencez depuis la page de connexion.',
    en: 'This ProConnect sign-in is unknown, expired or already used: start again from the sign-in page.',
  },
  'auth.proconnect.other_browser': {
    fr: 'Cette connexion ProConnect a été commencée dans un autre navigateur : recommencez depuis la page de connexion de ce navigateur.',
    en: 'This ProConnect sign-in was started in another browser: start again from the sign-in page of this browser.',
  },
  'auth.proconnect.provider_unreachable': {
    fr: 'ProConnect ne répond pas pour le moment : réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe si vous en avez un.',
    en: 'ProConnect is not answering at the moment: try again in a few minutes, or sign in with your password if you have one.',
  },
  'auth.proconnect.provider_refused': {
    fr: 'ProConnect n’a pas confirmé votre identité (« {error} ») : recommencez la connexion.',
    en: 'ProConnect did not confirm your identity ("{error}"): sign in again.',
  },
  'auth.proconnect.response_invalid': {
    fr: 'La réponse de ProConnect n’a pas pu être vérifiée : recommencez la connexion ; si cela se reproduit, signalez-le au service informatique.',
    en: 'The answer from ProConnect could not be verified: sign in again; if it happens again, tell the IT department.',
  },
  'auth.proconnect.email_missing': {
    fr: 'ProConnect n’a pas transmis d’adresse électronique vérifiée : demandez à votre fournisseur d’identité de la renseigner, puis recommencez.',
    en: 'ProConnect did not send a verified email address: ask your identity provider to fill it in, then sign in again.',
  },
  'auth.proconnect.unknown_account': {
    fr: 'Aucun compte n’est ouvert pour {email} : demandez-le à un administrateur de Feuille de route.',
    en: 'No account is open for {email}: ask a Feuille de route administrator for one.',
  },
  'auth.proconnect.account_disabled': {
    fr: 'Le compte {email} est désactivé : adressez-vous à un administrateur de Feuille de route.',
    en: 'The account {email} is disabled: contact a Feuille de route administrator.',
  },
  'auth.proconnect.subject_mismatch': {
    fr: 'Le compte {email} est lié à une autre identité ProConnect : adressez-vous à un administrateur de Feuille de route.',
    en: 'The account {email} is linked to another ProConnect identity: contact a Feuille de route administrator.',
  },
  'auth.proconnect.subject_taken': {
    fr: 'Votre identité ProConnect est déjà liée au compte {account}, et non à {email} : demandez à un administrateur de Feuille de route de corriger l’adresse du compte.',
    en: 'Your ProConnect identity is already linked to the account {account}, not to {email}: ask a Feuille de route administrator to correct the account’s address.',
  },
} satisfies Record<string, Message>;
