import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, Conflict, earlierProblems, fieldIsClean, NotFound, Problem, ValidationFailed } from '@app/common';
import { AuditRepository, RoadmapRepository, Role, TokensRepository, Transactor, UserRecord, UsersRepository } from '@app/persistence';
import { readTerritoryReference, TERRITORY_REFERENCE_EXAMPLES } from '@app/territories';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  bodies?: string[];
  /** The language of the mails the person receives (French by default). */
  lang?: 'fr' | 'en';
  /** An editor's territory, written `region:84` or `departement:2A`; absent or null: national. */
  territory?: string | null;
}
export interface UserChanges {
  name?: string;
  password?: string;
  role?: Role;
  bodies?: string[];
  disabled?: boolean;
  lang?: 'fr' | 'en';
  remindersEnabled?: boolean;
  /** `region:84` / `departement:2A` limits an editor to that territory; null makes them national again. */
  territory?: string | null;
}
/** What each person sets for themselves: the language of their mails, and whether they get reminders. */
export interface MailSettings {
  lang?: 'fr' | 'en';
  remindersEnabled?: boolean;
}
const MAIL_LANGS = ['fr', 'en'];
/** A user as shown to others: never the password hash nor the second factor's secret (`totpEnabledAt` says whether there is one). */
export type PublicUser = Omit<UserRecord, 'passwordHash' | 'totpSecret'>;

const ROLES: Role[] = ['admin', 'validator', 'editor', 'viewer'];
// A real hash to verify against when the e-mail is unknown, so both cases take the same time
// (made on first need, not when the module loads).
let dummyHash: Promise<string> | undefined;
export const timingDummyHash = () => (dummyHash ??= hashPassword('timing-equaliser-password'));

export const publicUser = ({ passwordHash: _hash, totpSecret: _secret, ...u }: UserRecord): PublicUser => u;

@Injectable()
export class UsersService {
  /** Set by the accounts module: clears the cache of resolved tokens when an account changes. */
  onAccountChange?: () => void;

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensRepository,
    private readonly roadmap: RoadmapRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<PublicUser[]> {
    return (await this.users.list()).map(publicUser);
  }

  async get(id: number): Promise<PublicUser> {
    const u = await this.users.findById(id);
    if (!u) throw new NotFound('not_found.user', { id: String(id) });
    return publicUser(u);
  }

  async create(input: NewUser, actorId: number | null): Promise<PublicUser> {
    const email = String(input.email ?? '')
      .trim()
      .toLowerCase();
    // The DTO's problems (from the API) and the account rules, reported together.
    const problems = [...earlierProblems(input)];
    const password = fieldIsClean(problems, 'password') && passwordProblem(input.password);
    if (password) problems.push(password);
    this.checkMailSettings(input, problems);
    const scope = this.checkScope(input.role, input.territory ?? null, problems);
    const bodies = this.checkRoleAndBodies(input.role, input.bodies ?? [], problems);
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async () => {
      if (await this.users.findByEmail(email)) throw new Conflict('user.email_taken', { email }, 'email');
      const now = this.clock.now().toISOString();
      const id = await this.users.insert(
        { email, name: input.name.trim(), passwordHash, role: input.role, createdAt: now, ...(input.lang && { lang: input.lang }), ...scope },
        bodies,
      );
      const created = publicUser((await this.users.findById(id))!);
      await this.audit.record({ at: now, userId: actorId, action: 'user.create', entityType: 'user', entityId: id, before: null, after: created });
      return created;
    });
  }

  async update(id: number, changes: UserChanges, actorId: number): Promise<PublicUser> {
    const existing = await this.users.findById(id);
    if (!existing) throw new NotFound('not_found.user', { id: String(id) });
    const role = changes.role ?? existing.role;
    const problems: Problem[] = [...earlierProblems(changes)];
    const password = changes.password !== undefined && fieldIsClean(problems, 'password') ? passwordProblem(changes.password) : null;
    if (password) problems.push(password);
    this.checkMailSettings(changes, problems);
    // A scope given with the change is checked against the role; a kept one is dropped if the role is no longer editor.
    const kept = existing.scopeLevel && existing.scopeCode ? `${existing.scopeLevel}:${existing.scopeCode}` : null;
    const scope = this.checkScope(role, changes.territory !== undefined ? changes.territory : role === 'editor' ? kept : null, problems);
    // Bodies given with the change are checked against the role; kept ones are dropped if the role no longer has any.
    const bodies = this.checkRoleAndBodies(role, changes.bodies ?? (role === 'editor' ? existing.bodies : []), problems);
    const passwordHash = changes.password !== undefined ? await hashPassword(changes.password) : undefined;
    const after = await this.tx.run(async () => {
      const now = this.clock.now().toISOString();
      const before = publicUser((await this.users.findById(id))!);
      await this.users.update(id, {
        ...(changes.name !== undefined && { name: changes.name.trim() }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(passwordHash && { passwordHash }),
        ...(changes.disabled !== undefined && { disabledAt: changes.disabled ? (existing.disabledAt ?? now) : null }),
        ...(changes.lang !== undefined && { lang: changes.lang }),
        ...(changes.remindersEnabled !== undefined && { remindersEnabled: changes.remindersEnabled }),
        ...scope,
      });
      await this.users.setBodies(id, bodies);
      // A disabled account or a new password ends every open session and token; a new password also lifts a lockout.
      if (changes.disabled || passwordHash) await this.tokens.revokeAllForUser(id, now);
      if (passwordHash) await this.users.clearLockout(id);
      const updated = publicUser((await this.users.findById(id))!);
      await this.audit.record({ at: now, userId: actorId, action: 'user.update', entityType: 'user', entityId: id, before, after: updated });
      return updated;
    });
    // Once committed: a request resolving this person's token meanwhile read the account as it was.
    this.onAccountChange?.();
    return after;
  }

  /** One's own mail settings (any signed-in user, for themselves): audited like every account change. */
  async updateMailSettings(id: number, settings: MailSettings): Promise<PublicUser> {
    const problems: Problem[] = [...earlierProblems(settings)];
    this.checkMailSettings(settings, problems);
    if (problems.length) throw new ValidationFailed(problems);
    if (!(await this.users.findById(id))) throw new NotFound('not_found.user', { id: String(id) });
    return this.tx.run(async () => {
      const now = this.clock.now().toISOString();
      const before = publicUser((await this.users.findById(id))!);
      await this.users.update(id, {
        ...(settings.lang !== undefined && { lang: settings.lang }),
        ...(settings.remindersEnabled !== undefined && { remindersEnabled: settings.remindersEnabled }),
      });
      const after = publicUser((await this.users.findById(id))!);
      await this.audit.record({ at: now, userId: id, action: 'user.update', entityType: 'user', entityId: id, before, after });
      return after;
    });
  }

  /** The user whose e-mail and password match, or null; disabled accounts never authenticate. */
  async authenticate(email: string, password: string): Promise<UserRecord | null> {
    const user = await this.users.findByEmail(email.trim().toLowerCase());
    const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), password);
    return user && ok && !user.disabledAt ? user : null;
  }

  /**
   * On first start (no user at all), creates the administrator from ADMIN_EMAIL / ADMIN_PASSWORD.
   * Returns the generated password when none was configured, so the caller prints it once.
   */
  async ensureInitialAdmin(): Promise<{ email: string; generatedPassword?: string } | null> {
    if ((await this.users.count()) > 0) return null;
    const { email, password } = this.config.initialAdmin;
    const generatedPassword = password ? undefined : generatePassword();
    await this.create({ email, name: 'Administrateur', password: password ?? generatedPassword!, role: 'admin' }, null);
    return { email, generatedPassword };
  }

  /** A mail language of the two, and a yes/no for reminders (the DTO checks them too; the pages and the CLI come here directly). */
  private checkMailSettings(input: MailSettings, problems: Problem[]): void {
    if (input.lang !== undefined && !MAIL_LANGS.includes(input.lang) && fieldIsClean(problems, 'lang'))
      problems.push({ code: 'validation.not_one_of', field: 'lang', params: { allowed: MAIL_LANGS } });
    if (input.remindersEnabled !== undefined && typeof input.remindersEnabled !== 'boolean' && fieldIsClean(problems, 'remindersEnabled'))
      problems.push({ code: 'validation.not_a_boolean', field: 'remindersEnabled' });
  }

  /**
   * Only editors are limited to a territory (an ARS records for its region); the territory must be a
   * real one. Its problems join the others (checkRoleAndBodies throws them all at once).
   */
  private checkScope(role: Role, territory: string | null, problems: Problem[]): { scopeLevel: 'region' | 'departement' | null; scopeCode: string | null } {
    const national = { scopeLevel: null, scopeCode: null };
    if (territory === null || territory === '' || !fieldIsClean(problems, 'territory')) return national;
    if (typeof territory !== 'string') {
      problems.push({ code: 'validation.not_text', field: 'territory' });
      return national;
    }
    if (role !== 'editor') {
      problems.push({ code: 'permission.territory_scope_editor_only', field: 'territory', params: { role } });
      return national;
    }
    const reading = readTerritoryReference(territory);
    if (reading.ok) return { scopeLevel: reading.territory.level, scopeCode: reading.territory.code };
    if (reading.problem === 'bad_reference') problems.push({ code: 'territory.bad_reference', field: 'territory', params: TERRITORY_REFERENCE_EXAMPLES });
    else problems.push({ code: `territory.unknown_${reading.level}`, field: 'territory', params: { code: reading.code } });
    return national;
  }

  /**
   * Only editors are scoped to bodies; admins write everywhere and viewers nowhere, so bodies given
   * to them are refused (not silently dropped). Every problem is reported at once.
   */
  private checkRoleAndBodies(role: Role, bodies: string[], problems: Problem[]): string[] {
    const roleKnown = ROLES.includes(role);
    if (!roleKnown && fieldIsClean(problems, 'role')) problems.push({ code: 'validation.not_one_of', field: 'role', params: { allowed: ROLES } });
    if (fieldIsClean(problems, 'bodies') && Array.isArray(bodies)) {
      if (roleKnown && role !== 'editor' && bodies.length > 0) {
        problems.push({ code: 'user.bodies_not_for_role', field: 'bodies', params: { role, editorRole: 'editor' } });
      }
      const known = new Set(this.roadmap.structure().bodies.map((b) => b.acronym));
      const unknown = bodies.filter((b) => typeof b === 'string' && !known.has(b));
      if (unknown.length)
        problems.push({ code: 'user.unknown_bodies', field: 'bodies', params: { count: unknown.length, unknown: unknown.map((b) => b.slice(0, 40)) } });
      if (role === 'editor' && bodies.length === 0) problems.push({ code: 'user.editor_needs_body', field: 'bodies', params: { role } });
    }
    if (problems.length) throw new ValidationFailed(problems);
    return role === 'editor' ? [...new Set(bodies)] : [];
  }
}
