import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, Forbidden, NotFound } from '@app/common';
import { AuditRepository, TokenKind, TokenRecord, TokensRepository, Transactor, UsersRepository } from '@app/persistence';
import type { Principal } from './principal';

const PREFIX: Record<TokenKind, string> = { session: 'fdr_s_', api: 'fdr_p_', web: 'fdr_w_' };
const HOUR = 3_600_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  token: string;
  record: TokenRecord;
}

/**
 * Bearer tokens (from login), personal API tokens (for automated feeds) and web sessions. The secret
 * is shown once; only its SHA-256 is stored, so a leaked database does not leak usable tokens.
 */
/**
 * How long a resolved token is trusted without asking the database again. Revocations and account
 * changes made through this server clear the cache at once; made by another process (the CLI),
 * they take effect within this delay.
 */
export const PRINCIPAL_CACHE_MS = 2_000;

@Injectable()
export class TokensService {
  /** Keyed by the presented token itself: a hit costs no hashing (this runs on every request). */
  private readonly principals = new Map<string, { principal: Principal; until: number }>();
  /**
   * Moves on each forgetResolved(): a resolution that read the database before a revocation or an
   * account change committed, and finishes after it, must not put what it read back in the cache.
   */
  private generation = 0;

  constructor(
    private readonly tokens: TokensRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(userId: number, kind: TokenKind, options: { name?: string; expiresInDays?: number } = {}): Promise<IssuedToken> {
    const now = this.clock.now();
    const ttlMs =
      kind === 'session'
        ? this.config.auth.tokenTtlHours * HOUR
        : kind === 'web'
          ? this.config.auth.sessionTtlHours * HOUR
          : Math.min(options.expiresInDays ?? 90, this.config.auth.apiTokenMaxDays) * 24 * HOUR;
    const token = PREFIX[kind] + randomBytes(32).toString('base64url');
    return this.tx.run(async () => {
      const id = await this.tokens.insert({
        userId,
        kind,
        name: options.name ?? null,
        tokenHash: hashToken(token),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      });
      const record = (await this.tokens.findById(id))!;
      await this.audit.record({
        at: now.toISOString(),
        userId,
        action: `token.issue`,
        entityType: 'token',
        entityId: id,
        before: null,
        after: { kind, name: record.name, expiresAt: record.expiresAt },
      });
      return { token, record };
    });
  }

  /** The principal behind a presented token, or null when it is unknown, revoked, expired or its user disabled. */
  async resolve(token: string): Promise<Principal | null> {
    const now = this.clock.now();
    const cached = this.principals.get(token);
    if (cached && cached.until > now.getTime()) return cached.principal;
    if (!/^fdr_[spw]_[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const generation = this.generation;
    const hash = hashToken(token);
    const record = await this.tokens.findActive(hash, now.toISOString());
    if (!record) return null;
    const user = await this.users.findById(record.userId);
    if (!user || user.disabledAt) return null;
    // Recording every use would turn each read into a write; once a minute is enough to see activity.
    if (!record.lastUsedAt || now.getTime() - Date.parse(record.lastUsedAt) > 60_000) {
      await this.tokens.touch(record.id, now.toISOString());
    }
    const principal: Principal = {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      bodies: user.bodies,
      scope: user.scopeLevel && user.scopeCode ? { level: user.scopeLevel, code: user.scopeCode } : null,
      tokenId: record.id,
      tokenKind: record.kind,
    };
    if (generation !== this.generation) return principal;
    if (this.principals.size > 10_000) this.principals.clear();
    // Trusted for PRINCIPAL_CACHE_MS, never past the token's own expiry.
    this.principals.set(token, { principal, until: Math.min(now.getTime() + PRINCIPAL_CACHE_MS, Date.parse(record.expiresAt)) });
    return principal;
  }

  /** Forget every resolved token: after a revocation or an account change. */
  forgetResolved(): void {
    this.generation++;
    this.principals.clear();
  }

  listFor(userId: number): Promise<TokenRecord[]> {
    return this.tokens.listForUser(userId);
  }

  /** Revokes a token: its owner may, and an administrator may revoke anyone's. */
  async revoke(tokenId: number, actor: Pick<Principal, 'userId' | 'role'>): Promise<TokenRecord> {
    const record = await this.tokens.findById(tokenId);
    if (!record) throw new NotFound('not_found.token', { id: String(tokenId) });
    if (record.userId !== actor.userId && actor.role !== 'admin') throw new Forbidden('permission.own_tokens_only');
    const after = await this.tx.run(async () => {
      const at = this.clock.now().toISOString();
      await this.tokens.revoke(tokenId, at);
      const revoked = (await this.tokens.findById(tokenId))!;
      await this.audit.record({ at, userId: actor.userId, action: 'token.revoke', entityType: 'token', entityId: tokenId, before: record, after: revoked });
      return revoked;
    });
    // Once the revocation is committed: a request resolving the token meanwhile read it still active.
    this.forgetResolved();
    return after;
  }
}
