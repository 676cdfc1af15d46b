import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { PublicUser, UsersService } from '@app/accounts';
import { OutboxRecord, OutboxRepository, ReviewsRepository, RoadmapRepository, Transactor } from '@app/persistence';
import { REVIEW_NOTICE_SINK, ReviewNotice, ReviewNoticeSink } from '@app/review';
import { ReviewReminders } from '../../apps/server/src/mail/review-reminders';
import { startTestApp, TestApp } from '../support/app';

/**
 * Who gets which mail, in which language: the review's notices driven through the sink inside a
 * Transactor unit (as the reviews capability raises them), the reminders and the weekly digest
 * through their jobs. No SMTP_URL: the messages stay in the outbox, where the test reads them.
 */
const PASSWORD = 'a-long-enough-password';
let t: TestApp;
let users: UsersService;
let people: Record<'cnamFr' | 'cnamEn' | 'cnamDisabled' | 'dgos' | 'validator' | 'viewer', PublicUser>;
let cnamObjectives: { code: string; fr: string; en: string }[];

const create = (email: string, role: 'editor' | 'validator' | 'viewer' | 'admin', bodies: string[], lang: 'fr' | 'en' = 'fr') =>
  users.create({ email, name: email.split('@')[0], password: PASSWORD, role, bodies, lang }, null);
const notify = (notice: ReviewNotice) => t.app.get(Transactor).run(() => t.app.get<ReviewNoticeSink>(REVIEW_NOTICE_SINK).notify(notice));
const outbox = async (): Promise<OutboxRecord[]> =>
  (await t.app.get(OutboxRepository).list({ limit: 500 })).sort((a, b) => a.toAddress.localeCompare(b.toAddress) || a.id - b.id);
const recipients = async (template?: string) => (await outbox()).filter((m) => !template || m.template === template).map((m) => m.toAddress);
const mailTo = async (address: string, template: string) => (await outbox()).find((m) => m.toAddress === address && m.template === template)!;

beforeAll(async () => {
  t = await startTestApp();
  users = t.app.get(UsersService);
  people = {
    cnamFr: await create('agent@cnam.fr', 'editor', ['CNAM']),
    cnamEn: await create('agent-en@cnam.fr', 'editor', ['CNAM'], 'en'),
    cnamDisabled: await create('ancien@cnam.fr', 'editor', ['CNAM']),
    dgos: await create('agent@dgos.fr', 'editor', ['DGOS']),
    validator: await create('validation@dns.fr', 'validator', []),
    viewer: await create('lecteur@dns.fr', 'viewer', []),
  };
  await users.update(people.cnamDisabled.id, { disabled: true }, people.validator.id);
  await users.updateMailSettings(people.cnamEn.id, { remindersEnabled: false });
  const roadmap = t.app.get(RoadmapRepository);
  const fr = roadmap.structure('fr');
  cnamObjectives = roadmap
    .structure('en')
    .objectives.filter((o) => o.leadBody === 'CNAM')
    .map((o) => ({ code: o.code, en: o.title, fr: fr.objectivesByCode.get(o.code)!.title }));
}, 60_000);
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.database.query('DELETE FROM outbox');
  t.clock.set('2025-06-15T10:00:00.000Z');
});

describe('workflow notices', () => {
  it('period opened: every active editor of a lead body, in their language, listing what their body leads', async () => {
    await notify({ kind: 'period_opened', period: '2025-Q2', deadline: '2025-07-15' });
    // The editor who turned reminders off still gets it; the disabled one, the validator and the viewer do not.
    expect(await recipients()).toEqual(['agent-en@cnam.fr', 'agent@cnam.fr', 'agent@dgos.fr']);
    const fr = await mailTo('agent@cnam.fr', 'review-opened');
    const en = await mailTo('agent-en@cnam.fr', 'review-opened');
    expect(fr).toMatchObject({ lang: 'fr', subject: 'Revue du 2ᵉ trimestre 2025\u00a0: vos points de situation sont attendus d’ici le 15 juillet 2025' });
    expect(en).toMatchObject({ lang: 'en', subject: 'Review of Q2 2025: your updates are due by 15 July 2025' });
    for (const o of cnamObjectives) {
      expect(fr.text).toContain(`${o.code} — ${o.fr}`);
      expect(en.text).toContain(`${o.code} — ${o.en}`);
    }
    expect(fr.text).toContain('La revue du 2ᵉ trimestre 2025 est ouverte.');
    expect(en.text).toContain('Collection deadline: 15 July 2025.');
    expect((await mailTo('agent@dgos.fr', 'review-opened')).text).toContain('Objectifs pilotés par DGOS');
    expect((await mailTo('agent@dgos.fr', 'review-opened')).text).not.toContain('CNAM');
  });

  it('update submitted: the validators (not the one who submitted); the administrators when no validator is active', async () => {
    const code = cnamObjectives[0].code;
    await notify({ kind: 'update_submitted', period: '2025-Q2', objectiveCode: code, byUserId: people.cnamFr.id });
    expect(await recipients()).toEqual(['validation@dns.fr']);
    expect(await mailTo('validation@dns.fr', 'update-submitted')).toMatchObject({
      subject: `Point de situation à valider\u00a0: objectif ${code} (2ᵉ trimestre 2025)`,
    });
    expect((await mailTo('validation@dns.fr', 'update-submitted')).text).toContain(`a été transmis par agent pour le 2ᵉ trimestre 2025`);

    await users.update(people.validator.id, { disabled: true }, people.validator.id);
    try {
      await notify({ kind: 'update_submitted', period: '2025-Q2', objectiveCode: code, byUserId: people.cnamFr.id });
      expect(await recipients('update-submitted')).toEqual(['admin@test.local', 'validation@dns.fr']);
    } finally {
      await users.update(people.validator.id, { disabled: false }, people.validator.id);
    }
  });

  it('update returned: the lead body’s active editors, with the reason, whatever their reminder setting', async () => {
    const code = cnamObjectives[1].code;
    await notify({
      kind: 'update_returned',
      period: '2025-Q2',
      objectiveCode: code,
      reason: 'Précisez <les> décisions attendues.',
      byUserId: people.validator.id,
    });
    expect(await recipients()).toEqual(['agent-en@cnam.fr', 'agent@cnam.fr']);
    const fr = await mailTo('agent@cnam.fr', 'update-returned');
    expect(fr.subject).toBe(`Point de situation renvoyé\u00a0: objectif ${code} (2ᵉ trimestre 2025)`);
    expect(fr.text).toContain('Précisez <les> décisions attendues.');
    expect(fr.html).toContain('Précisez &lt;les&gt; décisions attendues.'); // escaped in the HTML
    expect(fr.text).toContain('renvoyé par validation.');
    expect((await mailTo('agent-en@cnam.fr', 'update-returned')).subject).toBe(`Update returned: objective ${code} (Q2 2025)`);
  });

  it('update validated: the lead body’s editors, short', async () => {
    const code = cnamObjectives[0].code;
    await notify({ kind: 'update_validated', period: '2025-Q2', objectiveCode: code, byUserId: people.validator.id });
    expect(await recipients()).toEqual(['agent-en@cnam.fr', 'agent@cnam.fr']);
    expect((await mailTo('agent@cnam.fr', 'update-validated')).subject).toBe(`Point de situation validé\u00a0: objectif ${code} (2ᵉ trimestre 2025)`);
    expect((await mailTo('agent-en@cnam.fr', 'update-validated')).text).toContain('was validated by validation');
  });

  it('a notice raised again for the same event queues nothing more; period closed sends nothing', async () => {
    await notify({ kind: 'period_opened', period: '2025-Q2', deadline: '2025-07-15' });
    await notify({ kind: 'period_opened', period: '2025-Q2', deadline: '2025-07-15' });
    await notify({ kind: 'period_closed', period: '2025-Q2' });
    expect(await outbox()).toHaveLength(3);
  });
});

describe('reminders and the weekly digest', () => {
  const openQ2 = () =>
    t.app.get(Transactor).run(async () => {
      const reviews = t.app.get(ReviewsRepository);
      const period =
        (await reviews.findPeriod('2025-Q2')) ??
        (await reviews.insertPeriod({
          period: '2025-Q2',
          granularity: 'quarter',
          startDate: '2025-04-01',
          endDate: '2025-06-30',
          opensOn: '2025-07-01',
          deadline: '2025-07-15',
          state: 'open',
          openedAt: '2025-07-01T05:00:00.000Z',
        }));
      // CNAM submitted its first objective's update: it is not chased.
      const objectiveId = t.app.get(RoadmapRepository).structure().objectivesByCode.get(cnamObjectives[0].code)!.id;
      if (!(await reviews.findUpdate(period.id, objectiveId))) {
        await reviews.insertUpdate({
          reviewPeriodId: period.id,
          objectiveId,
          state: 'submitted',
          version: 1,
          createdBy: people.cnamFr.id,
          createdAt: '2025-07-02T08:00:00.000Z',
          updatedBy: people.cnamFr.id,
          updatedAt: '2025-07-02T08:00:00.000Z',
          submittedBy: people.cnamFr.id,
          submittedAt: '2025-07-02T08:00:00.000Z',
        });
      }
    });

  it('N days before the deadline, then on it: the editors with updates not submitted who kept reminders on, once each', async () => {
    await openQ2();
    const reminders = t.app.get(ReviewReminders);
    expect(await reminders.queueReminders('2025-07-09')).toBe(0); // 6 days before: not yet
    expect(await reminders.queueReminders('2025-07-10')).toBe(2);
    expect(await recipients()).toEqual(['agent@cnam.fr', 'agent@dgos.fr']); // not the one who opted out, not the disabled one
    const near = await mailTo('agent@cnam.fr', 'deadline-near');
    expect(near.subject).toBe('Rappel\u00a0: date limite dans 5\u00a0jours pour la revue du 2ᵉ trimestre 2025'.replace('5\u00a0jours', '5 jours'));
    expect(near.text).not.toContain(`${cnamObjectives[0].code} — `); // submitted
    for (const o of cnamObjectives.slice(1)) expect(near.text).toContain(`${o.code} — ${o.fr}`);
    expect(near.text).toContain('se termine le 15 juillet 2025, dans 5 jours.');

    // Run again that day, or the next days: nothing more (each reminder once per person and period).
    expect(await reminders.queueReminders('2025-07-10')).toBe(0);
    expect(await reminders.queueReminders('2025-07-12')).toBe(0);
    // The deadline: those still late.
    expect(await reminders.queueReminders('2025-07-15')).toBe(2);
    const late = await mailTo('agent@cnam.fr', 'deadline-day');
    expect(late.subject).toBe(`Revue du 2ᵉ trimestre 2025\u00a0: ${cnamObjectives.length - 1} points de situation en retard`);
    expect(late.text).toContain('C’est aujourd’hui, 15 juillet 2025, la date limite de collecte');
    expect(await reminders.queueReminders('2025-07-16')).toBe(0);
  });

  it('a deadline missed while the server was down is caught up at the next run, once (JobRunner: one run per day)', async () => {
    await openQ2();
    t.clock.set('2025-07-17T05:00:00.000Z');
    const reminders = t.app.get(ReviewReminders);
    const first = await reminders.runReminders();
    expect(first).toMatchObject({ job: 'review-reminders', runKey: '2025-07-17', status: 'succeeded', result: { queued: 2 } });
    expect((await mailTo('agent@dgos.fr', 'deadline-day')).text).toContain('était le 15 juillet 2025');
    expect(await reminders.runReminders()).toMatchObject({ status: 'skipped' });
    t.clock.set('2025-07-18T05:00:00.000Z');
    expect(await reminders.runReminders()).toMatchObject({ status: 'succeeded', result: { queued: 0 } });
  });

  it('the weekly digest: per lead body, its stale indicators and its milestones due within 90 days, to editors who kept reminders on', async () => {
    // A CNAM indicator whose latest value is long past its frequency.
    const roadmap = t.app.get(RoadmapRepository).structure();
    const objective = roadmap.objectives.find((o) => o.leadBody === 'CNAM' && o.indicators.length)!;
    const indicator = objective.indicators[0];
    const admin = await t.login();
    await request(t.http)
      .post(`/api/v1/indicators/${indicator.id}/measurements`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ value: 10, observedAt: '2023-12-31', source: 'CNAM' })
      .expect(201);

    t.clock.set('2025-10-13T06:00:00.000Z');
    const reminders = t.app.get(ReviewReminders);
    const run = await reminders.runDigest();
    expect(run).toMatchObject({ job: 'review-digest', runKey: '2025-W42', status: 'succeeded' });
    const digests = (await outbox()).filter((m) => m.template === 'weekly-digest');
    expect(digests.map((m) => m.toAddress)).not.toContain('agent-en@cnam.fr'); // opted out
    expect(digests.map((m) => m.toAddress)).not.toContain('ancien@cnam.fr'); // disabled
    const cnam = await mailTo('agent@cnam.fr', 'weekly-digest');
    expect(cnam.subject).toBe('Synthèse de la semaine pour CNAM\u00a0: indicateurs à actualiser et jalons à venir');
    const frIndicator = t.app.get(RoadmapRepository).structure('fr').indicatorsById.get(indicator.id)!;
    expect(cnam.text).toContain(`${objective.code} — ${frIndicator.name} (dernière valeur au 31 décembre 2023)`);
    // CNAM's milestones due by the end of 2025 (within 90 days of 13 October), not done.
    const due = roadmap.objectives
      .filter((o) => o.leadBody === 'CNAM')
      .flatMap((o) => o.milestones.map((m) => ({ code: o.code, due: m.dueDate })))
      .filter((m) => m.due >= '2025-10-13' && m.due <= '2026-01-11');
    expect(due.length).toBeGreaterThan(0);
    for (const m of due) expect(cnam.text).toContain(`- ${m.code} — `);
    expect(cnam.text).toContain('échéance le 31 décembre 2025, non commencé');
    expect(cnam.html).toContain('href="http://localhost:3000/bodies/cnam"');
    // Once a week.
    expect(await reminders.runDigest()).toMatchObject({ status: 'skipped' });
    expect(await reminders.queueDigest('2025-10-14')).toBe(0);
  });
});

describe('one’s own mail settings', () => {
  it('PATCH /api/v1/auth/me sets the language of one’s mails and the reminders; bad values get a 400 and change nothing', async () => {
    const token = await t.login('agent@dgos.fr', PASSWORD);
    const me = await request(t.http).patch('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).send({ lang: 'en', remindersEnabled: false }).expect(200);
    expect(me.body).toMatchObject({ email: 'agent@dgos.fr', lang: 'en', remindersEnabled: false });
    expect(me.body.passwordHash).toBeUndefined();
    const bad = await request(t.http)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept-Language', 'en')
      .send({ lang: 'de', remindersEnabled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lang', 'remindersEnabled']);
    expect((await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`)).body).toMatchObject({ lang: 'en', remindersEnabled: false });
    await notify({ kind: 'period_opened', period: '2025-Q3', deadline: '2025-10-15' });
    expect((await mailTo('agent@dgos.fr', 'review-opened')).subject).toBe('Review of Q3 2025: your updates are due by 15 October 2025');
    await request(t.http).patch('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).send({ lang: 'fr', remindersEnabled: true }).expect(200);
  });

  it('administrators set the language when creating or editing an account', async () => {
    const admin = await t.login();
    const created = await request(t.http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'agent@ans.fr', name: 'ANS', password: PASSWORD, role: 'editor', bodies: ['ANS'], lang: 'en' })
      .expect(201);
    expect(created.body).toMatchObject({ lang: 'en', remindersEnabled: true });
    const edited = await request(t.http)
      .patch(`/api/v1/users/${created.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ lang: 'fr', remindersEnabled: false })
      .expect(200);
    expect(edited.body).toMatchObject({ lang: 'fr', remindersEnabled: false });
    const bad = await request(t.http).patch(`/api/v1/users/${created.body.id}`).set('Authorization', `Bearer ${admin}`).send({ lang: 'es' });
    expect(bad.status).toBe(400);

    // The same on the administration pages.
    const agent = request.agent(t.http);
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(login.text)![1], email: 'admin@test.local', password: 'admin-password-123' })
      .expect(303);
    const list = await agent.get('/admin/users').expect(200);
    expect(list.text).toContain('<label class="fr-label" for="user-lang">Langue des courriels');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(list.text)![1];
    const made = await agent
      .post('/admin/users')
      .type('form')
      .send({ _csrf: csrf, email: 'agent@hdh.fr', name: 'HDH', role: 'editor', bodies: 'HFDS', lang: 'en' })
      .expect(303);
    const id = Number(/\/admin\/users\/(\d+)/.exec(made.headers.location)![1]);
    expect((await users.get(id)).lang).toBe('en');
    const page = await agent.get(`/admin/users/${id}`).expect(200);
    expect(page.text).toMatch(/<option value="en" selected>/);
    await agent
      .post(`/admin/users/${id}`)
      .type('form')
      .send({ _csrf: csrf, form: 'edit', name: 'HDH', role: 'editor', bodies: 'HFDS', lang: 'fr' })
      .expect(303);
    expect((await users.get(id)).lang).toBe('fr');
  });

  it('the account page has a "Courriels" fieldset that saves both settings', async () => {
    const agent = request.agent(t.http);
    const login = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'agent@dgos.fr', password: PASSWORD }).expect(303);
    const page = await agent.get('/account').expect(200);
    expect(page.text).toContain('<legend class="fr-h5">Courriels</legend>');
    expect(page.text).toContain('Langue des courriels');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/account/courriels').type('form').send({ _csrf: token, lang: 'en', remindersEnabled: 'false' }).expect(303);
    const after = await agent.get('/account?mail=1').expect(200);
    expect(after.text).toContain('Vos préférences de courriel sont enregistrées.');
    expect(after.text).toMatch(/<option value="en" selected>/);
    expect(after.text).toMatch(/id="account-reminders-false" name="remindersEnabled" value="false" checked/);
    expect(await users.get(people.dgos.id)).toMatchObject({ lang: 'en', remindersEnabled: false });
    const bad = await agent.post('/account/courriels').type('form').send({ _csrf: token, lang: 'xx', remindersEnabled: 'maybe' });
    expect(bad.status).toBe(400);
    expect(await users.get(people.dgos.id)).toMatchObject({ lang: 'en', remindersEnabled: false });
  });
});
