import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { axeViolations, launchChromium, serve, signIn } from '../support/browser';
import { countRows } from '../support/db';
import { ReceivedMail, startSmtpServer, TestSmtpServer, until } from '../support/smtp';

/**
 * The quarterly review walked in real Chromium, as people do it: an admin opens 2025-Q4, DGOS's
 * editor rates and comments 15-4 and submits it, a validator returns it with a reason, the editor
 * reads the reason, fixes and submits again, the validator validates, the admin closes the period
 * (anyway: the other objectives have no update) and the published report is read; the objective page
 * shows the validated commentary. A real SMTP server receives the mails of the opening, the
 * submissions, the return and the validation. Every page is checked with axe-core and screenshotted (French).
 */
const SHOTS = resolve(__dirname, '../../test-results/screenshots/review');
mkdirSync(SHOTS, { recursive: true });
const PASSWORD = 'a-long-enough-password';
const PAGE = '/revue/2025-Q4/15-4';

let t: TestApp;
let url: string;
let browser: Browser;
let smtp: TestSmtpServer;

async function checked(page: Page, name: string) {
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

let admin: Page;
let editor: Page;
let validator: Page;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({
    now: '2026-01-05T10:00:00.000Z',
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Feuille de route <revue@sante.gouv.fr>', MAIL_POLL_MS: '50', PUBLIC_URL: 'https://feuille-de-route.example.fr' },
  });
  url = await serve(t);
  browser = await launchChromium();
  const token = await t.login();
  for (const [email, name, role, bodies] of [
    ['validatrice@dns.fr', 'Valérie Validatrice', 'validator', []],
    ['redacteur@dgos.fr', 'Denis Dgos', 'editor', ['DGOS']],
  ] as const) {
    await request(t.http).post('/api/v1/users').set('Authorization', `Bearer ${token}`).send({ email, name, password: PASSWORD, role, bodies }).expect(201);
  }
  admin = await signIn(browser, url, ADMIN.email, ADMIN.password, { landsOn: '/' });
  editor = await signIn(browser, url, 'redacteur@dgos.fr', PASSWORD, { landsOn: '/' });
  validator = await signIn(browser, url, 'validatrice@dns.fr', PASSWORD, { landsOn: '/' });
  for (const page of [admin, editor, validator]) page.setDefaultTimeout(8000);
}, 90_000);
afterAll(async () => {
  for (const page of [admin, editor, validator]) await page?.context().close();
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

/** Waits for the mail to `to` whose subject matches, as the SMTP server received it. */
async function mailTo(to: string, subject: RegExp): Promise<ReceivedMail> {
  const find = () => smtp.received.find((m) => m.to.includes(to) && subject.test(m.parsed.subject ?? ''));
  await until(() => !!find(), 15_000, `a mail to ${to} about ${subject} (got ${smtp.received.map((m) => `${m.to} ${m.parsed.subject}`).join(' | ')})`);
  return find()!;
}

describe('the review cycle in Chromium', () => {
  it('an admin opens 2025-Q4 from Ma revue', async () => {
    await admin.goto(`${url}/revue`);
    await admin.getByRole('link', { name: 'Revue', exact: true }).waitFor();
    await checked(admin, 'ma-revue-admin-before');
    expect(await admin.locator('#open-period').inputValue()).toBe('2025-Q4');
    await admin.locator('#open-deadline').fill('2026-01-20');
    await admin.getByRole('button', { name: 'Ouvrir la revue' }).click();
    await admin.waitForURL(`${url}/revue/2025-Q4?done=opened`);
    expect(await admin.locator('.fr-alert--success').textContent()).toContain('La revue est ouverte.');
    expect(await countRows(t.database, 'review_periods', "period = '2025-Q4' AND state = 'open'")).toBe(1);
    // DGOS's editor is told, in French, with the link to Ma revue.
    const mail = await mailTo('redacteur@dgos.fr', /^Revue du 4\S* trimestre 2025\u00a0: vos points de situation sont attendus d’ici le 20 janvier 2026$/);
    expect(mail.parsed.text).toContain('https://feuille-de-route.example.fr/revue');
    expect(mail.parsed.from?.text).toContain('revue@sante.gouv.fr');
  });

  it('the editor finds 15-4 in Ma revue, rates it, comments and submits', async () => {
    await editor.goto(`${url}/revue`);
    expect(await editor.locator('main').textContent()).toContain('15 jours restants');
    await checked(editor, 'ma-revue-editor');
    await editor.locator(`a[href="${PAGE}"]`).click();
    await editor.waitForURL(`${url}${PAGE}`);
    await checked(editor, 'update-editor-blank');

    // A value of the quarter, recorded from this page (the objective page's form), and back here.
    const record = editor.locator('details[id^="record-"]').first();
    await record.locator('summary').click();
    await record.locator('input[name="value"]').fill('1,5');
    await record.locator('input[name="observedAt"]').fill('2025-12-31');
    await record.locator('input[name="source"]').fill('DGOS, enquête annuelle');
    await record.getByRole('button', { name: 'Enregistrer' }).click();
    await editor.waitForURL(`${url}${PAGE}?done=recorded#records`);
    expect(await editor.locator('#records').textContent()).toContain('31 décembre 2025');

    await editor.locator('label[for="update-confidence-difficulties"]').click();
    const progress = editor.locator('#update-progress');
    await progress.fill('Le connecteur est **livré** dans 40 établissements.');
    // The counter follows what is typed.
    expect(await editor.locator('#update-progress-counter').textContent()).toBe('51 caractères sur 4\u202f000');
    await editor.locator('#update-decisionsNeeded').fill('- Le COMEX arbitre le financement\n- La DGOS publie la circulaire');
    await editor.getByRole('button', { name: 'Transmettre pour validation' }).click();
    await editor.waitForURL(`${url}${PAGE}?done=submitted`);
    expect(await editor.locator('.fr-alert--success').textContent()).toContain('Point de situation transmis pour validation.');
    expect(await editor.locator('main').textContent()).toContain('en attente de validation');
    await checked(editor, 'update-editor-submitted');
    // The validator is told; the editor who submitted is not.
    const mail = await mailTo('validatrice@dns.fr', /^Point de situation à valider\u00a0: objectif 15-4 /);
    expect(mail.to).toEqual(['validatrice@dns.fr']);
  });

  it('the validator finds it in the queue and returns it with a reason', async () => {
    await validator.goto(`${url}/revue`);
    await validator.getByRole('link', { name: 'File de validation' }).click();
    await validator.waitForURL(`${url}/revue/validation`);
    await checked(validator, 'validation-queue');
    await validator.locator(`a[href="${PAGE}"]`).click();
    await validator.waitForURL(`${url}${PAGE}`);
    // A return needs its reason: refused without, with the focus on the summary and a link to the field.
    await validator.getByRole('button', { name: 'Renvoyer' }).click();
    await validator.waitForLoadState('load');
    expect(await validator.title()).toMatch(/^Erreur/);
    expect(await validator.locator('#error-summary').evaluate((el) => el === document.activeElement)).toBe(true);
    await validator.locator('#error-summary a[href="#return-reason"]').click();
    expect(await validator.evaluate(() => document.activeElement?.id)).toBe('return-reason');
    await checked(validator, 'update-validator-return-refused');
    await validator.locator('#return-reason').fill('Précisez qui publie la circulaire, et quand.');
    await validator.getByRole('button', { name: 'Renvoyer' }).click();
    await validator.waitForURL(`${url}${PAGE}?done=returned`);
    expect(await countRows(t.database, 'objective_updates', "state = 'returned'")).toBe(1);
    const mail = await mailTo('redacteur@dgos.fr', /^Point de situation renvoyé\u00a0: objectif 15-4 /);
    expect(mail.parsed.text).toContain('Précisez qui publie la circulaire, et quand.');
  });

  it('the editor reads the reason at the top, fixes and submits again', async () => {
    await editor.goto(`${url}${PAGE}`);
    const alert = editor.locator('#return-reason-shown');
    expect(await alert.textContent()).toContain('Précisez qui publie la circulaire, et quand.');
    expect(await alert.textContent()).toContain('Renvoyé par Valérie Validatrice');
    await checked(editor, 'update-editor-returned');
    // What was written is still there.
    expect(await editor.locator('#update-progress').inputValue()).toBe('Le connecteur est **livré** dans 40 établissements.');
    await editor.locator('#update-decisionsNeeded').fill('- Le COMEX arbitre le financement en février\n- La DGOS publie la circulaire en mars');
    await editor.getByRole('button', { name: 'Transmettre pour validation' }).click();
    await editor.waitForURL(`${url}${PAGE}?done=submitted`);
  });

  it('the validator validates it', async () => {
    await validator.goto(`${url}${PAGE}`);
    await checked(validator, 'update-validator');
    await validator.getByRole('button', { name: 'Valider' }).click();
    await validator.waitForURL(`${url}${PAGE}?done=validated`);
    expect(await validator.locator('main').textContent()).toContain('Validé par Valérie Validatrice');
    expect(await countRows(t.database, 'objective_updates', "state = 'validated'")).toBe(1);
    await mailTo('redacteur@dgos.fr', /^Point de situation validé\u00a0: objectif 15-4 /);
    // Two submissions, two mails to the validator.
    expect(smtp.received.filter((m) => m.to.includes('validatrice@dns.fr') && /^Point de situation à valider/.test(m.parsed.subject ?? ''))).toHaveLength(2);
  });

  it('the editor sees the revision form of a validated update', async () => {
    await editor.goto(`${url}${PAGE}`);
    expect(await editor.locator('#update-reason').count()).toBe(1);
    await checked(editor, 'update-editor-validated');
    await editor.goto(`${url}/revue?lang=en`);
    expect(await editor.locator('h1').textContent()).toBe('My review');
    await editor.goto(`${url}/revue?lang=fr`);
  });

  it('the admin closes the period anyway, and the published report is read', async () => {
    await admin.goto(`${url}/revue/2025-Q4`);
    // Refused while updates are not validated, unless "clôturer quand même" is ticked.
    await admin.getByRole('button', { name: 'Clôturer la revue' }).click();
    await admin.waitForLoadState('load');
    expect(await admin.locator('#error-summary').textContent()).toContain('ne sont pas validés');
    expect(await countRows(t.database, 'review_periods', "state = 'closed'")).toBe(0);
    await admin.locator('label[for="close-force"]').click();
    // Closing makes the official reports (PDFs included) before it answers: the wait is waitForURL's, not the click's.
    await admin.getByRole('button', { name: 'Clôturer la revue' }).click({ noWaitAfter: true });
    await admin.waitForURL(`${url}/revue/2025-Q4?done=closed`, { timeout: 90_000 });
    expect(await countRows(t.database, 'review_periods', "period = '2025-Q4' AND state = 'closed'")).toBe(1);
    const publication = admin.locator('#publication');
    expect(await publication.textContent()).toContain('Rapport officiel publié le 5 janvier 2026');
    // Bodies with updates missing read "incomplete at closing", never "in progress", once closed.
    const completeness = await admin.locator('section[aria-labelledby="completeness-heading"]').textContent();
    expect(completeness).toContain('Incomplet à la clôture');
    expect(completeness).not.toContain('En cours');
    await checked(admin, 'overview-closed');
    const href = await publication.getByRole('link', { name: 'Rapport officiel (HTML, en français)' }).getAttribute('href');
    const report = await admin.context().newPage();
    await report.goto(`${url}${href}`);
    const text = await report.locator('body').innerText();
    expect(text).toContain('Le connecteur est livré dans 40 établissements.');
    expect(text).toContain('La DGOS publie la circulaire en mars');
    await report.screenshot({ path: `${SHOTS}/published-report.png` });
    await report.close();
    // The update's page now says the review is closed, and offers no form.
    await editor.goto(`${url}${PAGE}`);
    expect(await editor.locator('main').textContent()).toContain('Cette revue est close');
    expect(await editor.locator('form[action="/revue/2025-Q4/15-4"]').count()).toBe(0);
  }, 120_000);

  it('the overview shows 15-4 validated, and the objective page its commentary', async () => {
    await admin.goto(`${url}/revue/2025-Q4`);
    expect(await admin.locator('a.fdr-review-cell[href="/revue/2025-Q4/15-4"]').textContent()).toContain('Validé');
    await checked(admin, 'overview');
    await admin.goto(`${url}/objectives/15-4`);
    const section = admin.locator('#points-de-situation');
    expect(await section.locator('strong').first().textContent()).toBe('livré');
    expect(await section.textContent()).toContain('La DGOS publie la circulaire en mars');
    await section.scrollIntoViewIfNeeded();
    await checked(admin, 'objective-commentary-history');
  });

  it('fits a tablet: the overview and an update page scroll down, never sideways', async () => {
    await admin.setViewportSize({ width: 768, height: 1024 });
    for (const [path, name] of [
      ['/revue/2025-Q4', 'overview-tablet'],
      [PAGE, 'update-tablet'],
      ['/revue', 'ma-revue-tablet'],
    ]) {
      await admin.goto(`${url}${path}`);
      expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
      await admin.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }
    await admin.setViewportSize({ width: 1280, height: 900 });
  });
});
