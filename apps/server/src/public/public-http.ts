import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * How long browsers and proxies may keep the public answers, in seconds. Pages and data follow the
 * last published period, so they are kept briefly (a new publication shows within a minute); a
 * published period's files never change.
 */
export const PUBLIC_MAX_AGE = { data: 60, file: 86_400 } as const;

/** Anyone may keep this answer (no sign-in, no personal data): shared caches too. */
export function publicCache(res: FastifyReply, maxAge: number): void {
  res.header('Cache-Control', `public, max-age=${maxAge}`);
}

/**
 * A public page: its language comes from `?lang=` or the language cookie, so shared caches keep one
 * copy per cookie; a page asked with `?lang=` sets that cookie, so it is not shared at all.
 */
export function publicPageCache(req: FastifyRequest, res: FastifyReply): void {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  const settingCookie = lang === 'fr' || lang === 'en';
  res.header('Cache-Control', `${settingCookie ? 'private' : 'public'}, max-age=${PUBLIC_MAX_AGE.data}`);
  res.header('Vary', 'Cookie, Accept-Language');
}
