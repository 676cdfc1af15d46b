import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { generatePassword, PublicUser, UsersService } from '@app/accounts';
import { Clock, NotFound } from '@app/common';
import { RoadmapRepository, Role } from '@app/persistence';
import { formatDateTime, Lang, MAIL_LABELS, WebLabels } from '@app/presentation';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { CreateUserDto, UpdateUserDto } from '../../auth/dto/auth.dto';
import { createValidationPipe, ParseIdPipe } from '../../common/validation';
import { blankForm, FormState, Refusal, refusalOf, refusedForm } from '../forms';
import { ShortLived } from '../short-lived';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
type Form = Record<string, string | string[] | undefined>;

const ROLES: Role[] = ['admin', 'validator', 'editor', 'viewer'];
const CREATE_FIELDS = ['email', 'name', 'role', 'bodies', 'lang'] as const;
const UPDATE_FIELDS = ['name', 'role', 'bodies', 'lang'] as const;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
/** Checkboxes of one name arrive as a string (one ticked) or a list (several). */
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

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
  /** Generated passwords waiting to be shown, by one-time key. */
  private readonly reveal: ShortLived<{ adminId: number; userId: number; password: string }>;

  constructor(
    private readonly users: UsersService,
    private readonly roadmap: RoadmapRepository,
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    clock: Clock,
  ) {
    this.reveal = new ShortLived(10 * 60_000, 100, () => clock.now().getTime());
  }

  @Get()
  list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    this.listPage(req, res, blankForm('user', { role: 'editor', lang: 'fr' }));
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
      res.redirect(`/admin/users/${created.id}?done=created&reveal=${this.keep(req, created.id, password)}`, 303);
    } catch (e) {
      const refusal = this.refusalOf(e, lang);
      if (!refusal) throw e;
      this.listPage(req, res, refusedForm('user', body, refusal, lang, { fields: CREATE_FIELDS, targets: { bodies: 'user-bodies' } }), refusal.status);
    }
  }

  @Get(':id')
  edit(
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done?: string,
    @Query('reveal') reveal?: string,
  ) {
    const user = this.users.get(id);
    const shown = reveal ? this.reveal.take(reveal) : undefined;
    const password = shown && shown.adminId === req.principal!.userId && shown.userId === id ? shown.password : undefined;
    this.editPage(req, res, user, blankForm('edit', { name: user.name, role: user.role, bodies: user.bodies, lang: user.lang }), { done, password });
  }

  /** Every form of an account's page posts to the page's own URL, naming itself in `form`. */
  @Post(':id')
  @HttpCode(200)
  async change(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('id', ParseIdPipe) id: number, @Body() body: Form) {
    const user = this.users.get(id);
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
        case 'reset': {
          const password = generatePassword();
          await this.users.update(id, { password }, me);
          return res.redirect(`/admin/users/${id}?done=reset&reveal=${this.keep(req, id, password)}`, 303);
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

  private keep(req: PageRequest, userId: number, password: string): string {
    const key = randomBytes(18).toString('base64url');
    this.reveal.set(key, { adminId: req.principal!.userId, userId, password });
    return key;
  }

  /** What a refused change shows; a conflict is a taken e-mail address, shown on that field. */
  private refusalOf(e: unknown, lang: Lang): Refusal | null {
    const refusal = refusalOf(e, lang);
    if (refusal?.status === 409 && refusal.message) return { errors: [{ field: 'email', message: refusal.message }], status: 409 };
    return refusal;
  }

  private listPage(req: PageRequest, res: FastifyReply, formState: FormState, status = 200) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    this.web.send(
      req,
      res,
      req.principal,
      'admin-users',
      {
        title: labels.usersTitle,
        nav: 'users',
        users: this.users.list().map((u) => this.row(u, labels, lang)),
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
    return {
      ...u,
      roleLabel: labels.roles[u.role],
      stateLabel: u.disabledAt ? labels.userDisabled : labels.userActive,
      createdAtLabel: formatDateTime(u.createdAt, lang, this.config.timezone),
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
