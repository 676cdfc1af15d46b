import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import pino, { Level } from 'pino';
import { logDestination } from './log-destination';

/**
 * The one pino logger of the process: Fastify writes the access log with it and NestJS's own
 * messages go through it (nestjs-pino), so both share one format and one asynchronous output.
 */
export function createRootLogger(level: Level | 'silent'): pino.Logger {
  return pino(
    {
      level,
      // Credentials never reach the logs: a request is logged as its method and URL, a
      // response as its status, never their headers (so no redaction pass is needed either).
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: req.url }), // its id is the line's reqId
        res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
      },
    },
    logDestination,
  );
}

/**
 * One access-log line per request, written when it completes (method, URL, status, time).
 * Fastify's "incoming request" line is dropped: the completion line says all it said, at half
 * the writing. Health checks, polled by load balancers, are not logged.
 */
export class AccessLog extends LogController {
  constructor() {
    super({ disableRequestLogging: (req: FastifyRequest) => req.url === '/health' });
  }

  override incomingRequest(): void {
    /* see the class comment */
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
