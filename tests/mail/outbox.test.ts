import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { UsersService } from '@app/accounts';
import { OutboxRepository, Transactor } from '@app/persistence';
import { REVIEW_NOTICE_SINK, ReviewNoticeSink } from '@app/review';
import { OutboxWorker } from '../../apps/server/src/mail/outbox-worker';
import { ADMIN, startTestApp, TestApp } from '../support/app';
import { countRows, createTestDatabase, TestDatabase } from '../support/db';
import { pause, startSmtpServer, TestSmtpServer } from '../support/smtp';

/**
 * The outbox delivered by the worker to a real SMTP server (smtp-server), parsed with mailparser:
 * once, with its HTML and text parts; retried with backoff; failed for good with the error; kept
 * pending without SMTP_URL; never twice across a restart; never for a rolled-back transaction.
 */
const MAIL_ENV = { MAIL_POLL_MS: '50', MAIL_RETRY_DELAYS_MS: '1000,2000', PUBLIC_URL: 'https://feuille-de-route.example.fr' };
const PASSWORD = 'a-long-enough-password';
let smtp: TestSmtpServer;
const apps: TestApp[] = [];

/** The app on a fresh database, or on `database` (a restart). */
async function app(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const t = await startTestApp({ env: { ...MAIL_ENV, ...env }, database });
  apps.push(t);
  return t;
}

/** An editor of CNAM, created through the users service. */
async function editor(t: TestApp, email: string, lang: 'fr' | 'en' = 'fr') {
  return t.app.get(UsersService).create({ email, name: `Agent ${email.split('@')[0]}`, password: PASSWORD, role: 'editor', bodies: ['CNAM'], lang }, null);
}

/** The review's "period opened" notice, raised in a transaction as the reviews capability does. */
async function openPeriod(t: TestApp, period: string, deadline: string, then?: () => void): Promise<void> {
  const sink = t.app.get<ReviewNoticeSink>(REVIEW_NOTICE_SINK);
  await t.app.get(Transactor).run(async () => {
    await sink.notify({ kind: 'period_opened', period, deadline });
    then?.();
  });
}

const outboxRows = (t: TestApp) => t.app.get(OutboxRepository).list({ limit: 100 });
/** Waits until the outbox row shows `n` attempts: the worker has recorded the SMTP server's answer. */
const attemptsRecorded = async (t: TestApp, n: number) => {
  const end = Date.now() + 10_000;
  while (((await outboxRows(t))[0]?.attempts ?? 0) < n) {
    if (Date.now() > end) throw new Error(`the outbox did not record attempt ${n} in time`);
    await pause(20);
  }
};

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterEach(async () => {
  smtp.refuseWith = null;
  smtp.received.length = 0;
  smtp.attempts = 0;
  while (apps.length) await apps.pop()!.close();
});
afterAll(async () => smtp?.close());

describe('delivery', () => {
  it('delivers a message once, with HTML and text parts and the right headers', async () => {
    const t = await app({ SMTP_URL: smtp.url, MAIL_FROM: 'Feuille de route <revue@sante.gouv.fr>' });
    await editor(t, 'agent@cnam.fr');
    await openPeriod(t, '2025-Q1', '2025-04-15');
    const [mail] = await smtp.waitFor(1);
    await pause(400); // several polls: nothing more goes out
    expect(smtp.received).toHaveLength(1);
    expect(smtp.attempts).toBe(1);

    const row = (await outboxRows(t))[0];
    expect(mail.to).toEqual(['agent@cnam.fr']);
    expect(mail.parsed.from?.text).toBe('"Feuille de route" <revue@sante.gouv.fr>');
    expect(mail.parsed.subject).toBe('Revue du 1er trimestre 2025\u00a0: vos points de situation sont attendus d’ici le 15 avril 2025');
    expect(mail.parsed.messageId).toBe(`<outbox-${row.id}@feuille-de-route.example.fr>`);
    expect(mail.parsed.headers.get('content-language')).toBe('fr');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.html).toContain('<html lang="fr">');
    expect(mail.parsed.html).toContain('Délégation au numérique en santé');
    expect(mail.parsed.html).toContain('href="https://feuille-de-route.example.fr/revue"');
    expect(mail.parsed.text).toContain('Bonjour Agent agent,');
    expect(mail.parsed.text).toContain('Date limite de collecte\u00a0: 15 avril 2025.');
    expect(mail.parsed.text).toMatch(/Objectifs pilotés par CNAM\n {2}- \d+-\d+ — /);
    expect(mail.parsed.text).toContain('https://feuille-de-route.example.fr/revue');

    expect(row).toMatchObject({ state: 'sent', attempts: 1, lastError: null, messageId: mail.parsed.messageId });
    expect(row.sentAt).toBe(t.clock.now().toISOString());
  });

  it('retries a refused message after each delay of MAIL_RETRY_DELAYS_MS, then delivers it', async () => {
    const t = await app({ SMTP_URL: smtp.url });
    await editor(t, 'agent@cnam.fr');
    smtp.refuseWith = '451 Mailbox busy, try later';
    const start = t.clock.now().getTime();
    await openPeriod(t, '2025-Q1', '2025-04-15');

    await smtp.waitForAttempts(1);
    await pause(300); // the clock has not moved: the next attempt is not due yet
    expect(smtp.attempts).toBe(1);
    let row = (await outboxRows(t))[0];
    expect(row).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(start + 1000).toISOString() });
    expect(row.lastError).toContain('Mailbox busy');

    t.clock.advance(1000);
    await smtp.waitForAttempts(2);
    await pause(200);
    row = (await outboxRows(t))[0];
    expect(row).toMatchObject({ state: 'pending', attempts: 2, nextAttemptAt: new Date(start + 1000 + 2000).toISOString() });

    smtp.refuseWith = null;
    t.clock.advance(1999);
    await pause(300);
    expect(smtp.attempts).toBe(2); // one millisecond early: still waiting
    t.clock.advance(1);
    await smtp.waitFor(1);
    await pause(200);
    expect(smtp.received).toHaveLength(1);
    expect((await outboxRows(t))[0]).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('marks a message failed with the last error once the retries are spent, and shows it in GET /api/v1/outbox', async () => {
    const t = await app({ SMTP_URL: smtp.url });
    await editor(t, 'agent@cnam.fr');
    smtp.refuseWith = '550 No such user here';
    await openPeriod(t, '2025-Q1', '2025-04-15');
    // The clock moves only once the worker has recorded the refusal (its next try is counted from it).
    await smtp.waitForAttempts(1);
    await attemptsRecorded(t, 1);
    t.clock.advance(1000);
    await smtp.waitForAttempts(2);
    await attemptsRecorded(t, 2);
    t.clock.advance(2000);
    await smtp.waitForAttempts(3);
    await pause(200);
    t.clock.advance(60_000);
    await pause(300);
    expect(smtp.attempts).toBe(3);
    expect(smtp.received).toHaveLength(0);

    const token = await t.login();
    const failed = await request(t.http).get('/api/v1/outbox?state=failed').set('Authorization', `Bearer ${token}`).expect(200);
    expect(failed.body.total).toBe(1);
    expect(failed.body.counts).toEqual({ pending: 0, sending: 0, sent: 0, failed: 1 });
    const [m] = failed.body.messages;
    expect(m).toMatchObject({ template: 'review-opened', to: 'agent@cnam.fr', lang: 'fr', state: 'failed', attempts: 3, nextAttemptAt: null, sentAt: null });
    expect(m.lastError).toContain('No such user here');
    expect(Object.keys(m).sort()).toEqual([
      'attempts',
      'createdAt',
      'id',
      'lang',
      'lastError',
      'nextAttemptAt',
      'sentAt',
      'state',
      'subject',
      'template',
      'to',
    ]);
    const one = await request(t.http).get(`/api/v1/outbox/${m.id}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(one.body.text).toContain('Date limite de collecte');
    expect((await request(t.http).get('/api/v1/outbox?state=sent').set('Authorization', `Bearer ${token}`).expect(200)).body.messages).toEqual([]);
  });
});

describe('the outbox API', () => {
  it('is for administrators, refuses a bad state or page with a clear 400, and a missing message with a 404', async () => {
    const t = await app();
    await editor(t, 'agent@cnam.fr');
    const admin = await t.login();
    const editorToken = await t.login('agent@cnam.fr', PASSWORD);
    const forbidden = await request(t.http).get('/api/v1/outbox').set('Authorization', `Bearer ${editorToken}`);
    expect(forbidden.status).toBe(403);
    const bad = await request(t.http).get('/api/v1/outbox?state=lost&page=0').set('Authorization', `Bearer ${admin}`).set('Accept-Language', 'en');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'state']);
    const missing = await request(t.http).get('/api/v1/outbox/999').set('Authorization', `Bearer ${admin}`).set('Accept-Language', 'en');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('No e-mail has id 999');
    expect((await request(t.http).get('/api/v1/outbox/abc').set('Authorization', `Bearer ${admin}`)).status).toBe(400);
  });

  it('pages the list, newest first', async () => {
    const t = await app();
    for (let i = 1; i <= 3; i++) await editor(t, `agent${i}@cnam.fr`);
    await openPeriod(t, '2025-Q1', '2025-04-15');
    const admin = await t.login();
    const page1 = await request(t.http).get('/api/v1/outbox?limit=2').set('Authorization', `Bearer ${admin}`).expect(200);
    const page2 = await request(t.http).get('/api/v1/outbox?limit=2&page=2').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(page1.body.total).toBe(3);
    expect(page1.body.messages.map((m: { id: number }) => m.id)).toEqual([3, 2]);
    expect(page2.body.messages.map((m: { id: number }) => m.id)).toEqual([1]);
  });
});

describe('without SMTP_URL', () => {
  it('sends nothing: messages stay pending and administrators read them on /admin/courriels', async () => {
    const t = await app();
    await editor(t, 'agent@cnam.fr');
    await openPeriod(t, '2025-Q1', '2025-04-15');
    await pause(300);
    expect(await outboxRows(t)).toEqual([expect.objectContaining({ state: 'pending', attempts: 0 })]);

    const agent = request.agent(t.http);
    const login = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
    await agent.post('/login').type('form').send({ _csrf: csrf, email: ADMIN.email, password: ADMIN.password }).expect(303);
    const page = await agent.get('/admin/courriels').expect(200);
    expect(page.text).toContain('L’envoi des courriels n’est pas configuré (SMTP_URL n’est pas défini)');
    expect(page.text).toContain('Revue du 1er trimestre 2025');
    expect(page.text).toContain('agent@cnam.fr');
    expect(page.text).toContain('En attente');
    expect(page.text).toContain('href="/admin/courriels"'); // the admin menu links to it
    const id = (await outboxRows(t))[0].id;
    const message = await agent.get(`/admin/courriels/${id}`).expect(200);
    expect(message.text).toContain('Date limite de collecte');
    expect(message.text).toContain('Objectifs pilotés par CNAM');
    expect((await agent.get('/admin/courriels?state=sent').expect(200)).text).toContain('Aucun courriel.');
    expect((await agent.get('/admin/courriels/424242')).status).toBe(404);

    const editorAgent = request.agent(t.http);
    const l2 = await editorAgent.get('/login');
    const c2 = /name="_csrf" value="([^"]+)"/.exec(l2.text)![1];
    await editorAgent.post('/login').type('form').send({ _csrf: c2, email: 'agent@cnam.fr', password: PASSWORD }).expect(303);
    expect((await editorAgent.get('/admin/courriels')).status).toBe(403);
  });
});

describe('never twice', () => {
  it('a restart (a new app on the same database) resumes pending messages and sends nothing already sent', async () => {
    const database = await createTestDatabase();
    try {
      // First run: no SMTP server configured; the message waits.
      const first = await app({}, database);
      await editor(first, 'agent@cnam.fr');
      await openPeriod(first, '2025-Q1', '2025-04-15');
      await first.close();
      apps.length = 0;

      // Second run: it goes out; so does a new one.
      const second = await app({ SMTP_URL: smtp.url }, database);
      await smtp.waitFor(1);
      await second.app.get(UsersService).create({ email: 'agent2@cnam.fr', name: 'Agent 2', password: PASSWORD, role: 'editor', bodies: ['CNAM'] }, null);
      await openPeriod(second, '2025-Q2', '2025-07-15');
      await smtp.waitFor(3); // Q2's opening to both editors
      await second.close();
      apps.length = 0;

      // Third run: nothing left to send, nothing sent again.
      const third = await app({ SMTP_URL: smtp.url }, database);
      await pause(500);
      expect(smtp.received).toHaveLength(3);
      const ids = smtp.received.map((m) => m.parsed.messageId);
      expect(new Set(ids).size).toBe(3);
      expect((await outboxRows(third)).map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
      // Raising the same opening again queues nothing (its key is taken).
      await openPeriod(third, '2025-Q2', '2025-07-15');
      await pause(300);
      expect(await countRows(database, 'outbox')).toBe(3);
      expect(smtp.received).toHaveLength(3);
    } finally {
      while (apps.length) await apps.pop()!.close();
      await database.drop();
    }
  });

  it('picks again a message whose claim lapsed (its worker died while sending), with the same Message-ID', async () => {
    const t = await app({ SMTP_URL: smtp.url, MAIL_POLL_MS: '100000' }); // no poll during the set-up
    await editor(t, 'agent@cnam.fr');
    await openPeriod(t, '2025-Q1', '2025-04-15');
    const repo = t.app.get(OutboxRepository);
    const now = t.clock.now();
    // A worker claims it, then "dies": the message stays `sending`.
    const [claimed] = await t.app.get(Transactor).run(() => repo.claimDue(now.toISOString(), new Date(now.getTime() + 60_000).toISOString(), 10));
    expect(claimed.state).toBe('sending');
    const claim = () => t.app.get(Transactor).run(() => repo.claimDue(t.clock.now().toISOString(), t.clock.now().toISOString(), 10));
    expect(await claim()).toEqual([]); // claimed: nobody else takes it while the claim holds
    await t.app.get(OutboxWorker).tick();
    expect(smtp.attempts).toBe(0);
    // Past the claim, the next poll takes it again and delivers it under its one Message-ID.
    t.clock.advance(60_001);
    await t.app.get(OutboxWorker).tick();
    const [mail] = await smtp.waitFor(1);
    expect(mail.parsed.messageId).toBe(`<outbox-${claimed.id}@feuille-de-route.example.fr>`);
    expect(await repo.find(claimed.id)).toMatchObject({ state: 'sent', attempts: 2 });
    await t.app.get(OutboxWorker).tick();
    expect(smtp.received).toHaveLength(1);
  });

  it('does not send a message queued for an account disabled since', async () => {
    const database = await createTestDatabase();
    try {
      const first = await app({}, database);
      const agent = await editor(first, 'agent@cnam.fr');
      await editor(first, 'agent2@cnam.fr');
      await openPeriod(first, '2025-Q1', '2025-04-15');
      await first.app.get(UsersService).update(agent.id, { disabled: true }, 1);
      await first.close();
      apps.length = 0;
      const second = await app({ SMTP_URL: smtp.url }, database);
      await smtp.waitFor(1);
      await pause(300);
      expect(smtp.received.map((m) => m.to)).toEqual([['agent2@cnam.fr']]);
      expect((await outboxRows(second)).find((r) => r.toAddress === 'agent@cnam.fr')).toMatchObject({
        state: 'failed',
        lastError: 'account disabled: not sent',
      });
    } finally {
      while (apps.length) await apps.pop()!.close();
      await database.drop();
    }
  });

  it('never sends a message queued in a transaction that rolled back', async () => {
    const t = await app({ SMTP_URL: smtp.url });
    await editor(t, 'agent@cnam.fr');
    await expect(
      openPeriod(t, '2025-Q1', '2025-04-15', () => {
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    await pause(400);
    expect(await countRows(t.database, 'outbox')).toBe(0);
    expect(smtp.attempts).toBe(0);
  });
});
