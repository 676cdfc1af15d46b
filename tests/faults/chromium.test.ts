import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { PdfPrinter } from '@app/reports';
import { startTestApp, TestApp } from '../support/app';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ env: { REPORT_RENDER_TIMEOUT_MS: '5000' } });
  admin = await t.login();
});
afterAll(async () => t.close());

const generate = () =>
  request(t.http).post('/api/v1/reports').set('Authorization', `Bearer ${admin}`).send({ kind: 'objective', scope: '1-1', period: '2025-Q1', format: 'pdf' });

describe('Chromium failing under the server', () => {
  it('answers a clear 503 when Chromium is killed mid-render, then renders again; the server stays up', async () => {
    await generate().expect(201); // a warm browser
    const printer = t.app.get(PdfPrinter);
    const pid = printer.pid!;
    const started = Date.now();
    const pending = generate().then((r) => r);
    // Kill it once the PDF is really being printed (the report's figures are computed before).
    while (printer.printing === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    process.kill(pid, 'SIGKILL');
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'report.printer_failed' });
    expect(res.body.message).toMatch(/^Le rapport n’a pas pu être imprimé en PDF/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await request(t.http).get('/health').expect(200);
    const next = await generate().expect(201);
    expect(next.body.byteSize).toBeGreaterThan(5_000);
    expect(printer.pid).not.toBe(pid);
  }, 60_000);

  it('answers a clear 503 within the timeout when Chromium hangs, then renders again', async () => {
    const printer = t.app.get(PdfPrinter);
    await generate().expect(201);
    const pid = printer.pid!;
    process.kill(pid, 'SIGSTOP'); // frozen, not dead: the worst case
    const started = Date.now();
    const res = await generate();
    const took = Date.now() - started;
    console.log('hung render answered after ms', took, res.status);
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      /* already killed by the printer */
    }
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'report.printer_timeout' });
    expect(res.body.message).toBe('L’impression du PDF n’a pas abouti en 5\u00a0s\u202f; l’imprimeur a été relancé\u00a0: réessayez.');
    expect(took).toBeLessThan(9_000);
    await request(t.http).get('/health').expect(200);
    const t0 = Date.now();
    const after = await generate();
    console.log('after-hang render ms', Date.now() - t0);
    expect(after.status, after.body.message).toBe(201);
  }, 60_000);
});
