import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuthenticatedRequest, Public } from '../../auth/auth.decorators';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;

/**
 * The pages every State site carries, linked from the footer and open to anyone (no sign-in):
 * accessibility statement, legal notice, personal data, and the site map. Their prose is in one
 * template per language (`<page>.fr.hbs`, `<page>.en.hbs`); what varies per deployment (publisher,
 * host, contacts) comes from the settings.
 */
@WebPages()
@Public()
@Controller()
export class LegalPagesController {
  constructor(
    private readonly web: WebContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('accessibilite')
  accessibility(@Req() req: PageRequest, @Res() res: FastifyReply) {
    this.page(req, res, 'accessibility', this.web.site(req, res).accessibilityTitle);
  }

  @Get('mentions-legales')
  legalNotice(@Req() req: PageRequest, @Res() res: FastifyReply) {
    this.page(req, res, 'legal-notice', this.web.site(req, res).legalNotice);
  }

  @Get('donnees-personnelles')
  personalData(@Req() req: PageRequest, @Res() res: FastifyReply) {
    this.page(req, res, 'personal-data', this.web.site(req, res).personalData);
  }

  @Get('plan-du-site')
  sitemap(@Req() req: PageRequest, @Res() res: FastifyReply) {
    this.web.send(req, res, req.principal, 'sitemap', { title: this.web.site(req, res).sitemap });
  }

  private page(req: PageRequest, res: FastifyReply, page: string, title: string) {
    const lang = this.web.lang(req, res);
    const { auth, backups, publisher } = this.config;
    this.web.send(req, res, req.principal, `${page}.${lang}`, {
      title,
      legal: {
        publisher,
        ministry: publisher.ministry.join(' '),
        sessionTtlHours: auth.sessionTtlHours,
        tokenTtlHours: auth.tokenTtlHours,
        apiTokenMaxDays: auth.apiTokenMaxDays,
        backupKeep: backups.keep,
      },
    });
  }
}
