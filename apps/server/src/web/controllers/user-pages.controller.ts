import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { generatePassword, isLocked, PublicUser, SignInService, UsersService } from '@app/accounts';
import { Clock, NotFound } from '@app/common';
import { RoadmapRepository, Role } from '@app/persistence';
import { fillLabel, formatDateTime, Lang, MAIL_LABELS, WebLabels } from '@app/presentation';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { CreateUserDto, UpdateUserDto } from '../../auth/dto/auth.dto';
import { createValidationPipe, ParseIdPipe } from '../../common/validation';
import { blankForm, FormState, Refusal, refusalOf, refusedForm } from '../forms';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { WebStates } from '../web-states';

type PageRequest = FastifyRequest & AuthenticatedRequest;
type Form = Record<string, string | string[] | undefined>;

const ROLES: Role[] = ['admin', 'validator', 'editor', 'viewer'];
const CREATE_FIELDS = ['email', 'name', 'role', 'bodies', 'lang'] as const;
const UPDATE_FIELDS = ['name', 'role', 'bodies', 'lang'] as const;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
/** Checkboxes of one name arrive as a string (one ticked) or a list (several). */
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
/** How long a generated password waits to be shown, should the administrator not land on its page at once. */
const REVEAL_TTL_MS = 10 * 60_000;
/** A generated password waiting to be shown: sealed (AES-256-GCM) with a key that only the redirect's URL carries. */
interface SealedPassword {
  userId: number;
  iv: string;
  sealed: string;
}

/**
 * Accounts, for administrators: list and create; then per account its role and bodies, disabling
 * and enabling it, and resetting its password. A generated password is shown once, on the page
 * the administrator lands on, and never again (not on reload, not with the back button).
 */
@WebPages()
@Roles('admin')
@Controller('admin/users')
export class UserPagesController {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly users: UsersService,
    private readonly signIn: SignInService,
    private readonly clock: Clock,
    private readonly roadmap: RoadmapRepository,
    private readonly web: WebContext,
    private readonly states: WebStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    await this.listPage(req, res, blankForm('user', { role: 'editor', lang: 'fr' }));
  }

  @Post()
  @HttpCode(200)
  async create(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Form) {
    const lang = this.web.lang(req, res);
    const password = generatePassword();
    const input = { email: text(body.email), name: text(body.name), role: text(body.role), bodies: list(body.bodies), lang: text(body.lang), password };
    try {
      const dto = await this.validate(CreateUserDto, input);
      const created = await this.users.create(dto, req.principal!.userId);
      res.redirect(`/admin/users/${created.id}?done=created&reveal=${await this.keep(req, created.id, password)}`, 303);
    } catch (e) {
      const refusal = this.refusalOf(e, lang);
      if (!refusal) throw e;
      await this.listPage(req, res, refusedForm('user', body, refusal, lang, { fields: CREATE_FIELDS, targets: { bodies: 'user-bodies' } }), refusal.status);
    }
  }

  @Get(':id')
  async edit(
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done?: string,
    @Query('reveal') reveal?: string,
  ) {
    const user = await this.users.get(id);
    const password = reveal ? await this.revealed(req, id, reveal) : undefined;
    this.editPage(req, res, user, blankForm('edit', { name: user.name, role: user.role, bodies: user.bodies, lang: user.lang }), { done, password });
  }

  /** Every form of an account's page posts to the page's own URL, naming itself in `form`. */
  @Post(':id')
  @HttpCode(200)
  async change(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('id', ParseIdPipe) id: number, @Body() body: Form) {
    const user = await this.users.get(id);
    const me = req.principal!.userId;
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    const form = text(body.form);
    const refused = (refusal: Refusal) => {
      // The edit form keeps what was typed; after another form it shows the account as it is.
      const values = form === 'edit' ? { ...body, bodies: list(body.bodies) } : { name: user.name, role: user.role, bodies: user.bodies, lang: user.lang };
      const state = refusedForm('edit', values, refusal, lang, { fields: UPDATE_FIELDS, targets: { bodies: 'edit-bodies' } });
      this.editPage(req, res, user, state, {}, refusal.status);
    };
    // An administrator keeps their own access: no lock-out by a slip of the mouse.
    if (id === me && ((form === 'edit' && text(body.role) !== 'admin') || form === 'disable')) {
      return refused(
        form === 'edit' ? { errors: [{ field: 'role', message: labels.notYourself }], status: 400 } : { errors: [], message: labels.notYourself, status: 400 },
      );
    }
    try {
      switch (form) {
        case 'edit': {
          const input = { name: text(body.name), role: text(body.role), bodies: list(body.bodies), lang: text(body.lang) };
          await this.users.update(id, await this.validate(UpdateUserDto, input), me);
          return res.redirect(`/admin/users/${id}?done=updated`, 303);
        }
        case 'disable':
        case 'enable':
          await this.users.update(id, { disabled: form === 'disable' }, me);
          return res.redirect(`/admin/users/${id}?done=${form}d`, 303);
        case 'unlock':
          await this.signIn.unlock(id, me);
          return res.redirect(`/admin/users/${id}?done=unlocked`, 303);
        case 'totp-remove':
          await this.signIn.removeSecondFactor(id, me);
          return res.redirect(`/admin/users/${id}?done=totpRemoved`, 303);
        case 'reset': {
          const password = generatePassword();
          await this.users.update(id, { password }, me);
          return res.redirect(`/admin/users/${id}?done=reset&reveal=${await this.keep(req, id, password)}`, 303);
        }
        default:
          throw new NotFound('not_found.route', { method: req.method, path: req.url.split('?')[0].slice(0, 200) });
      }
    } catch (e) {
      const refusal = this.refusalOf(e, lang);
      if (!refusal) throw e;
      refused(refusal);
    }
  }

  /**
   * Keeps a generated password for the page the administrator lands on, whichever instance serves
   * it. The database holds it sealed only; the key to open it travels in the redirect's URL, which
   * is worthless once the password has been shown (taken, it is gone).
   */
  private async keep(req: PageRequest, userId: number, password: string): Promise<string> {
    const secret = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', secret, iv);
    const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const state: SealedPassword = { userId, iv: iv.toString('base64url'), sealed: sealed.toString('base64url') };
    const key = await this.states.keep('password', req.principal!.userId, state, REVEAL_TTL_MS);
    return `${key}.${secret.toString('base64url')}`;
  }

  /** The password kept for this administrator and this account, once: undefined when taken already, expired or not theirs. */
  private async revealed(req: PageRequest, userId: number, reveal: string): Promise<string | undefined> {
    const [key, secret] = reveal.split('.');
    if (!key || !secret) return undefined;
    const state = await this.states.take<SealedPassword>('password', key, req.principal!.userId);
    if (!state || state.userId !== userId) return undefined;
    try {
      const sealed = Buffer.from(state.sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(secret, 'base64url'), Buffer.from(state.iv, 'base64url'));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      // A key that does not open it (a URL altered by hand): nothing to show.
      return undefined;
    }
  }

  /** What a refused change shows; a conflict is a taken e-mail address, shown on that field. */
  private refusalOf(e: unknown, lang: Lang): Refusal | null {
    const refusal = refusalOf(e, lang);
    if (refusal?.status === 409 && refusal.message) return { errors: [{ field: 'email', message: refusal.message }], status: 409 };
    return refusal;
  }

  private async listPage(req: PageRequest, res: FastifyReply, formState: FormState, status = 200) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    const users = await this.users.list();
    this.web.send(
      req,
      res,
      req.principal,
      'admin-users',
      {
        title: labels.usersTitle,
        nav: 'users',
        users: users.map((u) => this.row(u, labels, lang)),
        ...this.choices(formState, labels, lang),
        formState,
      },
      status,
    );
  }

  private editPage(req: PageRequest, res: FastifyReply, user: PublicUser, formState: FormState, extra: { done?: string; password?: string }, status = 200) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    const done = {
      created: labels.userCreated,
      updated: labels.userUpdated,
      disabled: labels.userDisabledDone,
      enabled: labels.userEnabledDone,
      reset: labels.passwordResetDone,
      unlocked: labels.unlocked,
      totpRemoved: labels.secondFactorRemoved,
    }[extra.done ?? ''];
    this.web.send(
      req,
      res,
      req.principal,
      'admin-user',
      {
        title: `${user.name} · ${labels.editUser}`,
        nav: 'users',
        account: this.row(user, labels, lang),
        isMe: user.id === req.principal!.userId,
        password: extra.password,
        passwordFor: extra.password ? labels.generatedPassword.replace('{email}', user.email) : undefined,
        flash: done && !extra.password ? { type: 'success', message: done } : null,
        done,
        ...this.choices(formState, labels, lang),
        formState,
      },
      status,
    );
  }

  private row(u: PublicUser, labels: WebLabels, lang: Lang) {
    const locked = isLocked(u, this.clock.now());
    const when = (instant: string | null) => formatDateTime(instant, lang, this.config.timezone);
    return {
      ...u,
      roleLabel: labels.roles[u.role],
      stateLabel: u.disabledAt ? labels.userDisabled : locked ? fillLabel(labels.lockedUntil, { date: when(u.lockedUntil) }) : labels.userActive,
      locked,
      createdAtLabel: when(u.createdAt),
      lastSignInLabel: u.lastSignInAt ? when(u.lastSignInAt) : labels.never,
      secondFactorLabel: u.totpEnabledAt ? fillLabel(labels.secondFactorOn, { date: when(u.totpEnabledAt) }) : labels.secondFactorOff,
    };
  }

  /** The role list and the body checkboxes, ticked as the form says. */
  private choices(formState: FormState, labels: WebLabels, lang: Lang) {
    const ticked = new Set(list(formState.values.bodies));
    return {
      mailLangLabel: MAIL_LABELS[lang].mailLang,
      mailLangs: (['fr', 'en'] as const).map((l) => ({ value: l, label: MAIL_LABELS[lang].langs[l], selected: (formState.values.lang ?? 'fr') === l })),
      roles: ROLES.map((r) => ({ value: r, label: labels.roles[r], selected: formState.values.role === r })),
      bodyChoices: this.roadmap.structure().bodies.map((b, i) => ({
        id: i === 0 ? `${formState.form}-bodies` : `${formState.form}-bodies-${i}`,
        value: b.acronym,
        label: b.acronym,
        title: b.name,
        checked: ticked.has(b.acronym),
      })),
    };
  }

  private async validate<T>(metatype: new () => T, value: Record<string, unknown>): Promise<T> {
    const clean = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
    return (await this.pipe.transform(clean, { type: 'body', metatype })) as T;
  }
}
