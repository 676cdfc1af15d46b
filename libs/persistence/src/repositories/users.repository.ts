import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE, SQLITE } from '../tokens';

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
  bodies: string[];
}

@Injectable()
export class UsersRepository {
  /** Looked up on every authenticated request: prepared once. */
  private readonly stmts;

  constructor(
    @Inject(DRIZZLE) private readonly db: Db,
    @Inject(SQLITE) sqlite: Database.Database,
  ) {
    this.stmts = {
      byId: sqlite.prepare(
        'SELECT id, email, name, password_hash AS passwordHash, role, created_at AS createdAt, disabled_at AS disabledAt, lang, reminders_enabled AS remindersEnabled FROM users WHERE id = ?',
      ),
      bodies: sqlite.prepare('SELECT b.acronym FROM user_bodies ub JOIN bodies b ON b.id = ub.body_id WHERE ub.user_id = ? ORDER BY b.acronym').pluck(),
    };
  }

  count(): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(t.users)
      .get()!.n;
  }

  findById(id: number): UserRecord | undefined {
    const row = this.stmts.byId.get(id) as (Omit<UserRecord, 'bodies' | 'remindersEnabled'> & { remindersEnabled: number }) | undefined;
    return row && { ...row, remindersEnabled: row.remindersEnabled === 1, bodies: this.bodiesOf(row.id) };
  }

  findByEmail(email: string): UserRecord | undefined {
    const row = this.db.select().from(t.users).where(eq(t.users.email, email.toLowerCase())).get();
    return row && { ...row, bodies: this.bodiesOf(row.id) };
  }

  list(): UserRecord[] {
    return this.db
      .select()
      .from(t.users)
      .orderBy(asc(t.users.email))
      .all()
      .map((u) => ({ ...u, bodies: this.bodiesOf(u.id) }));
  }

  insert(
    user: Omit<UserRecord, 'id' | 'bodies' | 'disabledAt' | 'lang' | 'remindersEnabled'> & Partial<Pick<UserRecord, 'lang' | 'remindersEnabled'>>,
    bodyAcronyms: string[],
  ): number {
    const id = this.db
      .insert(t.users)
      .values({ ...user, email: user.email.toLowerCase() })
      .returning({ id: t.users.id })
      .get().id;
    this.setBodies(id, bodyAcronyms);
    return id;
  }

  update(id: number, changes: Partial<Pick<UserRecord, 'name' | 'passwordHash' | 'role' | 'disabledAt' | 'lang' | 'remindersEnabled'>>): void {
    if (Object.keys(changes).length) this.db.update(t.users).set(changes).where(eq(t.users.id, id)).run();
  }

  setBodies(userId: number, acronyms: string[]): void {
    this.db.delete(t.userBodies).where(eq(t.userBodies.userId, userId)).run();
    if (!acronyms.length) return;
    const ids = this.db.select({ id: t.bodies.id }).from(t.bodies).where(inArray(t.bodies.acronym, acronyms)).all();
    this.db
      .insert(t.userBodies)
      .values(ids.map((b) => ({ userId, bodyId: b.id })))
      .run();
  }

  bodiesOf(userId: number): string[] {
    return this.stmts.bodies.all(userId) as string[];
  }
}
