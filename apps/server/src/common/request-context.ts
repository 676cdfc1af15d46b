import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import type { AppConfig } from '@app/config';

/**
 * The id of the request whose work is running, so that the application's own log lines carry the
 * `reqId` of the access-log line (see createAppLogger).
 *
 * On Node 20 an enabled AsyncLocalStorage hooks every promise the whole process creates: kept enabled,
 * it cost 20 to 35% of a `GET /api/v1/roadmap` (measured). So, as Database does for its units of work,
 * it is enabled only while a request that needs it is in flight, and the hot paths never enter it:
 * the API's reads (GET and HEAD under /api/), static files, /health and /metrics. None of them logs
 * a line of its own; a failure among them is logged by the exception filter, which takes the id from
 * the request itself. Every other route (writes, web pages, sign-in) runs in the context.
 */
const requestIds = new AsyncLocalStorage<string>();
/** Requests running in the context now; at 0 the storage is disabled again. */
let inFlight = 0;

/** The id of the request this code runs for, if it runs in one's context. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/** Makes every route registered from now on (all of NestJS's) that may log enter its request's context. */
export function attachRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (!needsContext(route)) return;
    // After body parsing, which resumes in the socket's async context: the handler and its guards follow.
    route.preHandler = [enterContext, ...[route.preHandler ?? []].flat()];
  });
}

function needsContext(route: RouteOptions): boolean {
  const url = route.url;
  if (url === '/metrics' || url === '/health' || url.startsWith('/health/') || url.startsWith('/assets/')) return false;
  const reads = [route.method].flat().every((m) => m === 'GET' || m === 'HEAD');
  return !(reads && url.startsWith('/api/'));
}

function enterContext(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (reply.raw.closed) return done(); // the client has gone: nothing will be answered, nothing to tag
  inFlight++;
  reply.raw.once('close', leaveContext); // emitted once the response is sent, or the connection lost
  requestIds.run(request.id, done);
}

function leaveContext(): void {
  if (--inFlight === 0) requestIds.disable();
}

/** What an incoming X-Request-Id may be: an id, never text to put in a log. */
const INCOMING_ID = /^[\w.:-]{1,128}$/;

/**
 * Request ids: `<8 hex digits drawn at start>-<counter>`, unique across instances and restarts, so
 * logs gathered from several instances do not mix two requests. Behind a trusted proxy (TRUST_PROXY set),
 * the proxy's `X-Request-Id` is taken instead, so that its log and ours name the request alike; the
 * proxy must set it on every request (replacing a client's), since a client reaching the server
 * directly could send one too. Without TRUST_PROXY the header is ignored.
 */
export function requestIdGenerator(trustProxy: AppConfig['trustProxy']): (req: IncomingMessage) => string {
  const prefix = randomBytes(4).toString('hex');
  let next = 0;
  const own = () => {
    next = (next + 1) & 0x7fffffff; // stays a small integer, as Fastify's own counter does
    return `${prefix}-${next.toString(36)}`;
  };
  if (trustProxy === false || trustProxy === 0) return own;
  return (req) => {
    const incoming = req.headers['x-request-id'];
    return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : own();
  };
}
