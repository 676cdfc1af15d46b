import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from '@app/accounts';
import { Forbidden, Unauthorized } from '@app/common';

/**
 * Who may read /metrics: whoever sends `Authorization: Bearer <METRICS_TOKEN>` (Prometheus), or an
 * administrator's token (the guard has resolved it into `principal`). Never anyone else, whatever
 * PUBLIC_READ says: the figures describe the service, not the roadmap. Throws the refusal (401 without
 * or with a wrong token, 403 for a signed-in person who is not an administrator).
 */
export function checkMetricsAccess(authorization: string | undefined, principal: Principal | undefined, metricsToken: string | undefined): void {
  const token = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  if (!authorization) throw new Unauthorized('metrics.token_required');
  if (token && metricsToken && sameSecret(token, metricsToken)) return;
  if (!principal) throw new Unauthorized('metrics.token_invalid');
  if (principal.role !== 'admin') throw new Forbidden('metrics.admin_required', { role: principal.role });
}

/** Compares in constant time: both sides are hashed first, so neither their length nor their bytes leak through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
