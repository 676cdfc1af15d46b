import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import pino, { Level, LoggerOptions } from 'pino';
import { logDestination } from './log-destination';
import { currentRequestId } from './request-context';

function loggerOptions(level: Level | 'silent'): LoggerOptions {
  return {
    level,
    // Credentials never reach the logs: a request is logged as its method and URL, a
    // response as its status, never their headers (so no redaction pass is needed either).
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: req.url }), // its id is the line's reqId
      res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * Fastify's logger: the access log, whose lines carry `reqId` through Fastify's per-request child
 * logger. It shares its asynchronous output with the application's logger, so both write one stream
 * of JSON lines.
 */
export function createRootLogger(level: Level | 'silent'): pino.Logger {
  return pino(loggerOptions(level), logDestination);
}

/**
 * The application's logger (NestJS's Logger, through nestjs-pino): a line written while a request's
 * work runs carries that request's `reqId` (see request-context.ts). A logger of its own so that the
 * access log, which has the id already, is not given it twice; the lookup costs only when a line is
 * written.
 */
export function createAppLogger(level: Level | 'silent'): pino.Logger {
  return pino(
    {
      ...loggerOptions(level),
      // A new object each time: pino merges the line's own fields into it.
      mixin: () => {
        const reqId = currentRequestId();
        return reqId === undefined ? {} : { reqId };
      },
    },
    logDestination,
  );
}

/** Polled by load balancers and probes every few seconds: not logged at all. */
const PROBES = new Set(['/health', '/health/ready']);

/**
 * One access-log line per request, written when it completes (method, URL, status, time).
 * Fastify's "incoming request" line is dropped: the completion line says all it said, at half
 * the writing. Health checks are not logged; Prometheus's scrapes of /metrics (every 15 s or so)
 * are logged at debug level, unless refused (401, 403), which may be a misconfiguration or a probe.
 */
export class AccessLog extends LogController {
  constructor() {
    super({ disableRequestLogging: (req: FastifyRequest) => PROBES.has(req.url) });
  }

  override incomingRequest(): void {
    /* see the class comment */
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (request.url === '/metrics' && reply.statusCode < 400) reply.log.debug(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}
