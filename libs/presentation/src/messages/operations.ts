import type { Message } from './catalogue';

/** Messages of Operations: metrics, readiness, packaging, backups, by code, in French and English; spread into the catalogue. Same conventions as catalogue.ts. */
export const OPERATIONS_MESSAGES = {} satisfies Record<string, Message>;
