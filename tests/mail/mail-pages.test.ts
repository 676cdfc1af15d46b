import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { UsersService } from '@app/accounts';
import { Transactor } from '@app/persistence';
import { REVIEW_NOTICE_SINK, ReviewNoticeSink } from '@app/review';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';

/** The pages about mail in Chromium: the outbox for administrators (SMTP_URL unset), one's own mail settings. */
const SHOTS = resolve(__dirname, '../../test-results/screenshots');
mkdirSync(SHOTS, { recursive: true });
const PASSWORD = 'a-long-enough-password';
let t: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await startTestApp();
  url = await serve(t);
  browser = await launchChromium();
  await t.app.get(UsersService).create({ email: 'agent@cnam.fr', name: 'Camille Martin', password: PASSWORD, role: 'editor', bodies: ['CNAM'] }, null);
  await t.app
    .get(Transactor)
    .run(() =>
      t.app
        .get<ReviewNoticeSink>(REVIEW_NOTICE_SINK)
        .notify({ kind: 'update_returned', period: '2025-Q2', objectiveCode: '1-2', reason: 'Précisez les décisions.', byUserId: 1 }),
    );
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the outbox page', () => {
  it('is in the Administration menu; lists the pending mail, says mail is not configured, and shows each one', async () => {
    const page = await signIn(browser, url, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Courriels' }).click();
    await page.waitForURL(`${url}/admin/courriels`);
    expect(await page.locator('main h1').textContent()).toBe('Courriels');
    expect(await page.locator('#mail-not-configured').textContent()).toContain('SMTP_URL n’est pas défini');
    expect(await page.locator('#outbox-count').textContent()).toBe('1 courriel');
    const row = page.locator('tbody tr').first();
    expect(await row.textContent()).toContain('agent@cnam.fr');
    expect(await row.textContent()).toContain('En attente');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/outbox.png`, fullPage: true });

    await page.locator('#outbox-state').selectOption('sent');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/state=sent/);
    expect(await page.locator('#outbox-count').textContent()).toBe('0 courriel');

    await page.goto(`${url}/admin/courriels`);
    await page.getByRole('link', { name: /Point de situation renvoyé/ }).click();
    await page.waitForURL(/\/admin\/courriels\/\d+$/);
    expect(await page.locator('#outbox-subject').textContent()).toBe('Point de situation renvoyé\u00a0: objectif 1-2 (2ᵉ trimestre 2025)');
    expect(await page.locator('#outbox-text').textContent()).toContain('Précisez les décisions.');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/outbox-message.png`, fullPage: true });
    await page.context().close();
  });

  it.each(['/admin/courriels', '/admin/courriels/1'])('fits a tablet (768 px) without sideways scrolling: %s', async (path) => {
    const page = await signIn(browser, url, ADMIN.email, ADMIN.password, { width: 768 });
    await page.goto(`${url}${path}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.context().close();
  });
});

describe('my mail settings', () => {
  it('are set in the "Courriels" fieldset of my account', async () => {
    const page = await signIn(browser, url, 'agent@cnam.fr', PASSWORD);
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.waitForURL(`${url}/account`);
    await page.getByLabel('Langue des courriels').selectOption('en');
    await page.locator('label[for="account-reminders-false"]').click(); // the DSFR radio: its label is what one clicks
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/mail=1/);
    expect(await page.getByRole('status').first().textContent()).toContain('Vos préférences de courriel sont enregistrées.');
    expect(await page.getByLabel('Langue des courriels').inputValue()).toBe('en');
    expect(await page.locator('#account-reminders-false').isChecked()).toBe(true);
    expect((await t.app.get(UsersService).list()).find((u) => u.email === 'agent@cnam.fr')).toMatchObject({ lang: 'en', remindersEnabled: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/account-mail.png`, fullPage: true });
    await page.context().close();
  });
});
