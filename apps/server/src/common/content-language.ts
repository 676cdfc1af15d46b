import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestLang } from './request-lang';

/**
 * Every API answer is in the language asked for (roadmap texts, error messages): it says which one
 * (Content-Language) and that it depends on Accept-Language (Vary), so a shared cache never hands a
 * French answer to an English client. Set in the server's onRequest hook rather than by a NestJS
 * interceptor: an interceptor costs an RxJS pipeline and an async-context binding on every request.
 */
export function setLanguageHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('content-language', requestLang(req));
  reply.header('vary', 'Accept-Language');
}
