import { Injectable } from '@nestjs/common';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { changedRows, Database } from '../database';
import { preparedQuery } from '../prepared';

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
  /** findActive's query, prepared on first use (see preparedQuery). */
  private readonly active;

  constructor(private readonly database: Database) {
    this.active = preparedQuery(database, 'tokens_active', (db, t) =>
      db
        .select(this.columns())
        .from(t.authTokens)
        .where(
          and(eq(t.authTokens.tokenHash, sql.placeholder('tokenHash')), isNull(t.authTokens.revokedAt), gt(t.authTokens.expiresAt, sql.placeholder('now'))),
        ),
    );
  }

  /** Every column but the hash of the secret, which never leaves this repository. */
  private columns() {
    const { t } = this.database;
    return {
      id: t.authTokens.id,
      userId: t.authTokens.userId,
      kind: t.authTokens.kind,
      name: t.authTokens.name,
      createdAt: t.authTokens.createdAt,
      expiresAt: t.authTokens.expiresAt,
      revokedAt: t.authTokens.revokedAt,
      lastUsedAt: t.authTokens.lastUsedAt,
    };
  }

  async insert(token: Omit<TokenRecord, 'id' | 'revokedAt' | 'lastUsedAt'> & { tokenHash: string }): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.authTokens).values(token).returning({ id: t.authTokens.id });
    return row.id;
  }

  /** A token that exists, is not revoked and has not expired at `now` (every authenticated request: one indexed lookup). */
  async findActive(tokenHash: string, now: string): Promise<TokenRecord | undefined> {
    // token_hash is unique: one row at most.
    const [row] = await this.active({ tokenHash, now });
    return row;
  }

  async findById(id: number): Promise<TokenRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select(this.columns()).from(t.authTokens).where(eq(t.authTokens.id, id)).limit(1);
    return row;
  }

  async listForUser(userId: number): Promise<TokenRecord[]> {
    const { db, t } = this.database;
    return await db
      .select(this.columns())
      .from(t.authTokens)
      .where(eq(t.authTokens.userId, userId))
      .orderBy(desc(t.authTokens.createdAt), desc(t.authTokens.id));
  }

  async touch(id: number, at: string): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.authTokens).set({ lastUsedAt: at }).where(eq(t.authTokens.id, id));
  }

  async revoke(id: number, at: string): Promise<boolean> {
    const { db, t } = this.database;
    const result = await db
      .update(t.authTokens)
      .set({ revokedAt: at })
      .where(and(eq(t.authTokens.id, id), isNull(t.authTokens.revokedAt)));
    return changedRows(result) > 0;
  }

  async revokeAllForUser(userId: number, at: string): Promise<number> {
    const { db, t } = this.database;
    const result = await db
      .update(t.authTokens)
      .set({ revokedAt: at })
      .where(and(eq(t.authTokens.userId, userId), isNull(t.authTokens.revokedAt)));
    return changedRows(result);
  }
}
