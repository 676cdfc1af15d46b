import { DrizzleQueryError } from 'drizzle-orm/errors';
import { DomainError } from '@app/common';
import { Lang, localizeError, renderMessage } from '@app/presentation';

/** The operator's language, from the locale (LC_ALL, LC_MESSAGES, LANG): French when it says so, English otherwise. */
export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr/i.test(locale) ? 'fr' : 'en';
}

/**
 * What the CLI prints for an error: a domain error in the operator's language, from the same
 * catalogue as the API and the pages (one problem per line when there are several); anything else
 * as its message.
 */
export function cliMessage(err: unknown, lang: Lang = cliLang()): string {
  // A failed query's own message is its SQL; what went wrong (a refused login, a server out of reach) is its cause.
  if (err instanceof DrizzleQueryError && err.cause) return err.cause.message;
  if (!(err instanceof DomainError)) return (err as Error)?.message ?? String(err);
  const { message, errors } = localizeError(err, lang);
  if (errors.length <= 1) return message;
  return [renderMessage(err.code, err.params, lang), ...errors.map((e) => `- ${e.message}`)].join('\n');
}
