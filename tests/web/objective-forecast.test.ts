import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';

/** Screenshots a person can look at after a run (gitignored). */
const SHOTS = resolve(__dirname, '../../test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const NBSP = '\u00a0';

// Objective 1-1, indicator "documents": 250 M a year by 2023-12-31, 400 M by 2026-12-31.
let t: TestApp;
let url: string;
let browser: Browser;
let page: Page;
let documents: number;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-01-10T09:00:00.000Z' });
  url = await serve(t);
  const admin = await t.login();
  documents = (await request(t.http).get('/api/v1/objectives/1-1').set('Authorization', `Bearer ${admin}`).expect(200)).body.indicators[0].id;
  // 200 M → 273 M in 2025: 0.2 M a day, so 400 M comes 635 days after 2025-12-31, on 2027-09-27.
  for (const [value, observedAt] of [
    [200_000_000, '2024-12-31'],
    [273_000_000, '2025-12-31'],
  ] as const) {
    await request(t.http)
      .post(`/api/v1/indicators/${documents}/measurements`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ value, observedAt, source: 'CNAM' })
      .expect(201);
  }
  browser = await launchChromium();
  page = await signIn(browser, url, ADMIN.email, ADMIN.password, { landsOn: '/' });
}, 60_000);
afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await t?.close();
});

/** The targets table of the documents indicator: header cells and each row's cells. */
async function targetsTable() {
  const table = page.locator(`#indicator-${documents} table`).first();
  const headers = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!.trim())));
  return { headers, rows };
}

describe('the objective page shows each target with its forecast', () => {
  it('in French: a column "Prévision au rythme actuel" with the sentence', async () => {
    await page.goto(`${url}/objectives/1-1`);
    const { headers, rows } = await targetsTable();
    expect(headers[headers.length - 1]).toBe('Prévision au rythme actuel');
    expect(rows.map((r) => r[r.length - 1])).toEqual(['Cible atteinte', `Au rythme actuel, cible atteinte en septembre 2027${NBSP}: 9 mois de retard`]);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`#indicator-${documents}`).screenshot({ path: `${SHOTS}/objective-forecast-fr.png` });
  });

  it('in English, the same forecast in English', async () => {
    await page.goto(`${url}/objectives/1-1?lang=en`);
    const { headers, rows } = await targetsTable();
    expect(headers[headers.length - 1]).toBe('Forecast at the current pace');
    expect(rows.map((r) => r[r.length - 1])).toEqual(['Target reached', 'At the current pace, reached in September 2027: 9 months late']);
    await page.locator(`#indicator-${documents}`).screenshot({ path: `${SHOTS}/objective-forecast-en.png` });
  });

  it('says when there are not enough values', async () => {
    await page.goto(`${url}/objectives/12-1?lang=fr`);
    const table = page.locator('section[id^="indicator-"] table').first();
    const cells = await table.locator('tbody tr td:last-child').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.trim()))).toEqual(new Set(['Pas assez de valeurs pour une prévision']));
  });
});
