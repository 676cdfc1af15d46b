import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

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
  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  insert(token: Omit<TokenRecord, 'id' | 'revokedAt' | 'lastUsedAt'> & { tokenHash: string }): number {
    return this.db.insert(t.authTokens).values(token).returning({ id: t.authTokens.id }).get().id;
  }

  /** A token that exists, is not revoked and has not expired at `now`. */
  findActive(tokenHash: string, now: string): TokenRecord | undefined {
    return this.db
      .select({
        id: t.authTokens.id,
        userId: t.authTokens.userId,
        kind: t.authTokens.kind,
        name: t.authTokens.name,
        createdAt: t.authTokens.createdAt,
        expiresAt: t.authTokens.expiresAt,
        revokedAt: t.authTokens.revokedAt,
        lastUsedAt: t.authTokens.lastUsedAt,
      })
      .from(t.authTokens)
      .where(and(eq(t.authTokens.tokenHash, tokenHash), isNull(t.authTokens.revokedAt), gt(t.authTokens.expiresAt, now)))
      .get();
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
    this.db.update(t.authTokens).set({ lastUsedAt: at }).where(eq(t.authTokens.id, id)).run();
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
