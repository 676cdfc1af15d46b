import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Lang, negotiateLang } from '@app/presentation';

/** The language an API request asks for (`?lang=`, then `Accept-Language`; French by default). */
export function requestLang(req: FastifyRequest): Lang {
  const query = (req.query as Record<string, unknown> | undefined)?.lang;
  const header = req.headers['accept-language'];
  return negotiateLang(query, Array.isArray(header) ? header[0] : header);
}

/** `@RequestLang() lang: Lang` in a controller method. */
export const RequestLang = createParamDecorator((_: unknown, ctx: ExecutionContext): Lang => requestLang(ctx.switchToHttp().getRequest<FastifyRequest>()));
