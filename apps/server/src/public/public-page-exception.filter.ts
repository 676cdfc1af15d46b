import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fill, localizeError, siteLabels } from '@app/presentation';
import { httpStatusOf, toDomainError } from '../common/error-filter';
import { WebRenderer } from '../web/web-renderer';
import { pageLang } from '../web/web-session';

/**
 * Errors on a public page become a page of the public view (its layout, links back to /public),
 * never the staff app's sign-in or navigation. A fault says nothing of its inside.
 */
@Catch()
export class PublicPageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Public');

  constructor(private readonly renderer: WebRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const status = httpStatusOf(exception);
    if (status >= 500) this.logger.error({ msg: 'Public page failed', url: req.url, error: (exception as Error)?.message });
    if (res.sent) return;
    const lang = pageLang(req, res);
    const site = siteLabels(lang);
    const domain = status < 500 ? toDomainError(exception, req) : null;
    const heading = status === 404 ? site.notFoundTitle : status < 500 ? site.badRequestTitle : site.serverErrorTitle;
    const message = domain ? localizeError(domain, lang).message : status === 404 ? site.notFoundText : site.serverErrorHelp;
    const html = this.renderer.render('public/error', {
      title: `${heading} (${fill(site.errorCode, status)})`,
      crumb: heading,
      lang,
      path: req.url,
      publicSite: true,
      heading,
      message,
      status,
    });
    res.header('Cache-Control', 'no-store');
    res.code(status).type('text/html; charset=utf-8').send(html);
  }
}
