import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, gt, inArray, isNull, sql, SQL } from 'drizzle-orm';
import { Database, Db } from '../database';
import { preparedQuery } from '../prepared';

export type Role = 'admin' | 'validator' | 'editor' | 'viewer';
export interface UserRecord {
  id: number;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
  /** The language of the mails this person receives. */
  lang: 'fr' | 'en';
  remindersEnabled: boolean;
  /** The TOTP secret, sealed (SecretBox): never shown, never logged. Null without a second factor. */
  totpSecret: string | null;
  totpEnabledAt: string | null;
  /** Failed sign-ins in a row since the last success or lockout. */
  failedLogins: number;
  lockedUntil: string | null;
  oidcSubject: string | null;
  lastSignInAt: string | null;
  /** An editor's territory (an ARS: 'region' + '84'); both null for a national account. */
  scopeLevel: 'region' | 'departement' | null;
  scopeCode: string | null;
  bodies: string[];
}

/** What a failed sign-in did to the account: its count of failures in a row, and whether it locked it (until when). */
export interface FailedSignIn {
  failedLogins: number;
  lockedUntil: string | null;
}

@Injectable()
export class UsersRepository {
  /** findById's query, prepared on first use (see preparedQuery). */
  private readonly byId;

  constructor(private readonly database: Database) {
    this.byId = preparedQuery(database, 'users_by_id', (db, t) => this.withBodies(db, eq(t.users.id, sql.placeholder('id'))));
  }

  async count(): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.select({ n: count() }).from(t.users);
    return row.n;
  }

  /** Looked up on every authenticated request: the person and their bodies in one query. */
  /** Looked up on every authenticated request (after the principal cache): the person and their bodies in one query. */
  async findById(id: number): Promise<UserRecord | undefined> {
    return personOf(await this.byId({ id }));
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const { db, t } = this.database;
    return personOf(await this.withBodies(db, eq(t.users.email, email.toLowerCase())));
  }

  /** Everyone, by e-mail: two queries (the people, then every body link), whatever their number. */
  async list(): Promise<UserRecord[]> {
    const { db, t } = this.database;
    const users = await db.select().from(t.users).orderBy(asc(t.users.email));
    const links = await db
      .select({ userId: t.userBodies.userId, acronym: t.bodies.acronym })
      .from(t.userBodies)
      .innerJoin(t.bodies, eq(t.bodies.id, t.userBodies.bodyId))
      .orderBy(asc(t.userBodies.userId), asc(t.bodies.acronym));
    const bodiesByUser = new Map<number, string[]>();
    for (const l of links) {
      const list = bodiesByUser.get(l.userId);
      if (list) list.push(l.acronym);
      else bodiesByUser.set(l.userId, [l.acronym]);
    }
    return users.map((u) => ({ ...u, bodies: bodiesByUser.get(u.id) ?? [] }));
  }

  async insert(
    user: Pick<UserRecord, 'email' | 'name' | 'passwordHash' | 'role' | 'createdAt'> &
      Partial<Pick<UserRecord, 'lang' | 'remindersEnabled' | 'scopeLevel' | 'scopeCode'>>,
    bodyAcronyms: string[],
  ): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db
      .insert(t.users)
      .values({ ...user, email: user.email.toLowerCase() })
      .returning({ id: t.users.id });
    await this.setBodies(row.id, bodyAcronyms);
    return row.id;
  }

  async update(
    id: number,
    changes: Partial<Pick<UserRecord, 'name' | 'passwordHash' | 'role' | 'disabledAt' | 'lang' | 'remindersEnabled' | 'scopeLevel' | 'scopeCode'>>,
  ): Promise<void> {
    const { db, t } = this.database;
    if (Object.keys(changes).length) await db.update(t.users).set(changes).where(eq(t.users.id, id));
  }

  /**
   * Counts one more failed sign-in and, when it reaches `attempts`, locks the account until
   * `lockUntil` and starts counting again. The count is raised in the statement that reads it (under
   * the row's lock on PostgreSQL), so two instances counting at once never both miss the limit.
   * Call it inside a unit of work.
   */
  async countFailedSignIn(id: number, attempts: number, lockUntil: string): Promise<FailedSignIn> {
    const { db, t } = this.database;
    const [row] = await db
      .update(t.users)
      .set({ failedLogins: sql`${t.users.failedLogins} + 1` })
      .where(eq(t.users.id, id))
      .returning({ failedLogins: t.users.failedLogins });
    if (!row || row.failedLogins < attempts) return { failedLogins: row?.failedLogins ?? 0, lockedUntil: null };
    await db.update(t.users).set({ failedLogins: 0, lockedUntil: lockUntil }).where(eq(t.users.id, id));
    return { failedLogins: row.failedLogins, lockedUntil: lockUntil };
  }

  /** A successful sign-in: the failures are forgotten, and when it happened is kept. */
  async recordSignIn(id: number, at: string): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.users).set({ failedLogins: 0, lockedUntil: null, lastSignInAt: at }).where(eq(t.users.id, id));
  }

  /** Lifts a lockout (an administrator, or a new password) and forgets the failures. */
  async clearLockout(id: number): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.users).set({ failedLogins: 0, lockedUntil: null }).where(eq(t.users.id, id));
  }

  /** Sets (sealed secret and since when) or removes (nulls) the TOTP second factor. */
  async setTotp(id: number, sealedSecret: string | null, enabledAt: string | null): Promise<void> {
    const { db, t } = this.database;
    await db.update(t.users).set({ totpSecret: sealedSecret, totpEnabledAt: enabledAt }).where(eq(t.users.id, id));
  }

  /** A new password reset link: only the SHA-256 of its secret is stored. */
  async insertPasswordReset(reset: { userId: number; tokenHash: string; createdAt: string; expiresAt: string }): Promise<number> {
    const { db, t } = this.database;
    const [row] = await db.insert(t.passwordResets).values(reset).returning({ id: t.passwordResets.id });
    return row.id;
  }

  /** Forgets every link of an account not used yet: a newer one, or a new password, makes them worthless. */
  async dropPasswordResets(userId: number): Promise<void> {
    const { db, t } = this.database;
    await db.delete(t.passwordResets).where(and(eq(t.passwordResets.userId, userId), isNull(t.passwordResets.usedAt)));
  }

  /** The account of a link that is neither used nor expired at `now`, or undefined (a read: the link stays usable). */
  async findPasswordReset(tokenHash: string, now: string): Promise<{ id: number; userId: number; expiresAt: string } | undefined> {
    const { db, t } = this.database;
    const [row] = await db
      .select({ id: t.passwordResets.id, userId: t.passwordResets.userId, expiresAt: t.passwordResets.expiresAt })
      .from(t.passwordResets)
      .where(and(eq(t.passwordResets.tokenHash, tokenHash), isNull(t.passwordResets.usedAt), gt(t.passwordResets.expiresAt, now)))
      .limit(1);
    return row;
  }

  /**
   * Uses a link once: marks it used if it is neither used nor expired at `now`, in one statement, and
   * gives its account. Two requests with one link, on any instances: one gets the account.
   */
  async usePasswordReset(tokenHash: string, now: string): Promise<number | undefined> {
    const { db, t } = this.database;
    const [row] = await db
      .update(t.passwordResets)
      .set({ usedAt: now })
      .where(and(eq(t.passwordResets.tokenHash, tokenHash), isNull(t.passwordResets.usedAt), gt(t.passwordResets.expiresAt, now)))
      .returning({ userId: t.passwordResets.userId });
    return row?.userId;
  }

  async setBodies(userId: number, acronyms: string[]): Promise<void> {
    const { db, t } = this.database;
    await db.delete(t.userBodies).where(eq(t.userBodies.userId, userId));
    if (!acronyms.length) return;
    const ids = await db.select({ id: t.bodies.id }).from(t.bodies).where(inArray(t.bodies.acronym, acronyms));
    if (ids.length) await db.insert(t.userBodies).values(ids.map((b) => ({ userId, bodyId: b.id })));
  }

  async bodiesOf(userId: number): Promise<string[]> {
    const { db, t } = this.database;
    const rows = await db
      .select({ acronym: t.bodies.acronym })
      .from(t.userBodies)
      .innerJoin(t.bodies, eq(t.bodies.id, t.userBodies.bodyId))
      .where(eq(t.userBodies.userId, userId))
      .orderBy(asc(t.bodies.acronym));
    return rows.map((r) => r.acronym);
  }

  /**
   * People with their bodies, in one query: a row per body (one row with no body for those who
   * have none), the person's columns repeated.
   */
  private withBodies(db: Db, where: SQL) {
    const { t } = this.database;
    return db
      .select({ user: t.users, body: t.bodies.acronym })
      .from(t.users)
      .leftJoin(t.userBodies, eq(t.userBodies.userId, t.users.id))
      .leftJoin(t.bodies, eq(t.bodies.id, t.userBodies.bodyId))
      .where(where)
      .orderBy(asc(t.bodies.acronym));
  }
}

/** One person from withBodies' rows (all about the same person). */
function personOf(rows: { user: Omit<UserRecord, 'bodies'>; body: string | null }[]): UserRecord | undefined {
  if (!rows.length) return undefined;
  return { ...rows[0].user, bodies: rows.flatMap((r) => (r.body === null ? [] : [r.body])) };
}
