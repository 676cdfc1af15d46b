import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MIN_PASSWORD_LENGTH, passwordProblem, TokensService, UsersService } from '@app/accounts';
import { APP_CONFIG, AppConfig } from '@app/config';
import { formatDateTime, MAIL_LABELS, typography } from '@app/presentation';
import { AuthenticatedRequest } from '../../auth/auth.decorators';
import { blankForm, failedForm, FormState, PageError } from '../forms';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { setSessionCookie } from '../web-session';

type PageRequest = FastifyRequest & AuthenticatedRequest;

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
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply, @Query('changed') changed?: string, @Query('mail') mail?: string) {
    const lang = this.web.lang(req, res);
    const flash = changed
      ? { type: 'success' as const, message: this.web.labels(req, res).passwordChanged }
      : mail
        ? { type: 'success' as const, message: typography(MAIL_LABELS[lang].settingsSaved, lang) }
        : null;
    await this.page(req, res, blankForm('account'), flash);
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

  private async page(req: PageRequest, res: FastifyReply, formState: FormState, flash: { type: 'success' | 'error'; message: string } | null, status = 200) {
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
