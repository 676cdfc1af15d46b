import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MIN_PASSWORD_LENGTH, newTotpSecret, passwordProblem, SecretBox, SignInService, TokensService, UsersService } from '@app/accounts';
import { APP_CONFIG, AppConfig } from '@app/config';
import { fillLabel, formatDateTime, MAIL_LABELS, typography, WebLabels } from '@app/presentation';
import { AuthenticatedRequest } from '../../auth/auth.decorators';
import { blankForm, failedForm, FormState, PageError } from '../forms';
import { totpEnrolment } from '../second-factor-pages';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { WebStates } from '../web-states';
import { setSessionCookie } from '../web-session';

type PageRequest = FastifyRequest & AuthenticatedRequest;
type Flash = { type: 'success' | 'error'; message: string } | null;

/** How long a secret shown for enrolment waits for its confirming code. */
const ENROLMENT_TTL_MS = 15 * 60_000;
/** A secret shown for enrolment, sealed: web_states are not encrypted. */
interface PendingEnrolment {
  sealedSecret: string;
}

/**
 * One's own account, for every signed-in user: who they are, and changing their password (the
 * current one first). A new password ends every session and token of the account, so this browser
 * gets a fresh session and stays signed in.
 */
@WebPages()
@Controller('account')
export class AccountPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly signIn: SignInService,
    private readonly box: SecretBox,
    private readonly states: WebStates,
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply, @Query() query: Record<string, string | undefined>) {
    const lang = this.web.lang(req, res);
    const labels = this.web.labels(req, res);
    const done: Record<string, string> = {
      changed: labels.passwordChanged,
      mail: typography(MAIL_LABELS[lang].settingsSaved, lang),
      totpOn: labels.secondFactorEnabled,
      totpOff: labels.secondFactorDisabled,
    };
    const key = Object.keys(done).find((k) => query[k] !== undefined);
    await this.page(req, res, blankForm('account'), key ? { type: 'success', message: done[key] } : null);
  }

  /** Enrolling a second factor: a new secret each time the page is drawn, kept (sealed) until a code confirms it. */
  @Get('second-facteur')
  async enrolForm(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const me = await this.users.get(req.principal!.userId);
    if (me.totpEnabledAt) return res.redirect('/account', 303);
    const secret = newTotpSecret();
    const pending: PendingEnrolment = { sealedSecret: await this.box.seal(secret) };
    const key = await this.states.keep('totp-enrolment', me.id, pending, ENROLMENT_TTL_MS, 1_000);
    await this.enrolPage(req, res, key, secret, blankForm('otp'));
  }

  @Post('second-facteur')
  @HttpCode(200)
  async enrol(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const me = req.principal!;
    const key = typeof body.enrolment === 'string' ? body.enrolment : '';
    const pending = key ? await this.states.get<PendingEnrolment>('totp-enrolment', key, me.userId) : undefined;
    const secret = pending && (await this.box.open(pending.sealedSecret));
    if (!secret) return res.redirect('/account/second-facteur', 303); // expired: a new secret to scan
    if (await this.signIn.enableSecondFactor(me.userId, secret, typeof body.code === 'string' ? body.code : '')) {
      await this.states.drop('totp-enrolment', key);
      return res.redirect('/account?totpOn=1', 303);
    }
    await this.enrolPage(req, res, key, secret, this.wrongCode(req, res, 'otp'), 400);
  }

  /** Turning one's second factor off, on a current code; administrators keep theirs when REQUIRE_MFA is on. */
  @Post('second-facteur/desactiver')
  @HttpCode(200)
  async disableSecondFactor(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const me = req.principal!;
    const labels = this.web.labels(req, res);
    if (this.signIn.mustEnrol({ role: me.role, totpSecret: null })) {
      return this.page(req, res, blankForm('account'), { type: 'error', message: labels.secondFactorCannotDisable }, 400);
    }
    if (await this.signIn.disableSecondFactor(me.userId, typeof body.code === 'string' ? body.code : '')) return res.redirect('/account?totpOff=1', 303);
    await this.page(req, res, this.wrongCode(req, res, 'totp-off'), null, 400);
  }

  /** One's mail settings: the language of one's mails, and whether one gets reminders and the weekly digest. */
  @Post('courriels')
  @HttpCode(200)
  async saveMailSettings(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const lang = body.lang === 'fr' || body.lang === 'en' ? body.lang : undefined;
    const reminders = body.remindersEnabled === 'true' ? true : body.remindersEnabled === 'false' ? false : undefined;
    if (!lang || reminders === undefined) {
      const pageLang = this.web.lang(req, res);
      const message = typography(MAIL_LABELS[pageLang].settingsInvalid, pageLang);
      return this.page(req, res, blankForm('account'), { type: 'error', message }, 400);
    }
    await this.users.updateMailSettings(req.principal!.userId, { lang, remindersEnabled: reminders });
    res.redirect('/account?mail=1', 303);
  }

  @Post()
  @HttpCode(200)
  async change(@Req() req: PageRequest, @Res() res: FastifyReply, @Body() body: Record<string, unknown>) {
    const labels = this.web.labels(req, res);
    const me = req.principal!;
    const current = typeof body.currentPassword === 'string' ? body.currentPassword.slice(0, 256) : '';
    const next = typeof body.newPassword === 'string' ? body.newPassword : '';
    const errors: PageError[] = [];
    if (!current || !(await this.users.authenticate(me.email, current))) errors.push({ field: 'currentPassword', message: labels.wrongCurrentPassword });
    // The same rule as every password (passwordProblem), in the page's words.
    if (passwordProblem(next))
      errors.push({ field: 'newPassword', message: next.length < MIN_PASSWORD_LENGTH ? labels.passwordTooShort : labels.passwordTooLong });
    if (errors.length) return this.page(req, res, failedForm('account', body, errors, this.web.lang(req, res)), null, 400);
    await this.users.update(me.userId, { password: next }, me.userId);
    setSessionCookie(req, res, (await this.tokens.issue(me.userId, 'web')).token, this.config);
    res.redirect('/account?changed=1', 303);
  }

  private wrongCode(req: PageRequest, res: FastifyReply, form: string): FormState {
    const labels = this.web.labels(req, res);
    const error: PageError = { field: 'code', message: labels.codeWrong, text: `${labels.codeLabel}${labels.colon}${labels.codeWrong}` };
    return failedForm(form, {}, [error], this.web.lang(req, res));
  }

  private async enrolPage(req: PageRequest, res: FastifyReply, key: string, secret: string, formState: FormState, status = 200) {
    const labels = this.web.labels(req, res);
    const enrolment = await totpEnrolment(secret, req.principal!.email);
    const breadcrumb = [{ label: labels.accountTitle, href: '/account' }];
    this.web.send(
      req,
      res,
      req.principal,
      'account-second-factor',
      { title: labels.enrolTitle, nav: 'account', breadcrumb, enrolment, key, formState },
      status,
    );
  }

  /** The second factor's part of the account page: on since when, or off; whether it may be turned off. */
  private secondFactor(me: { role: string; totpEnabledAt: string | null }, labels: WebLabels, lang: 'fr' | 'en') {
    const required = this.config.auth.requireMfa && me.role === 'admin';
    return {
      on: !!me.totpEnabledAt,
      status: me.totpEnabledAt
        ? fillLabel(labels.secondFactorOn, { date: formatDateTime(me.totpEnabledAt, lang, this.config.timezone) })
        : labels.secondFactorOff,
      required,
      canDisable: !required,
    };
  }

  private async page(req: PageRequest, res: FastifyReply, formState: FormState, flash: Flash, status = 200) {
    const labels = this.web.labels(req, res);
    const lang = this.web.lang(req, res);
    const me = await this.users.get(req.principal!.userId);
    const mail = MAIL_LABELS[lang];
    this.web.send(
      req,
      res,
      req.principal,
      'account',
      {
        title: labels.accountTitle,
        nav: 'account',
        account: { ...me, roleLabel: labels.roles[me.role], createdAtLabel: formatDateTime(me.createdAt, this.web.lang(req, res), this.config.timezone) },
        email: me.email,
        secondFactor: this.secondFactor(me, labels, lang),
        mailSettings: {
          labels: {
            legend: mail.settingsLegend,
            intro: typography(mail.settingsIntro, lang),
            lang: mail.mailLang,
            reminders: mail.reminders,
            save: mail.saveSettings,
          },
          langs: (['fr', 'en'] as const).map((l) => ({ value: l, label: mail.langs[l], selected: me.lang === l })),
          reminders: [
            { value: 'true', label: mail.remindersYes, checked: me.remindersEnabled },
            { value: 'false', label: mail.remindersNo, checked: !me.remindersEnabled },
          ],
        },
        formState,
        flash,
      },
      status,
    );
  }
}
