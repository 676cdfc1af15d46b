import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { launchChromium, serve, signIn } from '../support/browser';
import { recordFullerStory, recordScenario } from '../support/scenario';

/** The milestone charts of the dashboard and of a body's page, drawn by Chromium. */
const SHOTS = resolve(__dirname, '../../test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const PASSWORD = 'a-long-enough-password';
let t: TestApp;
let url: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  t = await startTestApp({ now: '2024-01-15T09:00:00.000Z' });
  await recordScenario(t);
  await recordFullerStory(t); // 10 October 2025
  url = await serve(t);
  const admin = await t.login();
  await request(t.http)
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${admin}`)
    .send({ email: 'lecteur@dns.fr', name: 'Lecteur', password: PASSWORD, role: 'viewer', bodies: [] })
    .expect(201);
  browser = await launchChromium();
  page = await signIn(browser, url, 'lecteur@dns.fr', PASSWORD, { landsOn: '/' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What chart.js drew on a canvas: its type, datasets and the canvas' height on the page. */
const drawn = (id: string) =>
  page.evaluate((chartId) => {
    const canvas = document.querySelector(`canvas[data-chart="${chartId}"]`) as HTMLCanvasElement | null;
    type Drawn = { config: { type: string }; data: { datasets: { label: string; data: unknown[] }[] } };
    const chart = canvas && (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => Drawn | undefined } }).Chart.getChart(canvas);
    if (!canvas || !chart) return null;
    return {
      type: chart.config.type,
      datasets: chart.data.datasets.map((d) => ({ label: d.label, points: d.data })),
      height: canvas.getBoundingClientRect().height,
    };
  }, id);
const ready = () => page.waitForFunction(() => document.body.dataset.chartsReady === 'true');

describe('the dashboard', () => {
  beforeAll(async () => {
    await page.goto(`${url}/?asOf=2025-10-10`);
    await ready();
  });

  it('shows the milestones per state and focus area, with their table', async () => {
    await expect(page.getByRole('heading', { name: 'Jalons', level: 2 }).count()).resolves.toBe(1);
    const counts = await drawn('milestone-counts');
    expect(counts).toMatchObject({ type: 'bar' });
    expect(counts!.datasets.map((d) => d.label)).toEqual(['Réalisé', 'En cours', 'Non commencé', 'En retard']);
    const total = counts!.datasets.flatMap((d) => d.points as number[]).reduce((a, b) => a + b, 0);
    expect(total).toBe(54); // every milestone of the roadmap, each in one state
    const table = page.locator('#chart-milestone-counts table');
    await expect(table.locator('th').allTextContents()).resolves.toEqual(['Axe', 'Réalisé', 'En cours', 'Non commencé', 'En retard', 'Total']);
    await expect(table.locator('tbody tr').count()).resolves.toBe(4);
  });

  it('shows one Gantt per focus area, as tall as its rows, with the as-of line', async () => {
    const heights: number[] = [];
    for (const id of ['gantt-1', 'gantt-2', 'gantt-3', 'gantt-4']) {
      const g = await drawn(id);
      expect(g, id).toMatchObject({ type: 'scatter' });
      heights.push(g!.height);
    }
    const rows = await page.evaluate(() =>
      ['gantt-1', 'gantt-2', 'gantt-3', 'gantt-4'].map(
        (id) => JSON.parse(document.querySelector(`script[data-chart-spec="${id}"]`)!.textContent!).data.rows.length,
      ),
    );
    // Taller with more rows, and at least 20 px a row.
    for (let k = 0; k < 4; k++) expect(heights[k]).toBeGreaterThanOrEqual(rows[k] * 20);
    expect(heights[rows.indexOf(Math.max(...rows))]).toBe(Math.max(...heights));
    const today = await page.evaluate(() => JSON.parse(document.querySelector('script[data-chart-spec="gantt-1"]')!.textContent!).data.today);
    expect(today.label).toBe('Situation au 10 octobre 2025');
    expect(await page.evaluate(() => Number(document.body.dataset.chartsDrawn))).toBe(await page.locator('canvas[data-chart]').count());
    await page.locator('.fdr-milestones').screenshot({ path: `${SHOTS}/dashboard-milestones.png` });
  });
});

describe("a body's page", () => {
  it('shows the milestone charts of what CNAM leads and contributes to', async () => {
    await page.goto(`${url}/bodies/cnam`);
    await ready();
    await expect(page.getByRole('heading', { name: 'Jalons', level: 2 }).count()).resolves.toBe(1);
    expect(await drawn('milestone-counts')).toMatchObject({ type: 'bar' });
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('script[data-chart-spec^="gantt-"]')).flatMap((el) =>
        JSON.parse(el.textContent!).data.rows.map((r: { label: string }) => r.label.split(' · ')[0]),
      ),
    );
    // CNAM's objectives with a milestone or a target, each on one row.
    expect(rows).toContain('1-2');
    expect(rows).toContain('14-1');
    expect(new Set(rows).size).toBe(rows.length);
    for (const id of await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas[data-chart^="gantt-"]')).map((c) => c.getAttribute('data-chart')!),
    )) {
      expect(await drawn(id), id).toMatchObject({ type: 'scatter' });
    }
    await page.locator('.fdr-milestones').screenshot({ path: `${SHOTS}/body-milestones.png` });
  });
});
