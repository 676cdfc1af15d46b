import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Lang, webLabels } from '@app/presentation';
import { Public } from '../auth/auth.decorators';
import { sendReport } from '../reports/report-file';
import { WebRenderer } from '../web/web-renderer';
import { pageLang } from '../web/web-session';
import { PublicPageExceptionFilter } from './public-page-exception.filter';
import { PublicPagesService } from './public-pages.service';
import { publicCache, PUBLIC_MAX_AGE, publicPageCache } from './public-http';
import { PublishedPeriod, PublicService } from './public.service';

/** Rendered pages kept in memory per instance: every page of a period in both languages (about 150). */
const PAGES_KEPT = 200;

/** Which entry of the public view's own navigation is current. */
type PublicNav = 'dashboard' | 'roadmap' | 'reports' | 'open-data';

/**
 * The public view (PUBLIC_SITE): the last published period for anyone, without sign-in, in the
 * staff pages' layout without their navigation. Registered only when PUBLIC_SITE is true.
 */
@ApiExcludeController()
@Public()
@UseFilters(PublicPageExceptionFilter)
@Controller('public')
export class PublicPagesController {
  /** Rendered pages by period key, language and address (see send). */
  private readonly rendered = new Map<string, string>();

  constructor(
    private readonly publics: PublicService,
    private readonly pages: PublicPagesService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async dashboard(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Query('focusArea') focusArea?: string) {
    const lang = pageLang(req, res);
    const latest = await this.publics.latest();
    if (!latest) return this.nothingPublished(req, res, lang);
    const area = focusArea && /^[1-4]$/.test(focusArea) ? Number(focusArea) : undefined;
    await this.send(req, res, lang, latest, 'dashboard', area ? `/public?focusArea=${area}` : '/public', async () => ({
      title: webLabels(lang).publicHome,
      ...(await this.pages.dashboard(latest, lang, area)),
      focusArea: area,
    }));
  }

  @Get('feuille-de-route')
  async roadmap(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const lang = pageLang(req, res);
    const latest = await this.publics.latestOrFail();
    await this.send(req, res, lang, latest, 'roadmap', '/public/feuille-de-route', async () => ({
      title: webLabels(lang).publicNavRoadmap,
      focusAreas: await this.pages.tree(latest, lang),
    }));
  }

  @Get('objectifs/:code')
  async objective(@Req() req: FastifyRequest, @Res() res: FastifyReply, @Param('code') code: string) {
    const lang = pageLang(req, res);
    const latest = await this.publics.latestOrFail();
    await this.send(req, res, lang, latest, 'objective', `/public/objectifs/${code}`, async () => {
      const data = await this.pages.objective(latest, code, lang);
      const words = webLabels(lang);
      return {
        title: `${data.objective.code} · ${data.objective.title}`,
        crumb: `${words.objective} ${data.objective.code}`,
        breadcrumb: [{ label: words.publicNavRoadmap, href: '/public/feuille-de-route' }],
        publicNav: 'roadmap' as const,
        ...data,
      };
    });
  }

  /** Not kept in memory: the official reports may be made after the closing (a failure retried). */
  @Get('rapports')
  async reports(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const lang = pageLang(req, res);
    const latest = await this.publics.latestOrFail();
    const reports = await this.pages.reports(latest, lang);
    await this.send(req, res, lang, latest, 'reports', '/public/rapports', async () => ({ title: webLabels(lang).publicReportsTitle, reports }), false);
  }

  @Get('rapports/:id')
  async report(@Param('id') id: string, @Res() res: FastifyReply) {
    const report = await this.publics.report(id);
    publicCache(res, PUBLIC_MAX_AGE.file);
    sendReport(res, report, false);
  }

  /** Not kept in memory: every published period is listed, and an older one may be closed after the latest. */
  @Get('donnees-ouvertes')
  async openData(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const lang = pageLang(req, res);
    const latest = await this.publics.latestOrFail();
    const periods = await this.pages.openData(lang);
    await this.send(
      req,
      res,
      lang,
      latest,
      'open-data',
      '/public/donnees-ouvertes',
      async () => ({ title: webLabels(lang).publicOpenDataTitle, periods }),
      false,
    );
  }

  /**
   * Renders a page of the period, or answers the copy rendered before: a page depends only on the
   * published period (its key), the language and its canonical address (other query parameters are
   * ignored, so the pages kept stay few), so it is made once per instance.
   */
  private async send(
    req: FastifyRequest,
    res: FastifyReply,
    lang: Lang,
    period: PublishedPeriod,
    page: string,
    path: string,
    build: () => Promise<{ title: string; publicNav?: PublicNav; [key: string]: unknown }>,
    keep = true,
  ) {
    const key = `${period.key}|${lang}|${path}`;
    let html = keep ? this.rendered.get(key) : undefined;
    if (html === undefined) {
      const context = await build();
      html = this.renderer.render(`public/${page}`, {
        ...context,
        lang,
        path,
        publicSite: true,
        publicNav: context.publicNav ?? (page as PublicNav),
        published: this.pages.header(period, lang),
      });
      if (keep) this.keep(key, html);
    }
    publicPageCache(req, res);
    res.type('text/html; charset=utf-8').send(html);
  }

  /** At most PAGES_KEPT pages, the oldest dropped first, whatever addresses are asked for. */
  private keep(key: string, html: string) {
    this.rendered.set(key, html);
    while (this.rendered.size > PAGES_KEPT) this.rendered.delete(this.rendered.keys().next().value!);
  }

  private nothingPublished(req: FastifyRequest, res: FastifyReply, lang: Lang) {
    const html = this.renderer.render('public/nothing', { title: webLabels(lang).publicNothingTitle, lang, path: req.url, publicSite: true });
    publicPageCache(req, res);
    res.type('text/html; charset=utf-8').send(html);
  }
}
