import type { Message } from './catalogue';

/** Messages of Sign-in through ProConnect (OpenID Connect), by code, in French and English; spread into the catalogue. Same conventions as catalogue.ts. */
export const SIGN_IN_MESSAGES = {} satisfies Record<string, Message>;
