import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { requestLang } from './request-lang';

/**
 * On routes that serve the roadmap's texts in the language asked for: says which one it is
 * (Content-Language) and that the answer depends on Accept-Language (Vary), so a shared cache never
 * hands a French answer to an English client. `?lang=` is part of the URL, so it needs no Vary.
 */
@Injectable()
export class ContentLanguage implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    reply.header('content-language', requestLang(http.getRequest<FastifyRequest>()));
    const vary = reply.getHeader('vary');
    if (!vary) reply.header('vary', 'Accept-Language');
    else if (!/accept-language/i.test(String(vary))) reply.header('vary', `${vary}, Accept-Language`);
    return next.handle();
  }
}
