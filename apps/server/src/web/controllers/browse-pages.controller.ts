import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Principal } from '@app/accounts';
import { isIsoDate } from '@app/status';
import { AuthenticatedRequest } from '../../auth/auth.decorators';
import { PagesService } from '../pages.service';
import { TerritorialPagesService } from '../territorial-pages.service';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';
import { parsePeriod, ValidationFailed } from '@app/common';
import { fillLabel, formatDate, formatDateTime, periodLabel, REVIEW_REPORT_LABELS, typography } from '@app/presentation';
import { PublishingService } from '../../publishing/publishing.service';
import { findTerritory, regions } from '@app/territories';

type PageRequest = FastifyRequest & AuthenticatedRequest;

/** Reading pages: dashboard, roadmap tree, objective, bodies. Any signed-in user. */
@WebPages()
@Controller()
export class BrowsePagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly territorial: TerritorialPagesService,
    private readonly web: WebContext,
    private readonly publishing: PublishingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async dashboard(@Req() req: PageRequest, @Res() res: FastifyReply, @Query() q: Record<string, string>) {
    const labels = this.web.labels(req, res);
    const int = (v: string | undefined, max: number) => (v && /^\d{1,2}$/.test(v) && +v >= 1 && +v <= max ? +v : undefined);
    if (q.asOf && !isIsoDate(q.asOf)) throw new ValidationFailed([{ code: 'validation.not_a_date', field: 'asOf' }]);
    const filter = { asOf: q.asOf || undefined, focusArea: int(q.focusArea, 4), priority: int(q.priority, 18), body: q.body || undefined };
    const lang = this.web.lang(req, res);
    // A published period (its statuses as frozen at closing), or the live view.
    const periods = await this.publishing.publishedPeriods();
    if (q.period && !periods.some((p) => p.period === q.period)) {
      throw new ValidationFailed([{ code: 'validation.not_one_of', field: 'period', params: { allowed: periods.map((p) => p.period) } }]);
    }
    const region = q.region || undefined;
    if (region && !findTerritory('region', region)) {
      throw new ValidationFailed([{ code: 'validation.not_one_of', field: 'region', params: { allowed: regions().map((r) => r.code) } }]);
    }
    const published = q.period ? await this.publishing.publishedStatus({ period: q.period }, lang) : null;
    const data = await this.pages.dashboard(filter, lang, published);
    // A region's values are live records: beside a published period's frozen statuses they would mix two views.
    const regional = region && !published ? await this.territorial.region(region, new Set(data.objectiveCodes), data.asOf, lang) : null;
    const words = REVIEW_REPORT_LABELS[lang];
    const publishedView = {
      periodOptions: [
        { value: '', label: words.live, selected: !published },
        ...periods.map((p) => ({ value: p.period, label: periodLabel(parsePeriod(p.period), lang), selected: p.period === published?.published.period })),
      ],
      periodLabel: words.published,
      publishedNote: published
        ? typography(
            fillLabel(words.publishedNote, {
              period: periodLabel(parsePeriod(published.published.period), lang),
              date: formatDateTime(published.published.publishedAt, lang, this.config.timezone),
              asOf: formatDate(published.asOf, lang),
            }),
            lang,
          )
        : null,
    };
    const regionView = { regionOptions: this.territorial.regionOptions(region), regional };
    this.web.send(req, res, req.principal, 'dashboard', { title: labels.navDashboard, nav: 'dashboard', ...data, ...publishedView, ...regionView });
  }

  @Get('roadmap')
  async roadmap(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const labels = this.web.labels(req, res);
    const focusAreas = await this.pages.tree(this.web.lang(req, res));
    this.web.send(req, res, req.principal, 'roadmap', { title: labels.navRoadmap, nav: 'roadmap', focusAreas });
  }

  @Get('objectives/:code')
  async objective(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('code') code: string, @Query('saved') saved?: string) {
    const data = await this.territorial.objective(code, req.principal as Principal, this.web.lang(req, res));
    const labels = this.web.labels(req, res);
    this.web.send(req, res, req.principal, 'objective', {
      title: `${data.objective.code} · ${data.objective.title}`,
      crumb: `${labels.objective} ${data.objective.code}`,
      nav: 'roadmap',
      ...data,
      flash: saved ? { type: 'success', message: labels.saved } : null,
    });
  }

  @Get('bodies')
  bodies(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const labels = this.web.labels(req, res);
    this.web.send(req, res, req.principal, 'bodies', { title: labels.navBodies, nav: 'bodies', bodies: this.pages.bodies(this.web.lang(req, res)) });
  }

  @Get('bodies/:slug')
  async body(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('slug') slug: string) {
    const data = await this.pages.body(slug, this.web.lang(req, res));
    this.web.send(req, res, req.principal, 'body', { title: `${data.body.acronym} · ${data.body.name}`, crumb: data.body.acronym, nav: 'bodies', ...data });
  }
}
