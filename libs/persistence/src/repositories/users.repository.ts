import { Injectable } from '@nestjs/common';
import { asc, count, eq, inArray, sql, SQL } from 'drizzle-orm';
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
  bodies: string[];
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
    user: Omit<UserRecord, 'id' | 'bodies' | 'disabledAt' | 'lang' | 'remindersEnabled'> & Partial<Pick<UserRecord, 'lang' | 'remindersEnabled'>>,
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

  async update(id: number, changes: Partial<Pick<UserRecord, 'name' | 'passwordHash' | 'role' | 'disabledAt' | 'lang' | 'remindersEnabled'>>): Promise<void> {
    const { db, t } = this.database;
    if (Object.keys(changes).length) await db.update(t.users).set(changes).where(eq(t.users.id, id));
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
