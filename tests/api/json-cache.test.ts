import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { JsonCache } from '../../apps/server/src/common/json-cache';

/** A server answering with whatever value the test sets, through the cache the status route uses. */
async function serving(cache: JsonCache) {
  const state: { value: object } = { value: {} };
  const app = Fastify();
  app.get('/', (req, reply) => cache.send(req, reply, state.value));
  await app.ready();
  return { state, app };
}

describe('JsonCache with a reused list (status snapshots)', () => {
  it('sends exactly the bytes of JSON.stringify, texts with quotes, accents and control characters included', async () => {
    const { state, app } = await serving(new JsonCache('objectives'));
    const objectives = [
      { code: '1-1', title: 'Déployer « Mon espace santé »', nested: { list: [1, 2.5, null], quote: '"\\\u0000' } },
      { code: '1-2', title: 'x', empty: [] },
    ];
    state.value = { asOf: '2025-12-31', objectives, stale: [{ note: '\u0000list\u0000' }], after: true };
    const res = await app.inject('/');
    expect(res.body).toBe(JSON.stringify(state.value));
    expect(JSON.parse(res.body)).toEqual(state.value);
    state.value = { asOf: '2025-12-31', objectives: [], stale: [] };
    expect((await app.inject('/')).body).toBe(JSON.stringify(state.value));
  });

  it('sends a large value, with its length, byte for byte what JSON.stringify gives', async () => {
    const { state, app } = await serving(new JsonCache('objectives'));
    // About 1 MB: 65 objectives of 16 KB, as a status snapshot at a large scale.
    const objectives = Array.from({ length: 65 }, (_, k) => ({
      code: `o-${k}`,
      indicators: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Indicateur n° ${i} « é »` })),
    }));
    state.value = { asOf: '2025-12-31', objectives, stale: [] };
    const res = await app.inject('/');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBeGreaterThan(256 * 1024);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.body).toBe(JSON.stringify(state.value));
  });

  it('serialises each item of the list once, and sends new bytes for an item that was replaced', async () => {
    const { state, app } = await serving(new JsonCache('objectives'));
    const objectives = Array.from({ length: 200 }, (_, k) => ({ code: `o-${k}`, status: 'on_track' }));
    state.value = { asOf: '2025-12-31', objectives, stale: [] };
    const first = await app.inject('/');
    expect(first.body).toBe(JSON.stringify(state.value));
    expect(Number(first.headers['content-length'])).toBe(Buffer.byteLength(first.body));
    // A write replaced objective 150's view; objective 3's was changed in place, which the product
    // never does: its block (the first) is reused as it was serialised, which is what this checks.
    objectives[3].status = 'mutated';
    const next = objectives.map((o, k) => (k === 150 ? { code: 'o-150', status: 'late' } : o));
    state.value = { asOf: '2025-12-31', objectives: next, stale: [] };
    const second = await app.inject('/');
    const parsed = JSON.parse(second.body) as { objectives: { status: string }[] };
    expect(parsed.objectives[150].status).toBe('late');
    expect(parsed.objectives[3].status).toBe('on_track');
    expect(parsed.objectives).toHaveLength(200);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    const again = await app.inject({ url: '/', headers: { 'if-none-match': second.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });
});
