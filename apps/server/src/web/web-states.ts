import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from '@app/common';
import { WebStatesRepository } from '@app/persistence';

/**
 * What the pages keep between two requests; each is also the prefix of its keys, so no two share a key.
 * `oidc-login`: a ProConnect sign-in's state, nonce and PKCE verifier; `second-factor`: a password
 * checked, its TOTP code awaited; `totp-enrolment`: a secret shown, not yet confirmed.
 */
export type WebStatePurpose = 'import' | 'password' | 'report-form' | 'csrf' | 'oidc-login' | 'second-factor' | 'totp-enrolment';

/**
 * What a page keeps from one request to the next (a checked file, a password shown once, a form's
 * one-time key), kept in the database rather than in this process: behind a load balancer, the next
 * request may reach another instance. Expiry follows the application's clock.
 */
@Injectable()
export class WebStates {
  constructor(
    private readonly states: WebStatesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Keeps a value for `ttlMs` under a new random key, which it returns. `max` bounds how many states
   * of this purpose are kept (the ones expiring first go).
   */
  async keep(purpose: WebStatePurpose, userId: number | null, value: unknown, ttlMs: number, max?: number): Promise<string> {
    const key = randomBytes(24).toString('base64url');
    if (max) await this.states.trim(purpose, max - 1);
    await this.put(purpose, key, userId, value, ttlMs);
    return key;
  }

  /** Stores a value under a key of the caller's, for `ttlMs`, replacing what it held. Expired states go on the way. */
  async put(purpose: WebStatePurpose, key: string, userId: number | null, value: unknown, ttlMs: number): Promise<void> {
    await this.states.pruneExpired(this.now());
    await this.states.put(stored(purpose, key), purpose, userId, value, this.until(ttlMs));
  }

  /** Takes a key unless another request holds it (see WebStatesRepository.claim): true when this one did. */
  claim(purpose: WebStatePurpose, key: string, userId: number | null, value: unknown, ttlMs: number): Promise<boolean> {
    return this.states.claim(stored(purpose, key), purpose, userId, value, this.until(ttlMs), this.now());
  }

  /** The value, if it has not expired (and, with `userId`, if it is that user's). */
  get<V>(purpose: WebStatePurpose, key: string, userId?: number): Promise<V | undefined> {
    return this.states.get<V>(stored(purpose, key), purpose, this.now(), userId);
  }

  /** The value, removed: it is read once only, whichever instance asks. */
  take<V>(purpose: WebStatePurpose, key: string, userId?: number): Promise<V | undefined> {
    return this.states.take<V>(stored(purpose, key), purpose, this.now(), userId);
  }

  drop(purpose: WebStatePurpose, key: string): Promise<void> {
    return this.states.drop(stored(purpose, key), purpose);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private until(ttlMs: number): string {
    return new Date(this.clock.now().getTime() + ttlMs).toISOString();
  }
}

const stored = (purpose: WebStatePurpose, key: string) => `${purpose}:${key}`;
