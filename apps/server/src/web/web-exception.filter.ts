import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localizeError } from '@app/presentation';
import { httpStatusOf, toDomainError } from '../common/error-filter';
import { WebRenderer } from './web-renderer';
import { pageLang } from './web-session';

/**
 * Errors on web pages become pages: not signed in → the sign-in page (coming back afterwards);
 * forbidden, not found, expired form or a fault → an error page in the user's language.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly renderer: WebRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const status = httpStatusOf(exception);
    if (status === HttpStatus.UNAUTHORIZED) {
      res.redirect(`/login?next=${encodeURIComponent(req.method === 'GET' ? req.url : '/')}`, 303);
      return;
    }
    if (status >= 500) this.logger.error({ msg: 'Web page failed', url: req.url, error: (exception as Error)?.message, stack: (exception as Error)?.stack });
    const lang = pageLang(req, res);
    const labels = this.renderer.labels(lang);
    // Other refusals say what was wrong, in the page's language, from the same catalogue as the API.
    const domain = toDomainError(exception, req);
    const said = domain ? localizeError(domain, lang).message : labels.serverError;
    const csrfExpired = exception instanceof HttpException && exception.message === 'csrf';
    const message =
      status === HttpStatus.FORBIDDEN
        ? csrfExpired
          ? labels.formExpired
          : labels.forbidden
        : status === HttpStatus.NOT_FOUND
          ? labels.notFound
          : status === HttpStatus.PAYLOAD_TOO_LARGE || status < 500 || status === HttpStatus.SERVICE_UNAVAILABLE
            ? said
            : labels.serverError;
    res
      .code(status)
      .type('text/html; charset=utf-8')
      .send(this.renderer.render('error', { lang, title: message, path: req.url, status, message, user: null }));
  }
}
