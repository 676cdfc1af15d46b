import type { Request, Response } from 'express';
import type { AppConfig } from '@app/config';
import type { Lang } from '@app/reports';

export const SESSION_COOKIE = 'fdr_session';
export const LANG_COOKIE = 'fdr_lang';

/** Session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure behind TLS. */
export function setSessionCookie(req: Request, res: Response, token: string, config: AppConfig): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookies.secure || req.secure,
    path: '/',
    // Relative, so the browser's clock decides; the server enforces the session's own expiry anyway.
    maxAge: config.auth.sessionTtlHours * 3_600_000,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** French by default; ?lang=en switches and is remembered in a cookie. */
export function pageLang(req: Request, res: Response): Lang {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked === 'fr' || asked === 'en') {
    res.cookie(LANG_COOKIE, asked, { sameSite: 'lax', path: '/', maxAge: 365 * 86_400_000, httpOnly: true });
    return asked;
  }
  return req.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'fr';
}
