import type { Message } from './catalogue';

/** Messages of the mail capability (the outbox), by code, in French and English; spread into the catalogue. */
export const MAIL_MESSAGES = {
  'not_found.outbox_message': {
    fr: 'Aucun courriel n’a l’identifiant {id} (GET /api/v1/outbox les liste).',
    en: 'No e-mail has id {id} (GET /api/v1/outbox lists them).',
  },
} satisfies Record<string, Message>;
