import type { Lang } from '../lang';
import type { PluralForms } from '../format';

/**
 * Words of the mails (subjects, sentences of templates/mail) and of the pages about mail (the outbox
 * for administrators, one's own mail settings). `{name}` placeholders are filled by `fillNamed`.
 */
export const MAIL_LABELS = {
  fr: {
    brand: 'Feuille de route',
    delegation: 'Délégation au numérique en santé',
    hello: 'Bonjour {name},',
    signature: 'L’équipe Feuille de route de la Délégation au numérique en santé',
    footerWhy: 'Vous recevez ce courriel parce que votre compte Feuille de route ({email}) y est associé.',
    footerSettings: 'Langue des courriels et rappels : {url}',
    footerAutomatic: 'Message automatique, merci de ne pas y répondre.',
    openMyReview: 'Ouvrir « Ma revue »',
    linkLine: '{label} : {url}',
    colon: ' :',
    openReview: 'Ouvrir la revue',
    objectivesCount: { one: '{n} objectif', other: '{n} objectifs' } as PluralForms,
    updatesCount: { one: '{n} point de situation', other: '{n} points de situation' } as PluralForms,
    daysCount: { one: '{n} jour', other: '{n} jours' } as PluralForms,
    subjects: {
      'review-opened': 'Revue {ofPeriod} : vos points de situation sont attendus d’ici le {deadline}',
      'update-submitted': 'Point de situation à valider : objectif {code} ({period})',
      'update-returned': 'Point de situation renvoyé : objectif {code} ({period})',
      'update-validated': 'Point de situation validé : objectif {code} ({period})',
      'deadline-near': 'Rappel : date limite dans {days} pour la revue {ofPeriod}',
      'deadline-day': 'Revue {ofPeriod} : {missing} en retard',
      'weekly-digest': 'Synthèse de la semaine pour {body} : indicateurs à actualiser et jalons à venir',
    } as Record<MailTemplate, string>,
    opened: {
      intro:
        'La revue {ofPeriod} est ouverte. Votre organisme pilote les objectifs ci-dessous : pour chacun, actualisez les valeurs et les jalons, donnez votre appréciation et rédigez le point de situation, puis transmettez-le.',
      deadline: 'Date limite de collecte : {deadline}.',
      bodyHeading: 'Objectifs pilotés par {body}',
    },
    submitted: {
      intro: 'Le point de situation de l’objectif {code} ({title}), piloté par {body}, a été transmis par {by} {forPeriod}. Il attend votre validation.',
      action: 'Validez-le, ou renvoyez-le au pilote avec un motif.',
    },
    returned: {
      intro: 'Le point de situation de l’objectif {code} ({title}) {forPeriod} a été renvoyé par {by}.',
      reason: 'Motif du renvoi',
      action: 'Complétez-le puis transmettez-le de nouveau avant le {deadline}.',
      actionNoDeadline: 'Complétez-le puis transmettez-le de nouveau.',
    },
    validated: {
      intro:
        'Le point de situation de l’objectif {code} ({title}) {forPeriod} a été validé par {by}. Il est désormais verrouillé : une modification demandera un motif.',
    },
    near: {
      intro: 'La collecte de la revue {ofPeriod} se termine le {deadline}, dans {days}. Ces points de situation de {body} ne sont pas encore transmis :',
    },
    late: {
      introToday:
        'C’est aujourd’hui, {deadline}, la date limite de collecte de la revue {ofPeriod}. Ces points de situation de {body} ne sont pas encore transmis :',
      introPassed: 'La date limite de collecte de la revue {ofPeriod} était le {deadline}. Ces points de situation de {body} ne sont toujours pas transmis :',
      action: 'Transmettez-les dès que possible : la délégation ne peut valider que ce qu’elle a reçu.',
    },
    digest: {
      intro: 'Voici, pour {body}, ce qui demande votre attention cette semaine (au {today}).',
      staleHeading: 'Indicateurs à actualiser',
      staleIntro: 'Leur dernière valeur date de plus longtemps que leur fréquence de mise à jour ne le prévoit.',
      staleNone: 'Aucun indicateur en retard d’actualisation.',
      latest: 'dernière valeur au {date}',
      milestonesHeading: 'Jalons à échéance dans les 90 prochains jours',
      milestonesNone: 'Aucun jalon à échéance dans les 90 prochains jours.',
      due: 'échéance le {date}',
      openBody: 'Voir la page de {body}',
      states: { not_started: 'non commencé', in_progress: 'en cours', done: 'réalisé' } as Record<'not_started' | 'in_progress' | 'done', string>,
    },
    // The pages about mail.
    outboxTitle: 'Courriels',
    outboxIntro:
      'Chaque courriel de l’application passe par cette file d’envoi : il y est écrit avec l’événement qui le cause, puis envoyé, réessayé en cas d’échec, et n’est jamais envoyé deux fois.',
    notConfigured:
      'L’envoi des courriels n’est pas configuré (SMTP_URL n’est pas défini) : les courriels restent en attente ici, où vous pouvez les lire. Ils partiront dès que l’envoi sera configuré.',
    stateFilter: 'État',
    allStates: 'Tous',
    states: { pending: 'En attente', sending: 'En cours d’envoi', sent: 'Envoyé', failed: 'Échec' } as Record<
      'pending' | 'sending' | 'sent' | 'failed',
      string
    >,
    count: { one: '{n} courriel', other: '{n} courriels' } as PluralForms,
    none: 'Aucun courriel.',
    createdAt: 'Créé le',
    to: 'Destinataire',
    subject: 'Objet',
    template: 'Modèle',
    lang: 'Langue',
    state: 'État',
    attempts: 'Tentatives',
    nextAttemptAt: 'Prochaine tentative',
    sentAt: 'Envoyé le',
    lastError: 'Dernière erreur',
    messageTitle: 'Courriel n° {id}',
    textVersion: 'Version texte',
    backToOutbox: 'Retour aux courriels',
    templates: {
      'review-opened': 'Ouverture de la revue',
      'update-submitted': 'Point transmis',
      'update-returned': 'Point renvoyé',
      'update-validated': 'Point validé',
      'deadline-near': 'Rappel avant la date limite',
      'deadline-day': 'Rappel de retard',
      'weekly-digest': 'Synthèse hebdomadaire',
    } as Record<MailTemplate, string>,
    langs: { fr: 'Français', en: 'Anglais' } as Record<Lang, string>,
    // One's own settings (the account page).
    settingsLegend: 'Courriels',
    settingsIntro:
      'Les avis de la revue (ouverture, point transmis, renvoyé ou validé) vous sont toujours envoyés ; les rappels et la synthèse hebdomadaire sont facultatifs.',
    mailLang: 'Langue des courriels',
    reminders: 'Recevoir les rappels et la synthèse hebdomadaire',
    remindersYes: 'Oui',
    remindersNo: 'Non',
    saveSettings: 'Enregistrer',
    settingsSaved: 'Vos préférences de courriel sont enregistrées.',
    settingsInvalid: 'Choisissez la langue de vos courriels et indiquez si vous voulez recevoir les rappels.',
  },
  en: {
    brand: 'Feuille de route',
    delegation: 'Délégation au numérique en santé',
    hello: 'Hello {name},',
    signature: 'The Feuille de route team at the Délégation au numérique en santé',
    footerWhy: 'You receive this e-mail because your Feuille de route account ({email}) is linked to it.',
    footerSettings: 'Language of e-mails and reminders: {url}',
    footerAutomatic: 'Automatic message, please do not reply.',
    openMyReview: 'Open “My review”',
    linkLine: '{label}: {url}',
    colon: ':',
    openReview: 'Open the review',
    objectivesCount: { one: '{n} objective', other: '{n} objectives' } as PluralForms,
    updatesCount: { one: '{n} update', other: '{n} updates' } as PluralForms,
    daysCount: { one: '{n} day', other: '{n} days' } as PluralForms,
    subjects: {
      'review-opened': 'Review {ofPeriod}: your updates are due by {deadline}',
      'update-submitted': 'Update to validate: objective {code} ({period})',
      'update-returned': 'Update returned: objective {code} ({period})',
      'update-validated': 'Update validated: objective {code} ({period})',
      'deadline-near': 'Reminder: deadline in {days} for the review {ofPeriod}',
      'deadline-day': 'Review {ofPeriod}: {missing} late',
      'weekly-digest': 'This week for {body}: indicators to update and milestones ahead',
    } as Record<MailTemplate, string>,
    opened: {
      intro:
        'The review {ofPeriod} is open. Your body leads the objectives below: for each, update the values and milestones, give your confidence rating and write the update, then submit it.',
      deadline: 'Collection deadline: {deadline}.',
      bodyHeading: 'Objectives led by {body}',
    },
    submitted: {
      intro: 'The update of objective {code} ({title}), led by {body}, was submitted by {by} {forPeriod}. It awaits your validation.',
      action: 'Validate it, or return it to the lead body with a reason.',
    },
    returned: {
      intro: 'The update of objective {code} ({title}) {forPeriod} was returned by {by}.',
      reason: 'Reason',
      action: 'Complete it and submit it again by {deadline}.',
      actionNoDeadline: 'Complete it and submit it again.',
    },
    validated: {
      intro: 'The update of objective {code} ({title}) {forPeriod} was validated by {by}. It is now locked: changing it will need a reason.',
    },
    near: {
      intro: 'Collection for the review {ofPeriod} ends on {deadline}, in {days}. These updates of {body} are not submitted yet:',
    },
    late: {
      introToday: 'Today, {deadline}, is the collection deadline of the review {ofPeriod}. These updates of {body} are not submitted yet:',
      introPassed: 'The collection deadline of the review {ofPeriod} was {deadline}. These updates of {body} are still not submitted:',
      action: 'Submit them as soon as you can: the delegation can only validate what it has received.',
    },
    digest: {
      intro: 'Here is what needs the attention of {body} this week (as of {today}).',
      staleHeading: 'Indicators to update',
      staleIntro: 'Their latest value is older than their reporting frequency allows.',
      staleNone: 'No indicator is overdue for an update.',
      latest: 'latest value on {date}',
      milestonesHeading: 'Milestones due in the next 90 days',
      milestonesNone: 'No milestone falls due in the next 90 days.',
      due: 'due {date}',
      openBody: 'Open the page of {body}',
      states: { not_started: 'not started', in_progress: 'in progress', done: 'done' } as Record<'not_started' | 'in_progress' | 'done', string>,
    },
    outboxTitle: 'E-mails',
    outboxIntro:
      'Every e-mail of the application goes through this outbox: written with the event that causes it, then sent, retried when delivery fails, and never sent twice.',
    notConfigured:
      'Sending e-mail is not configured (SMTP_URL is not set): e-mails stay pending here, where you can read them. They will go out once sending is configured.',
    stateFilter: 'State',
    allStates: 'All',
    states: { pending: 'Pending', sending: 'Sending', sent: 'Sent', failed: 'Failed' } as Record<'pending' | 'sending' | 'sent' | 'failed', string>,
    count: { one: '{n} e-mail', other: '{n} e-mails' } as PluralForms,
    none: 'No e-mail.',
    createdAt: 'Created',
    to: 'To',
    subject: 'Subject',
    template: 'Template',
    lang: 'Language',
    state: 'State',
    attempts: 'Attempts',
    nextAttemptAt: 'Next attempt',
    sentAt: 'Sent',
    lastError: 'Last error',
    messageTitle: 'E-mail no. {id}',
    textVersion: 'Text version',
    backToOutbox: 'Back to e-mails',
    templates: {
      'review-opened': 'Review opened',
      'update-submitted': 'Update submitted',
      'update-returned': 'Update returned',
      'update-validated': 'Update validated',
      'deadline-near': 'Reminder before the deadline',
      'deadline-day': 'Late reminder',
      'weekly-digest': 'Weekly digest',
    } as Record<MailTemplate, string>,
    langs: { fr: 'French', en: 'English' } as Record<Lang, string>,
    settingsLegend: 'E-mails',
    settingsIntro: 'Review notices (opening, update submitted, returned or validated) are always sent to you; reminders and the weekly digest are optional.',
    mailLang: 'Language of e-mails',
    reminders: 'Receive reminders and the weekly digest',
    remindersYes: 'Yes',
    remindersNo: 'No',
    saveSettings: 'Save',
    settingsSaved: 'Your e-mail settings are saved.',
    settingsInvalid: 'Choose the language of your e-mails and say whether you want reminders.',
  },
} satisfies Record<Lang, unknown>;

export type MailTemplate = 'review-opened' | 'update-submitted' | 'update-returned' | 'update-validated' | 'deadline-near' | 'deadline-day' | 'weekly-digest';
export const MAIL_TEMPLATES: readonly MailTemplate[] = [
  'review-opened',
  'update-submitted',
  'update-returned',
  'update-validated',
  'deadline-near',
  'deadline-day',
  'weekly-digest',
];
export type MailLabels = (typeof MAIL_LABELS)['fr'];

/** "Objectif {code}" with `{code}` replaced; unknown placeholders stay as written. */
export function fillNamed(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
