import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { launchChromium, serve } from '../support/browser';

let t: TestApp;
let doc: {
  paths: Record<string, Record<string, { summary?: string; security?: Record<string, string[]>[] }>>;
  components: { securitySchemes: Record<string, Record<string, string>> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** The only routes anyone may call without a token (the documentation itself is not in the document). */
const PUBLIC = ['POST /api/v1/auth/login', 'POST /api/v1/auth/password-reset', 'POST /api/v1/auth/password-reset/confirm', 'GET /health', 'GET /health/ready'];

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ route: `${m.toUpperCase()} ${path}`, op: item[m] })));

beforeAll(async () => {
  t = await startTestApp();
  doc = (await request(t.http).get('/api/docs/openapi.json').expect(200)).body;
});
afterAll(async () => t?.close());

describe('the OpenAPI document', () => {
  it('describes the token as an opaque bearer token, not a JWT, and says where it comes from', () => {
    const scheme = doc.components.securitySchemes.bearer;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
    expect(scheme.description).toContain('POST /api/v1/auth/login');
    expect(scheme.description).toContain('not a JWT');
  });

  it('gives every operation a summary', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(30);
    expect(ops.filter(({ op }) => !op.summary?.trim()).map((o) => o.route)).toEqual([]);
  });

  it('requires the bearer token on every protected operation, and on none of the public ones', () => {
    const ops = operations();
    const secured = (op: { security?: Record<string, string[]>[] }) => op.security?.some((s) => 'bearer' in s) ?? false;
    expect(ops.filter(({ route, op }) => !PUBLIC.includes(route) && !secured(op)).map((o) => o.route)).toEqual([]);
    const publicOps = ops.filter(({ route }) => PUBLIC.includes(route));
    expect(publicOps.map(({ route, op }) => [route, op.security ?? null]).sort()).toEqual(PUBLIC.map((r) => [r, null]).sort());
  });

  it('matches what the server enforces: each protected GET refuses a request without a token', async () => {
    const gets = operations().filter(({ route }) => route.startsWith('GET ') && !PUBLIC.includes(route));
    for (const { route } of gets) {
      const path = route.slice(4).replace(/\{[^}]+\}/g, '1');
      const res = await request(t.http).get(path);
      expect([route, res.status]).toEqual([route, 401]);
    }
    await request(t.http).get('/health').expect(200);
  });
});

describe('Swagger UI', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    url = await serve(t);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('after Authorize with a token, "Try it out" on a protected GET answers 200', async () => {
    const token = await t.login();
    const page = await browser.newPage();
    try {
      await page.goto(`${url}/api/docs`);
      await page.locator('button.authorize').click();
      const dialog = page.locator('.dialog-ux');
      await dialog.locator('input[type=text], input[type=password]').first().fill(token);
      await dialog.locator('button.modal-btn.authorize').click();
      await dialog.locator('button.btn-done').click();

      const op = page.locator('#operations-status-StatusController_get');
      await op.locator('.opblock-summary').click();
      await op.getByRole('button', { name: 'Try it out' }).click();
      await op.getByRole('button', { name: 'Execute' }).click();
      const code = op.locator('.live-responses-table .response .response-col_status').first();
      await expect.poll(() => code.textContent(), { timeout: 15_000 }).toContain('200');
      // The request Swagger UI shows carries the token.
      expect(await op.locator('.curl-command').first().textContent()).toContain(`Authorization: Bearer ${token}`);
    } finally {
      await page.close();
    }
  }, 60_000);
});
