import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';
import { objectiveIds } from '../support/roadmap';
import { openReviewPeriod, seedUpdate } from '../support/review';

/** The dashboard's period selector: the live view, or a published period's frozen statuses. */
const SHOTS = resolve(__dirname, '../../test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const PASSWORD = 'a-long-enough-password';
let t: TestApp;
let url: string;
let browser: Browser;
let page: Page;
let documents: number;

beforeAll(async () => {
  t = await startTestApp({ now: '2027-01-10T09:00:00.000Z' });
  const admin = await t.login();
  const auth = { Authorization: `Bearer ${admin}` };
  documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  await request(t.http)
    .post(`/api/v1/indicators/${documents}/measurements`)
    .set(auth)
    .send({ value: 410_000_000, observedAt: '2026-12-31', source: 'CNAM' })
    .expect(201);
  await openReviewPeriod(t, '2026-Q4');
  await seedUpdate(t, '2026-Q4', { code: '1-1', state: 'validated', content: { confidence: 'secured', progress: 'Objectif dépassé.' } });
  t.clock.set('2027-01-20T09:00:00.000Z');
  await request(t.http)
    .post('/api/v1/reviews/2026-Q4/close')
    .set({ Authorization: `Bearer ${await t.login()}` })
    .send({ force: true })
    .expect(200);
  await request(t.http)
    .post('/api/v1/users')
    .set({ Authorization: `Bearer ${await t.login()}` })
    .send({ email: 'lecteur@dns.fr', name: 'Lecteur', password: PASSWORD, role: 'viewer', bodies: [] })
    .expect(201);
  url = await serve(t);
  browser = await launchChromium();
  page = await signIn(browser, url, 'lecteur@dns.fr', PASSWORD, { landsOn: '/' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the dashboard of a published period', () => {
  it('offers the live view and each closed period, in words', async () => {
    await expect(page.getByLabel('Période publiée').locator('option').allTextContents()).resolves.toEqual(['Vue en direct', '4ᵉ trimestre 2026']);
    await expect(page.locator('.fr-notice').count()).resolves.toBe(0);
  });

  it('shows the statuses frozen at closing, saying so', async () => {
    await page.getByLabel('Période publiée').selectOption('2026-Q4');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/period=2026-Q4/);
    await page.waitForFunction(() => document.body.dataset.chartsReady === 'true');
    const note = (await page.locator('.fr-notice__title').textContent())!.replace(/\s+/g, ' ');
    expect(note).toBe('Statuts publiés à la clôture de la revue « 4ᵉ trimestre 2026 », le 20 janvier 2027 à 10 h 00 : situation au 31 décembre 2026, figée.');
    await expect(page.getByRole('heading', { level: 2, name: /Objectifs par statut/ }).textContent()).resolves.toContain('31 décembre 2026');
    // No date field: a published period has its own date.
    await expect(page.locator('#asOf').count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(SHOTS, 'dashboard-published-2026-Q4.png'), fullPage: false });
  });

  it('refuses a period that is not published, saying which are', async () => {
    const res = await page.goto(`${url}/?period=2026-Q3`);
    expect(res!.status()).toBe(400);
  });
});
