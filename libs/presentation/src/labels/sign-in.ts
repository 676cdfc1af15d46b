/** Words of the pages of Sign-in through ProConnect (OpenID Connect). French first; every key in both languages. Spread into the web labels. */
export const SIGN_IN_LABELS = {
  fr: {
    // The ProConnect button (ProConnect's own wording: the brand is never translated).
    proConnectLogin: 'S’identifier avec',
    proConnectBrand: 'ProConnect',
    proConnectWhat: 'Qu’est-ce que ProConnect ?',
    proConnectHeading: 'Se connecter avec ProConnect',
    proConnectIntro: 'ProConnect est la solution proposée par l’État pour vous identifier avec votre compte professionnel.',
    // When a ProConnect sign-in does not succeed.
    proConnectErrorTitle: 'Connexion avec ProConnect impossible',
    proConnectErrorHelp:
      'Vous pouvez recommencer depuis la page de connexion, ou vous connecter avec votre adresse électronique et votre mot de passe si vous en avez un.',
    // The sign-out, on its way to ProConnect.
    proConnectSignOutTitle: 'Déconnexion de ProConnect',
    proConnectSignOutText: 'Vous êtes déconnecté de Feuille de route. Votre session ProConnect est fermée à son tour.',
    proConnectSignOutContinue: 'Continuer vers ProConnect',
  },
  en: {
    proConnectLogin: 'Sign in with',
    proConnectBrand: 'ProConnect',
    proConnectWhat: 'What is ProConnect?',
    proConnectHeading: 'Sign in with ProConnect',
    proConnectIntro: 'ProConnect is the State’s service to identify you with your work account.',
    proConnectErrorTitle: 'Sign-in with ProConnect failed',
    proConnectErrorHelp: 'You can start again from the sign-in page, or sign in with your email address and password if you have one.',
    proConnectSignOutTitle: 'Signing out of ProConnect',
    proConnectSignOutText: 'You are signed out of Feuille de route. Your ProConnect session is being closed too.',
    proConnectSignOutContinue: 'Continue to ProConnect',
  },
};
