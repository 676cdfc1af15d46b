import { Inject, Injectable } from '@nestjs/common';
import { Clock, Forbidden, NotFound, Unauthorized } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuditRepository, Transactor, UserRecord, UsersRepository } from '@app/persistence';
import { isLocked, lockoutEnd, lockoutParams, LockoutPolicy } from './lockout';
import { verifyPassword } from './passwords';
import { SecretBox } from './secret-box';
import { TotpCodes } from './totp';
import { timingDummyHash } from './users.service';

/** The audit actions of a second factor turned off by its owner, or removed by an administrator. */
const DROPPED = { disabled: 'user.totp_disable', removed: 'user.totp_remove' };

/**
 * Where a sign-in with a right password stands: done (a session may be issued), waiting for the
 * second factor's code, or (REQUIRE_MFA) an administrator who must enrol a second factor first.
 */
export type SignInStep = { step: 'done'; user: UserRecord } | { step: 'second-factor'; user: UserRecord } | { step: 'enrol'; user: UserRecord };

/**
 * Signing in with a local account: the password, then the TOTP code when the account has a second
 * factor, with a temporary lockout after LOGIN_LOCKOUT_ATTEMPTS failures in a row (wrong passwords
 * and wrong codes alike), kept in the users table so that it holds across instances. An unknown or
 * disabled e-mail gets the same refusal as a wrong password, after the same argon2 work.
 */
@Injectable()
export class SignInService {
  private readonly policy: LockoutPolicy;

  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly codes: TotpCodes,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.policy = { attempts: config.auth.lockoutAttempts, minutes: config.auth.lockoutMinutes };
  }

  /**
   * Checks the password (and `otp`, when given and the account has a second factor). Throws
   * `auth.wrong_credentials`, `auth.locked` or `auth.otp_invalid`; a wrong password or code counts
   * toward the lockout. A right password alone never resets the count: only a finished sign-in does.
   */
  async checkPassword(email: string, password: string, otp?: string): Promise<SignInStep> {
    const user = await this.users.findByEmail(email.trim().toLowerCase());
    if (!user || user.disabledAt) {
      await verifyPassword(await timingDummyHash(), password);
      throw new Unauthorized('auth.wrong_credentials');
    }
    const passwordOk = await verifyPassword(user.passwordHash, password); // verified even when locked: same time either way
    this.refuseIfLocked(user);
    if (!passwordOk) return this.fail(user, 'auth.wrong_credentials');
    if (user.totpSecret) {
      if (otp === undefined) return { step: 'second-factor', user };
      return { step: 'done', user: await this.finishWithCode(user, otp) };
    }
    if (this.mustEnrol(user)) return { step: 'enrol', user };
    await this.succeeded(user);
    return { step: 'done', user };
  }

  /** The second step of a sign-in whose password was right: the code of the account's second factor. */
  async checkSecondFactor(userId: number, otp: string): Promise<UserRecord> {
    const user = await this.activeUser(userId);
    this.refuseIfLocked(user);
    if (!user.totpSecret) throw new Unauthorized('auth.wrong_credentials');
    return this.finishWithCode(user, otp);
  }

  /** The second step for an administrator who must enrol (REQUIRE_MFA): a code of the new secret, which is then kept. */
  async enrolAtSignIn(userId: number, secret: string, otp: string): Promise<UserRecord> {
    const user = await this.activeUser(userId);
    this.refuseIfLocked(user);
    if (!(await this.codes.use(user.id, secret, otp))) return this.fail(user, 'auth.otp_invalid');
    await this.keepSecondFactor(user.id, secret, user.id);
    await this.succeeded(user);
    return user;
  }

  /** The account a sign-in waiting for its second step belongs to, if it may still sign in. */
  async pendingAccount(userId: number): Promise<UserRecord | undefined> {
    const user = await this.users.findById(userId);
    return user && !user.disabledAt ? user : undefined;
  }

  /** Whether REQUIRE_MFA asks this account for a second factor it does not have. */
  mustEnrol(user: Pick<UserRecord, 'role' | 'totpSecret'>): boolean {
    return this.config.auth.requireMfa && user.role === 'admin' && !user.totpSecret;
  }

  /** One's own second factor, confirmed by a code of the new secret (false when the code is wrong). */
  async enableSecondFactor(userId: number, secret: string, otp: string): Promise<boolean> {
    if (!(await this.codes.use(userId, secret, otp))) return false;
    await this.keepSecondFactor(userId, secret, userId);
    return true;
  }

  /** Turns one's own second factor off, on a current code (false when the code is wrong). */
  async disableSecondFactor(userId: number, otp: string): Promise<boolean> {
    const user = await this.activeUser(userId);
    const secret = user.totpSecret && (await this.box.open(user.totpSecret));
    if (!secret || !(await this.codes.use(user.id, secret, otp))) return false;
    await this.dropSecondFactor(user, userId, 'disabled');
    return true;
  }

  /** An administrator removes someone's second factor (a lost phone); they enrol again at will. */
  async removeSecondFactor(userId: number, actorId: number): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFound('not_found.user', { id: String(userId) });
    if (user.totpSecret) await this.dropSecondFactor(user, actorId, 'removed');
  }

  /** An administrator lifts a lockout before it ends. */
  async unlock(userId: number, actorId: number): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFound('not_found.user', { id: String(userId) });
    await this.tx.run(async () => {
      await this.users.clearLockout(userId);
      await this.record(
        actorId,
        'user.unlock',
        userId,
        { lockedUntil: user.lockedUntil, failedLogins: user.failedLogins },
        { lockedUntil: null, failedLogins: 0 },
      );
    });
  }

  /** The API's refusal of an administrator without a second factor under REQUIRE_MFA: what to do, and where. */
  enrolmentRequired(): Forbidden {
    return new Forbidden('auth.mfa_enrolment_required', { url: `${this.config.publicUrl}/login` });
  }

  private async finishWithCode(user: UserRecord, otp: string): Promise<UserRecord> {
    const secret = await this.box.open(user.totpSecret!);
    if (!secret || !(await this.codes.use(user.id, secret, otp))) return this.fail(user, 'auth.otp_invalid');
    await this.succeeded(user);
    return user;
  }

  private refuseIfLocked(user: UserRecord): void {
    if (isLocked(user, this.clock.now())) throw new Unauthorized('auth.locked', lockoutParams(user.lockedUntil!, this.policy, this.config.timezone));
  }

  /** Counts a failure (maybe locking the account, audited) and throws the refusal. */
  private async fail(user: UserRecord, code: string): Promise<never> {
    const now = this.clock.now();
    const lockedUntil = await this.tx.run(async () => {
      const after = await this.users.countFailedSignIn(user.id, this.policy.attempts, lockoutEnd(now, this.policy));
      if (after.lockedUntil) await this.record(null, 'user.lock', user.id, { lockedUntil: user.lockedUntil }, after);
      return after.lockedUntil;
    });
    if (lockedUntil) throw new Unauthorized('auth.locked', lockoutParams(lockedUntil, this.policy, this.config.timezone));
    throw new Unauthorized(code);
  }

  private async succeeded(user: UserRecord): Promise<void> {
    await this.users.recordSignIn(user.id, this.clock.now().toISOString());
  }

  private async activeUser(userId: number): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user || user.disabledAt) throw new Unauthorized('auth.wrong_credentials');
    return user;
  }

  private async keepSecondFactor(userId: number, secret: string, actorId: number): Promise<void> {
    const sealed = await this.box.seal(secret);
    const at = this.clock.now().toISOString();
    await this.tx.run(async () => {
      await this.users.setTotp(userId, sealed, at);
      await this.record(actorId, 'user.totp_enable', userId, { totpEnabledAt: null }, { totpEnabledAt: at });
    });
  }

  /** Turned off by its owner, or removed by an administrator: two audit actions. */
  private async dropSecondFactor(user: UserRecord, actorId: number, how: 'disabled' | 'removed'): Promise<void> {
    await this.tx.run(async () => {
      await this.users.setTotp(user.id, null, null);
      await this.record(actorId, DROPPED[how], user.id, { totpEnabledAt: user.totpEnabledAt }, { totpEnabledAt: null });
    });
  }

  private record(actorId: number | null, action: string, userId: number, before: unknown, after: unknown): Promise<void> {
    const at = this.clock.now().toISOString();
    return this.audit.record({ at, userId: actorId, action, entityType: 'user', entityId: userId, before, after });
  }
}
