import type { Message } from './catalogue';

/**
 * Messages of the periodic review (periods, objectives' updates, validation), by code, in French and
 * English; spread into the catalogue. Same conventions as catalogue.ts.
 */
export const REVIEW_MESSAGES = {
  // ── Opening a review period ─────────────────────────────────────────────────────────────────────
  'review.period_not_started': {
    fr: 'la période {period} n’a pas encore commencé (elle commence le {start}) : on ne passe en revue qu’une période commencée.',
    en: 'period {period} has not started yet (it starts on {start}): only a period that has started can be reviewed.',
  },
  'review.deadline_before_end': {
    fr: 'la date limite de collecte doit tomber après la fin de la période ({end}).',
    en: 'the collection deadline must fall after the end of the period ({end}).',
  },
  'review.deadline_past': {
    fr: 'la date limite de collecte est déjà passée (nous sommes le {today}).',
    en: 'the collection deadline has already passed (today is {today}).',
  },
  'review.period_already_open': {
    fr: 'La revue de la période {period} est déjà ouverte (date limite : {deadline}) : modifiez sa date limite plutôt que de la rouvrir.',
    en: 'The review of period {period} is already open (deadline: {deadline}): change its deadline instead of opening it again.',
  },
  'review.period_already_closed': {
    fr: 'La revue de la période {period} a déjà été close et publiée : elle ne se rouvre pas (son rapport officiel est archivé).',
    en: 'The review of period {period} was already closed and published: it cannot be opened again (its official report is archived).',
  },
  'review.period_closed': {
    fr: 'La revue de la période {period} est close : ses points de situation ne changent plus (ils sont publiés).',
    en: 'The review of period {period} is closed: its updates no longer change (they are published).',
  },
  'not_found.review_period': {
    fr: 'Aucune revue n’est ouverte pour la période « {period} » (GET /api/v1/reviews liste les revues).',
    en: 'No review is open for period "{period}" (GET /api/v1/reviews lists the reviews).',
  },

  // ── An objective's update ───────────────────────────────────────────────────────────────────────
  'review.confidence_required': {
    fr: 'choisissez une appréciation (maîtrisé, à surveiller, en difficulté ou compromis) avant de transmettre.',
    en: 'choose a confidence rating (secured, watch, difficulties or compromised) before submitting.',
  },
  'review.progress_required': {
    fr: 'dites en quelques lignes ce qui a avancé avant de transmettre.',
    en: 'say in a few lines what progress was made before submitting.',
  },
  'review.not_lead_body_editor': {
    fr: 'Le point de situation de l’objectif {objective} est rédigé par son pilote, {leadBody} : il faut être rédacteur pour {leadBody} (ou administrateur).',
    en: 'The update of objective {objective} is written by its lead body, {leadBody}: you must be an editor for {leadBody} (or an administrator).',
  },
  'review.territorial_editor': {
    fr: 'Le point de situation de l’objectif {objective} est national : il est rédigé par un rédacteur de {leadBody} non limité à un territoire (ou un administrateur). Vous saisissez pour un territoire.',
    en: 'The update of objective {objective} is national: it is written by an editor for {leadBody} not limited to a territory (or an administrator). You record for a territory.',
  },
  'review.submitted_not_editable': {
    fr: 'Le point de situation de l’objectif {objective} est transmis et attend sa validation : il ne se modifie plus, sauf s’il vous est renvoyé.',
    en: 'The update of objective {objective} is submitted and awaits validation: it can no longer be edited unless it is returned to you.',
  },
  'review.locked_needs_reason': {
    fr: 'Le point de situation de l’objectif {objective} est validé : pour le modifier, donnez le motif de la révision (champ « reason ») ; il sera marqué « révisé après validation ».',
    en: 'The update of objective {objective} is validated: to change it, give the reason for the revision (field "reason"); it will be marked "revised after validation".',
  },
  'review.value_locked_needs_reason': {
    fr: 'La valeur du {date} appartient à la période {period}, dont le point de situation de l’objectif {objective} est validé : donnez le motif de la révision (champ « reason »).',
    en: 'The value of {date} belongs to period {period}, whose update of objective {objective} is validated: give the reason for the revision (field "reason").',
  },
  'review.nothing_to_submit': {
    fr: 'Aucun point de situation n’est enregistré pour l’objectif {objective} : enregistrez d’abord un brouillon.',
    en: 'No update is saved for objective {objective}: save a draft first.',
  },
  'review.already_submitted': {
    fr: 'Le point de situation de l’objectif {objective} est déjà transmis : il attend sa validation.',
    en: 'The update of objective {objective} is already submitted: it awaits validation.',
  },
  'review.already_validated': {
    fr: 'Le point de situation de l’objectif {objective} est déjà validé.',
    en: 'The update of objective {objective} is already validated.',
  },
  'review.validator_role_required': {
    fr: 'Valider ou renvoyer un point de situation est réservé aux validateurs et aux administrateurs ; votre rôle est « {role} ».',
    en: 'Validating or returning an update is for validators and administrators; your role is "{role}".',
  },
  'review.cannot_validate_own': {
    fr: 'Vous avez rédigé ou transmis le point de situation de l’objectif {objective} : un autre validateur doit le valider ou le renvoyer.',
    en: 'You wrote or submitted the update of objective {objective}: another validator must validate or return it.',
  },
  'review.validate_needs_submitted': {
    fr: 'Seul un point de situation transmis se valide ; celui de l’objectif {objective} est « {state} » : attendez que son pilote le transmette.',
    en: 'Only a submitted update can be validated; the update of objective {objective} is "{state}": wait for its lead body to submit it.',
  },
  'review.return_needs_submitted': {
    fr: 'Seul un point de situation transmis se renvoie ; celui de l’objectif {objective} est « {state} ».',
    en: 'Only a submitted update can be returned; the update of objective {objective} is "{state}".',
  },
  'review.not_contributing_body': {
    fr: 'Seuls les rédacteurs d’un organisme contributeur de l’objectif {objective} ({bodies}) y ajoutent une contribution.',
    en: 'Only editors of a body contributing to objective {objective} ({bodies}) add a contribution to it.',
  },
  'review.stale_version': {
    fr: 'Le point de situation de l’objectif {objective} a été modifié entre-temps (version {current}, vous modifiiez la version {version}) : rechargez-le et reportez vos changements.',
    en: 'The update of objective {objective} was changed in the meantime (version {current}, you were editing version {version}): reload it and apply your changes again.',
  },
  'review.close_needs_validation': {
    fr: '{count|un point de situation n’est pas validé|{count} points de situation ne sont pas validés} ({missing}) : validez-les, ou clôturez quand même (en cochant « clôturer quand même », ou « force » à true dans l’API) et le rapport les listera comme manquants.',
    en: '{count|one update is not validated|{count} updates are not validated} ({missing}): validate them, or close anyway ("force": true) and the report will list them as missing.',
  },
} satisfies Record<string, Message>;
