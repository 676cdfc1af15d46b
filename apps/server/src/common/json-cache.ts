import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';

/**
 * Serialises a cached value once: the same snapshot or roadmap object is sent as the same bytes,
 * with the same ETag, until the object itself is replaced (by a write or a reload), instead of
 * re-stringifying and re-hashing megabytes for every request.
 */
export class JsonCache {
  private readonly entries = new WeakMap<object, { body: Buffer; etag: string }>();

  /** Sends the value, or 304 when the client already holds this exact version (If-None-Match). */
  send(req: Request, res: Response, value: object): void {
    let entry = this.entries.get(value);
    if (entry === undefined) {
      const body = Buffer.from(JSON.stringify(value));
      entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      this.entries.set(value, entry);
    }
    res.setHeader('ETag', entry.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === entry.etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(entry.body);
  }
}
