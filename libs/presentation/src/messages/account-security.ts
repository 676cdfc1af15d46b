import type { Message } from './catalogue';

/** Messages of Local accounts' security: second factor (TOTP), lockout, password reset, by code, in French and English; spread into the catalogue. Same conventions as catalogue.ts. */
export const ACCOUNT_SECURITY_MESSAGES = {} satisfies Record<string, Message>;
