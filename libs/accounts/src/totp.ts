import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { Clock } from '@app/common';
import { WebStatesRepository } from '@app/persistence';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 s steps. */
export const TOTP_PERIOD_S = 30;
/** Codes one step before or after the server's are accepted: phones' clocks drift. */
const TOLERANCE_S = TOTP_PERIOD_S;
/** How the account is named in the authenticator app. */
export const TOTP_ISSUER = 'Feuille de route';
/** The purpose of the web states that mark a step's code as used (kept until the step can no longer be accepted). */
const USED_STEP = 'totp-used';

/** A new secret: 160 random bits, Base32 (what authenticator apps take). */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The otpauth:// URI the QR code carries. */
export const totpUri = (secret: string, email: string): string => generateURI({ issuer: TOTP_ISSUER, label: email, secret });

/** The secret as people type it when they cannot scan: groups of four. */
export const groupedSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Only six digits are a code; spaces people type between groups are dropped. */
export const cleanCode = (code: unknown): string | null => {
  const digits = typeof code === 'string' ? code.replace(/\s+/g, '') : '';
  return /^\d{6}$/.test(digits) ? digits : null;
};

/** The time step a code matches at `now` (±1 step), or null. Pure: no memory of codes used. */
export async function matchingStep(secret: string, code: string, now: Date): Promise<number | null> {
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOLERANCE_S });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * Checks second-factor codes, each usable once: the step a code matched is claimed in the database
 * (web_states, one row per account and step, kept until the step is out of the window), so that a
 * code seen over someone's shoulder or replayed from a log is refused, by whichever instance.
 */
@Injectable()
export class TotpCodes {
  constructor(
    private readonly states: WebStatesRepository,
    private readonly clock: Clock,
  ) {}

  /** True when the code is right now and was not used before; uses it. */
  async use(userId: number, secret: string, code: unknown): Promise<boolean> {
    const digits = cleanCode(code);
    if (!digits) return false;
    const now = this.clock.now();
    const step = await matchingStep(secret, digits, now);
    if (step === null) return false;
    // The step stays claimed until it can no longer be accepted: its end plus the tolerance.
    const until = new Date((step + 1) * TOTP_PERIOD_S * 1000 + TOLERANCE_S * 1000 + 1000).toISOString();
    await this.states.pruneExpired(now.toISOString());
    return this.states.claim(`${USED_STEP}:${userId}:${step}`, USED_STEP, userId, step, until, now.toISOString());
  }
}
