import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** Stands for the reused list while the rest of the value is stringified; JSON escapes it, so no text can forge it. */
const LIST_MARK = '\u0000list\u0000';
const MARK_JSON = JSON.stringify(LIST_MARK);
const COMMA = Buffer.from(',');

interface Entry {
  body: Buffer;
  etag: string;
}

/**
 * Serialises a cached value once: the same snapshot or roadmap object is sent as the same bytes,
 * with the same ETag, until the object itself is replaced (by a write or a reload), instead of
 * re-stringifying and re-hashing megabytes for every request.
 *
 * A value whose `reusedList` holds objects that outlive it (a status snapshot after a write keeps
 * the views of every objective the write did not touch) has each item of that list serialised once:
 * a new snapshot costs the JSON of the objectives that changed, and copying the others' bytes. (Sending
 * those pieces without the copy was tried: with no megabyte buffer per snapshot, V8 collected the old
 * generation less often and the server peaked 60 MB higher under writes.)
 */
export class JsonCache {
  private readonly entries = new WeakMap<object, Entry>();
  private readonly items = new WeakMap<object, Buffer>();

  constructor(private readonly reusedList?: string) {}

  /** Sends the value, or 304 when the client already holds this exact version (If-None-Match). */
  send(req: FastifyRequest, reply: FastifyReply, value: object): void {
    let entry = this.entries.get(value);
    if (entry === undefined) this.entries.set(value, (entry = this.entry(value)));
    reply.header('etag', entry.etag).header('cache-control', 'private, no-cache');
    if (req.headers['if-none-match'] === entry.etag) {
      reply.code(304).send();
      return;
    }
    reply.type('application/json; charset=utf-8').send(entry.body);
  }

  private entry(value: object): Entry {
    const body = Buffer.concat(this.serialise(value));
    return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  }

  /** The bytes of `JSON.stringify(value)`, in pieces: before the reused list, its items and commas, after it. */
  private serialise(value: object): Buffer[] {
    const list = this.reusedList === undefined ? undefined : (value as Record<string, unknown>)[this.reusedList];
    if (!Array.isArray(list) || list.length === 0) return [Buffer.from(JSON.stringify(value))];
    const outline = JSON.stringify({ ...value, [this.reusedList!]: LIST_MARK });
    const at = outline.indexOf(MARK_JSON);
    const pieces: Buffer[] = [Buffer.from(`${outline.slice(0, at)}[`)];
    list.forEach((item: unknown, k) => {
      if (k > 0) pieces.push(COMMA);
      pieces.push(this.item(item));
    });
    pieces.push(Buffer.from(`]${outline.slice(at + MARK_JSON.length)}`));
    return pieces;
  }

  private item(item: unknown): Buffer {
    if (typeof item !== 'object' || item === null) return Buffer.from(JSON.stringify(item) ?? 'null');
    let bytes = this.items.get(item);
    if (bytes === undefined) this.items.set(item, (bytes = Buffer.from(JSON.stringify(item))));
    return bytes;
  }
}
