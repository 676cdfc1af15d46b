import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { pause, startSmtpServer, TestSmtpServer } from '../support/smtp';

/**
 * The review's mails through the real review API and a real SMTP server: opening 2025-Q4, DGOS (lead
 * of 15-4) submits, the validator returns, DGOS submits again, the validator validates. Each mail
 * reaches whom it should, once, in their language.
 */
const PASSWORD = 'a-long-enough-password';
const U = '/api/v1/reviews/2025-Q4/objectives/15-4';
let t: TestApp;
let smtp: TestSmtpServer;
const tok: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
const subjectsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address)).map((m) => m.parsed.subject);

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ now: '2026-01-05T10:00:00.000Z', env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '50' } });
  tok.admin = await t.login();
  for (const [who, role, bodies] of [
    ['validation@dns.fr', 'validator', []],
    ['pilote@dgos.fr', 'editor', ['DGOS']],
    ['agent@dns.fr', 'editor', ['DNS']],
  ] as const) {
    await request(t.http)
      .post('/api/v1/users')
      .set(as('admin'))
      .send({ email: who, name: who.split('@')[0], password: PASSWORD, role, bodies })
      .expect(201);
    tok[who] = await t.login(who, PASSWORD);
  }
  await request(t.http).patch('/api/v1/auth/me').set(as('pilote@dgos.fr')).send({ lang: 'en' }).expect(200);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('the review cycle by mail', () => {
  it('opening the period mails each lead body’s editors, in their language', async () => {
    await request(t.http).post('/api/v1/reviews').set(as('admin')).send({ period: '2025-Q4' }).expect(201);
    await smtp.waitFor(2);
    expect(subjectsTo('pilote@dgos.fr')).toEqual(['Review of Q4 2025: your updates are due by 15 January 2026']);
    expect(subjectsTo('agent@dns.fr')).toEqual(['Revue du 4ᵉ trimestre 2025\u00a0: vos points de situation sont attendus d’ici le 15 janvier 2026']);
    const dgos = smtp.received.find((m) => m.to.includes('pilote@dgos.fr'))!;
    expect(dgos.parsed.text).toContain('15-4 — ');
  });

  it('submit → validator; return → the lead body, with the reason; submit again → validator again; validate → the lead body', async () => {
    await request(t.http).put(U).set(as('pilote@dgos.fr')).send({ confidence: 'watch', progress: 'Le taux atteint 2,4 %.', version: 0 }).expect(200);
    await request(t.http).post(`${U}/submit`).set(as('pilote@dgos.fr')).expect(200);
    await smtp.waitFor(3);
    expect(subjectsTo('validation@dns.fr')).toEqual(['Point de situation à valider\u00a0: objectif 15-4 (4ᵉ trimestre 2025)']);

    await request(t.http).post(`${U}/return`).set(as('validation@dns.fr')).send({ reason: 'Précisez les décisions attendues.' }).expect(200);
    await smtp.waitFor(4);
    const returned = smtp.received.at(-1)!;
    expect(returned.to).toEqual(['pilote@dgos.fr']);
    expect(returned.parsed.subject).toBe('Update returned: objective 15-4 (Q4 2025)');
    expect(returned.parsed.text).toContain('Précisez les décisions attendues.');
    expect(returned.parsed.text).toContain('Complete it and submit it again by 15 January 2026.');

    const current = await request(t.http).get(U).set(as('pilote@dgos.fr')).expect(200);
    await request(t.http).put(U).set(as('pilote@dgos.fr')).send({ decisionsNeeded: 'Arbitrage du budget 2026.', version: current.body.version }).expect(200);
    await request(t.http).post(`${U}/submit`).set(as('pilote@dgos.fr')).expect(200);
    await smtp.waitFor(5);
    expect(subjectsTo('validation@dns.fr')).toHaveLength(2);

    await request(t.http).post(`${U}/validate`).set(as('validation@dns.fr')).expect(200);
    await smtp.waitFor(6);
    expect(smtp.received.at(-1)!.to).toEqual(['pilote@dgos.fr']);
    expect(smtp.received.at(-1)!.parsed.subject).toBe('Update validated: objective 15-4 (Q4 2025)');

    await pause(400);
    expect(smtp.received).toHaveLength(6);
    expect(new Set(smtp.received.map((m) => m.parsed.messageId)).size).toBe(6);
    const outbox = await request(t.http).get('/api/v1/outbox?state=sent').set(as('admin')).expect(200);
    expect(outbox.body.total).toBe(6);
  });
});
