import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@app/config';
import type { Lang } from '@app/presentation';

export const SESSION_COOKIE = 'fdr_session';
export const LANG_COOKIE = 'fdr_lang';

/** Session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure behind TLS. */
export function setSessionCookie(req: FastifyRequest, res: FastifyReply, token: string, config: AppConfig): void {
  res.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookies.secure || req.protocol === 'https',
    path: '/',
    // Relative, so the browser's clock decides; the server enforces the session's own expiry anyway.
    maxAge: config.auth.sessionTtlHours * 3_600, // seconds
  });
}

export function clearSessionCookie(res: FastifyReply): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** French by default; ?lang=en switches and is remembered in a cookie. */
export function pageLang(req: FastifyRequest, res: FastifyReply): Lang {
  const lang = (req.query as Record<string, unknown>).lang;
  const asked = typeof lang === 'string' ? lang : undefined;
  if (asked === 'fr' || asked === 'en') {
    res.setCookie(LANG_COOKIE, asked, { sameSite: 'lax', path: '/', maxAge: 365 * 86_400, httpOnly: true });
    return asked;
  }
  return req.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'fr';
}
