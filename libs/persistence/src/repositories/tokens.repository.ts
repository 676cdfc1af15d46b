import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { and, desc, eq, isNull } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE, SQLITE } from '../tokens';

export type TokenKind = 'session' | 'api' | 'web';
export interface TokenRecord {
  id: number;
  userId: number;
  kind: TokenKind;
  name: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

@Injectable()
export class TokensRepository {
  /** The per-request lookups (every authenticated call) use prepared statements. */
  private readonly stmts;

  constructor(
    @Inject(DRIZZLE) private readonly db: Db,
    @Inject(SQLITE) sqlite: Database.Database,
  ) {
    this.stmts = {
      active: sqlite.prepare(
        `SELECT id, user_id AS userId, kind, name, created_at AS createdAt, expires_at AS expiresAt, revoked_at AS revokedAt, last_used_at AS lastUsedAt
         FROM auth_tokens WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`,
      ),
      touch: sqlite.prepare('UPDATE auth_tokens SET last_used_at = ? WHERE id = ?'),
    };
  }

  insert(token: Omit<TokenRecord, 'id' | 'revokedAt' | 'lastUsedAt'> & { tokenHash: string }): number {
    return this.db.insert(t.authTokens).values(token).returning({ id: t.authTokens.id }).get().id;
  }

  /** A token that exists, is not revoked and has not expired at `now`. */
  findActive(tokenHash: string, now: string): TokenRecord | undefined {
    return this.stmts.active.get(tokenHash, now) as TokenRecord | undefined;
  }

  findById(id: number): TokenRecord | undefined {
    const row = this.db.select().from(t.authTokens).where(eq(t.authTokens.id, id)).get();
    if (!row) return undefined;
    const { tokenHash: _hash, ...token } = row;
    return token;
  }

  listForUser(userId: number): TokenRecord[] {
    return this.db
      .select()
      .from(t.authTokens)
      .where(eq(t.authTokens.userId, userId))
      .orderBy(desc(t.authTokens.createdAt))
      .all()
      .map(({ tokenHash: _hash, ...token }) => token);
  }

  touch(id: number, at: string): void {
    this.stmts.touch.run(at, id);
  }

  revoke(id: number, at: string): boolean {
    return (
      this.db
        .update(t.authTokens)
        .set({ revokedAt: at })
        .where(and(eq(t.authTokens.id, id), isNull(t.authTokens.revokedAt)))
        .run().changes > 0
    );
  }

  revokeAllForUser(userId: number, at: string): number {
    return this.db
      .update(t.authTokens)
      .set({ revokedAt: at })
      .where(and(eq(t.authTokens.userId, userId), isNull(t.authTokens.revokedAt)))
      .run().changes;
  }
}
