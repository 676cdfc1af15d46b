import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorKind, NotFound, Problem } from '@app/common';
import { Lang, localizeError, localizeProblems } from '@app/presentation';
import { requestLang } from './request-lang';

/** The one place a kind of refusal becomes an HTTP status. */
export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  too_many: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** What a framework error (NestJS's router, the throttler, Fastify's body parsers) means, by status. */
const KIND_OF_STATUS: Record<number, { kind: ErrorKind; code: string }> = {
  400: { kind: 'validation', code: 'request.bad' },
  401: { kind: 'unauthorized', code: 'auth.sign_in_required' },
  403: { kind: 'forbidden', code: 'request.forbidden' },
  405: { kind: 'validation', code: 'request.method_not_allowed' },
  413: { kind: 'too_large', code: 'request.too_large' },
  415: { kind: 'validation', code: 'request.unsupported_media_type' },
  429: { kind: 'too_many', code: 'request.too_many' },
  503: { kind: 'unavailable', code: 'server.unavailable' },
};

/** An error that is not a domain error yet, or null for a fault of ours (500). */
export function toDomainError(e: unknown, req?: FastifyRequest): DomainError | null {
  if (e instanceof DomainError) return e;
  const status = e instanceof HttpException ? e.getStatus() : (e as { statusCode?: unknown })?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 600) return null;
  if (status === 404) return new NotFound('not_found.route', { method: req?.method ?? '', path: (req?.url ?? '').split('?')[0].slice(0, 200) });
  const known = KIND_OF_STATUS[status] ?? (status < 500 ? { kind: 'validation' as const, code: 'request.bad' } : null);
  return known ? new DomainError(known.kind, known.code) : null;
}

/** The HTTP status of any error: a domain error's by its kind, a framework error's own, else 500. */
export function httpStatusOf(e: unknown): number {
  if (e instanceof DomainError) return STATUS_OF_KIND[e.kind];
  if (e instanceof HttpException) return e.getStatus();
  const status = (e as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : HttpStatus.INTERNAL_SERVER_ERROR;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors: { code: string; field: string | null; line?: number | null; message: string }[];
  [detail: string]: unknown;
}

/**
 * The body of every refused API request, in the reader's language:
 * `{statusCode, code, message, errors: [{code, field, message}]}`. `field` stays the API's name
 * (`observedAt`); the message uses its label ("Date de la valeur : …"). Extra details of an error
 * (an import's report) come along; a `problems` list among them is put into words too.
 */
export function errorBody(e: unknown, lang: Lang, req?: FastifyRequest): ErrorBody {
  const status = httpStatusOf(e);
  const domain = toDomainError(e, req) ?? new DomainError('unavailable', 'server.error');
  const { code, message, errors } = localizeError(domain, lang);
  const details = { ...(domain.details ?? {}) };
  if (Array.isArray(details.problems)) details.problems = localizeProblems(details.problems as Problem[], lang);
  return { statusCode: status, code, message, errors, ...details };
}

/**
 * Maps every error of the API to HTTP once: status from the domain error's kind, body in the
 * request's language (`?lang=`, then `Accept-Language`, French by default). Web pages have their
 * own filter (WebExceptionFilter), which answers with pages.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const status = httpStatusOf(exception);
    if (status >= 500 && !(exception instanceof DomainError)) {
      // reqId from the request itself: the API's reads run outside the request context (request-context.ts).
      this.logger.error({ msg: 'Request failed', reqId: req.id, url: req.url, error: (exception as Error)?.message, stack: (exception as Error)?.stack });
    }
    // A framework error with a body of its own making (the health check's) keeps it.
    if (exception instanceof HttpException && !(exception instanceof DomainError)) {
      const own = exception.getResponse();
      if (typeof own === 'object' && own !== null && !('message' in own)) {
        res.code(status).send(own);
        return;
      }
    }
    res.code(status).send(errorBody(exception, requestLang(req), req));
  }
}
