import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock, DomainError, ValidationFailed } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuditRepository, TokensRepository, Transactor, UserRecord, UsersRepository } from '@app/persistence';
import { hashPassword, passwordProblem } from './passwords';
import { hashToken, TokensService } from './tokens.service';

/** Where the link of a reset mail leads: the page that sets the new password. */
export const PASSWORD_RESET_PATH = '/mot-de-passe/nouveau';

/** A reset link as its mail names it. */
export interface PasswordResetLink {
  id: number;
  url: string;
  expiresAt: string;
}

/**
 * Queues the reset mail, in the caller's unit of work (the mail commits with the link or not at all).
 * Provided by the server's mail capability (the outbox); the CLI has none and does not reset by mail.
 */
export interface PasswordResetMail {
  queue(user: UserRecord, link: PasswordResetLink): Promise<void>;
}
export const PASSWORD_RESET_MAIL = Symbol('PASSWORD_RESET_MAIL');

/** A link's secret: 256 random bits, base64url. */
const LINK_SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * Password reset by mail, for people who forgot theirs: a one-time link (256 random bits, of which
 * only a SHA-256 is stored) that expires after PASSWORD_RESET_TTL_MINUTES; asking again replaces the
 * previous link. Setting the new password ends every session and token of the account and lifts a
 * lockout; the second factor stays (a mailbox alone must not get past it).
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensRepository,
    private readonly tokensService: TokensService,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(PASSWORD_RESET_MAIL) private readonly mail?: PasswordResetMail,
  ) {}

  /**
   * Sends a link to the account of this e-mail, if there is an active one. The caller answers the
   * same whatever happened: whether an address has an account is nobody's business.
   */
  async request(email: string): Promise<void> {
    if (!this.mail) throw new Error('Password reset needs the mail capability');
    const user = await this.users.findByEmail(String(email).trim().toLowerCase());
    if (!user || user.disabledAt) return;
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.passwordResetTtlMinutes * 60_000).toISOString();
    await this.tx.run(async () => {
      await this.users.dropPasswordResets(user.id);
      const id = await this.users.insertPasswordReset({ userId: user.id, tokenHash: hashToken(secret), createdAt: now.toISOString(), expiresAt });
      await this.mail!.queue(user, { id, url: `${this.config.publicUrl}${PASSWORD_RESET_PATH}?jeton=${secret}`, expiresAt });
      await this.audit.record({
        at: now.toISOString(),
        userId: null,
        action: 'user.password_reset_request',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: { expiresAt },
      });
    });
  }

  /** Whether a link can still be used (the page asks before showing its form). */
  async isUsable(secret: unknown): Promise<boolean> {
    if (typeof secret !== 'string' || !LINK_SECRET.test(secret)) return false;
    const reset = await this.users.findPasswordReset(hashToken(secret), this.clock.now().toISOString());
    if (!reset) return false;
    const user = await this.users.findById(reset.userId);
    return !!user && !user.disabledAt;
  }

  /**
   * Sets the new password through a link, once. Throws `auth.reset_link_invalid` (410) for a link
   * used, expired, replaced, unknown or of a disabled account, and the password rule's problem.
   */
  async confirm(secret: unknown, password: unknown): Promise<void> {
    const problem = typeof password === 'string' ? passwordProblem(password) : { code: 'validation.required', field: 'password' };
    if (problem) throw new ValidationFailed([problem]);
    if (typeof secret !== 'string' || !LINK_SECRET.test(secret)) throw invalidLink();
    const passwordHash = await hashPassword(password as string);
    await this.tx.run(async () => {
      const now = this.clock.now().toISOString();
      const userId = await this.users.usePasswordReset(hashToken(secret), now);
      const user = userId === undefined ? undefined : await this.users.findById(userId);
      if (!user || user.disabledAt) throw invalidLink(); // rolled back: the link of a disabled account stays unused
      await this.users.update(user.id, { passwordHash });
      await this.users.clearLockout(user.id);
      await this.users.dropPasswordResets(user.id);
      const revoked = await this.tokens.revokeAllForUser(user.id, now);
      await this.audit.record({
        at: now,
        userId: user.id,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: { revokedTokens: revoked },
      });
    });
    // Once committed: a request resolving this person's token meanwhile read it still active.
    this.tokensService.forgetResolved();
  }
}

const invalidLink = () => new DomainError('gone', 'auth.reset_link_invalid');
