import type { Lang } from '../lang';
import type { PluralForms } from '../format';

/**
 * The words of the pages' DSFR chrome (header, footer, breadcrumb, display settings), of the error
 * pages and of counted words. The legal pages' prose lives in their templates (one per language).
 */
const SITE = {
  fr: {
    home: 'Accueil',
    breadcrumb: 'vous êtes ici :',
    breadcrumbButton: 'Voir le fil d’Ariane',
    homeTitle: 'Accueil — Feuille de route',
    displaySettings: 'Paramètres d’affichage',
    displayLegend: 'Choisissez un thème pour personnaliser l’apparence du site.',
    themeLight: 'Thème clair',
    themeDark: 'Thème sombre',
    themeSystem: 'Système',
    themeSystemHint: 'Utilise les paramètres système',
    newWindow: 'nouvelle fenêtre',
    footerDesc: 'Suivi de la feuille de route du numérique en santé 2023–2027 : objectifs, cibles, jalons et rapports d’avancement.',
    footerLicence: 'Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont proposés sous',
    licence: 'licence etalab-2.0',
    accessibilityLink: 'Accessibilité : non conforme',
    accessibilityTitle: 'Déclaration d’accessibilité',
    legalNotice: 'Mentions légales',
    personalData: 'Données personnelles',
    sitemap: 'Plan du site',
    sitemapPages: 'Pages de l’application',
    sitemapLegal: 'Informations légales',
    signInRequired: 'connexion nécessaire',
    toBeCompleted: 'À compléter par le service informatique qui déploie l’application',
    errorCode: 'Erreur {n}',
    notFoundTitle: 'Page non trouvée',
    notFoundText: 'La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.',
    notFoundHelp:
      'Si vous avez tapé l’adresse dans le navigateur, vérifiez qu’elle est correcte : un objectif s’écrit par exemple /objectives/12-1 et un organisme /bodies/cnam.',
    forbiddenTitle: 'Accès refusé',
    formExpiredTitle: 'Formulaire expiré',
    forbiddenHelp:
      'Votre rôle ou vos organismes ne permettent pas cette action. Si vous pensez devoir y avoir accès, demandez-le à un administrateur de l’application.',
    badRequestTitle: 'Demande incorrecte',
    serverErrorTitle: 'Erreur inattendue',
    serverErrorHelp: 'Essayez de rafraîchir la page ou réessayez un peu plus tard. Si le problème persiste, signalez-le à l’équipe de l’application.',
    usefulLinks: 'Liens utiles',
    goHome: 'Page d’accueil',
    goRoadmap: 'La feuille de route',
    goBodies: 'Les organismes',
    goSignIn: 'Se connecter',
    milestonesDue: 'Jalons à échéance ou manqués',
    counts: {
      objectives: { one: '{n} objectif', other: '{n} objectifs' },
      daysLate: { one: '{n} jour de retard', other: '{n} jours de retard' },
    } satisfies Record<string, PluralForms>,
  },
  en: {
    home: 'Home',
    breadcrumb: 'you are here:',
    breadcrumbButton: 'Show the breadcrumb',
    homeTitle: 'Home — Feuille de route',
    displaySettings: 'Display settings',
    displayLegend: 'Choose a theme to customise the look of the site.',
    themeLight: 'Light theme',
    themeDark: 'Dark theme',
    themeSystem: 'System',
    themeSystemHint: 'Uses the system settings',
    newWindow: 'new window',
    footerDesc: 'Tracking the Digital Health Roadmap 2023–2027: objectives, targets, milestones and progress reports.',
    footerLicence: 'Unless stated otherwise for third-party intellectual property, the content of this site is available under the',
    licence: 'etalab-2.0 licence',
    accessibilityLink: 'Accessibility: non-compliant',
    accessibilityTitle: 'Accessibility statement',
    legalNotice: 'Legal notice',
    personalData: 'Personal data',
    sitemap: 'Site map',
    sitemapPages: 'Pages of the application',
    sitemapLegal: 'Legal information',
    signInRequired: 'sign-in required',
    toBeCompleted: 'To be completed by the IT department deploying the application',
    errorCode: 'Error {n}',
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you are looking for cannot be found. We apologise for the inconvenience.',
    notFoundHelp:
      'If you typed the address in the browser, check that it is correct: an objective is written for example /objectives/12-1 and a body /bodies/cnam.',
    forbiddenTitle: 'Access denied',
    formExpiredTitle: 'Form expired',
    forbiddenHelp: 'Your role or your bodies do not allow this action. If you think you should have access, ask an administrator of the application.',
    badRequestTitle: 'Bad request',
    serverErrorTitle: 'Unexpected error',
    serverErrorHelp: 'Try reloading the page, or try again a little later. If the problem persists, report it to the application team.',
    usefulLinks: 'Useful links',
    goHome: 'Home page',
    goRoadmap: 'The roadmap',
    goBodies: 'The bodies',
    goSignIn: 'Sign in',
    milestonesDue: 'Milestones due or missed',
    counts: {
      objectives: { one: '{n} objective', other: '{n} objectives' },
      daysLate: { one: '{n} day late', other: '{n} days late' },
    } satisfies Record<string, PluralForms>,
  },
};

export type SiteLabels = (typeof SITE)['fr'];

export function siteLabels(lang: Lang): SiteLabels {
  return SITE[lang];
}
