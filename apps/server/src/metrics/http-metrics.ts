import type { FastifyInstance } from 'fastify';
import { Metrics } from './metrics';

/** The route label of a request no route matched (a 404): one series, whatever was asked for. */
export const UNMATCHED_ROUTE = 'unmatched';
/** The web app's not-found page answers every GET no other route does (web/controllers/not-found.controller.ts). */
const CATCH_ALL = '/*';

/**
 * Times every answered request into http_request_duration_seconds, labelled by the route's pattern
 * (`/api/v1/objectives/:code`), never the raw URL, so that the number of series stays bounded.
 * Runs after the answer is sent: the client does not wait for it.
 */
export function attachHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const pattern = request.routeOptions.url;
    const route = request.is404 || pattern === undefined || pattern === CATCH_ALL ? UNMATCHED_ROUTE : pattern;
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
