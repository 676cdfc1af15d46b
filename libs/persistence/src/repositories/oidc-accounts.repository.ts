import { Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { changedRows, Database } from '../database';
import type { Role } from './users.repository';

/** An account as the provider sign-in sees it. */
export interface OidcAccountRecord {
  id: number;
  email: string;
  disabledAt: string | null;
  oidcSubject: string | null;
}

/** A new account opened by a first provider sign-in. */
export interface NewOidcAccount {
  email: string;
  name: string;
  role: Role;
  /** A hash of a password nobody knows: the account signs in through the provider until an admin sets one. */
  passwordHash: string;
  oidcSubject: string;
  createdAt: string;
}

/**
 * The users' columns that sign-in through the identity provider (ProConnect) reads and writes: the
 * e-mail accounts match on, the provider subject bound at the first sign-in, the last sign-in.
 */
@Injectable()
export class OidcAccountsRepository {
  constructor(private readonly database: Database) {}

  async findByEmail(email: string): Promise<OidcAccountRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select(this.columns()).from(t.users).where(eq(t.users.email, email.toLowerCase())).limit(1);
    return row;
  }

  async findBySubject(subject: string): Promise<OidcAccountRecord | undefined> {
    const { db, t } = this.database;
    const [row] = await db.select(this.columns()).from(t.users).where(eq(t.users.oidcSubject, subject)).limit(1);
    return row;
  }

  /** Binds a subject to an account that has none yet; false when the account already had one. */
  async bindSubject(userId: number, subject: string): Promise<boolean> {
    const { db, t } = this.database;
    const result = await db
      .update(t.users)
      .set({ oidcSubject: subject })
      .where(and(eq(t.users.id, userId), isNull(t.users.oidcSubject)));
    return changedRows(result) > 0;
  }

  async recordSignIn(userId: number, at: string): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.users).set({ lastSignInAt: at }).where(eq(t.users.id, userId));
  }

  async insert(account: NewOidcAccount): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db
      .insert(t.users)
      .values({ ...account, email: account.email.toLowerCase(), lastSignInAt: account.createdAt })
      .returning({ id: t.users.id });
    return row.id;
  }

  private columns() {
    const { t } = this.database;
    return { id: t.users.id, email: t.users.email, disabledAt: t.users.disabledAt, oidcSubject: t.users.oidcSubject };
  }
}
