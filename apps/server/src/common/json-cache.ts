import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * Serialises a cached value once: the same snapshot or roadmap object is sent as the same bytes,
 * with the same ETag, until the object itself is replaced (by a write or a reload), instead of
 * re-stringifying and re-hashing megabytes for every request.
 */
export class JsonCache {
  private readonly entries = new WeakMap<object, { body: Buffer; etag: string }>();

  /** Sends the value, or 304 when the client already holds this exact version (If-None-Match). */
  send(req: FastifyRequest, reply: FastifyReply, value: object): void {
    let entry = this.entries.get(value);
    if (entry === undefined) {
      const body = Buffer.from(JSON.stringify(value));
      entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      this.entries.set(value, entry);
    }
    reply.header('etag', entry.etag).header('cache-control', 'private, no-cache');
    if (req.headers['if-none-match'] === entry.etag) {
      reply.code(304).send();
      return;
    }
    reply.type('application/json; charset=utf-8').send(entry.body);
  }
}
