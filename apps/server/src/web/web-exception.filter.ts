import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localizeError } from '@app/presentation';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { httpStatusOf, toDomainError } from '../common/error-filter';
import { WebContext } from './web-context';
import { pageLang } from './web-session';

/**
 * Errors on web pages become pages: not signed in → the sign-in page (coming back afterwards);
 * forbidden, not found, expired form or a fault → an error page in the user's language, inside the
 * full layout (header, navigation, breadcrumb, footer) with links to go on from there.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly web: WebContext) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const status = httpStatusOf(exception);
    if (status === HttpStatus.UNAUTHORIZED) {
      res.redirect(`/login?next=${encodeURIComponent(req.method === 'GET' ? req.url : '/')}`, 303);
      return;
    }
    if (status >= 500) this.logger.error({ msg: 'Web page failed', url: req.url, error: (exception as Error)?.message, stack: (exception as Error)?.stack });
    if (res.sent) return;
    // Other refusals say what was wrong, in the page's language, from the same catalogue as the API.
    const csrfExpired = exception instanceof HttpException && exception.message === 'csrf';
    const domain = csrfExpired ? null : toDomainError(exception, req);
    const said = domain ? localizeError(domain, pageLang(req, res)).message : undefined;
    try {
      this.web.sendError(req, res, req.principal, status, csrfExpired ? 'csrf' : said);
    } catch (e) {
      // The error page itself failed: a plain answer rather than none.
      this.logger.error({ msg: 'Error page failed', url: req.url, error: (e as Error)?.message });
      res.code(status).type('text/plain; charset=utf-8').send(String(status));
    }
  }
}
