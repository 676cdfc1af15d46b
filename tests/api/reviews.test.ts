import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { ReviewNotice } from '@app/review';
import { ReviewsService } from '../../apps/server/src/reviews/reviews.service';
import { ReviewsScheduler } from '../../apps/server/src/reviews/reviews.scheduler';
import { startTestApp, TestApp } from '../support/app';
import { countRows, recordedState } from '../support/db';
import { objectiveIds } from '../support/roadmap';

/**
 * The review through the real app: an admin opens 2025-Q4, DGOS (lead of 15-4, DNS contributing)
 * writes, submits, gets its update returned, fixes it; a validator validates; DNS contributes.
 * Every refusal says why and leaves the database as it was.
 */
let t: TestApp;
const tok: Record<string, string> = {};
const notices: ReviewNotice[] = [];
const NBSP = '\u00a0';
const Q = '/api/v1/reviews';
const U = `${Q}/2025-Q4/objectives/15-4`;
let indicator: number;
let milestone: number;

const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
/** Sends a request that must be refused: checks status and code, and that nothing was written. */
async function refused(req: () => request.Test, status: number, code: string) {
  const before = await recordedState(t.database);
  const res = await req();
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
  expect(res.body.code === code || res.body.errors?.some((e: { code: string }) => e.code === code), JSON.stringify(res.body)).toBe(true);
  expect(res.body.message).toBeTruthy();
  expect(await recordedState(t.database)).toEqual(before);
  return res;
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-01-05T10:00:00.000Z' });
  tok.admin = await t.login();
  tok.validator = await t.userToken('validator');
  tok.dgos = await t.userToken('editor', ['DGOS']);
  tok.dns = await t.userToken('editor', ['DNS']);
  tok.cnam = await t.userToken('editor', ['CNAM']);
  tok.viewer = await t.userToken('viewer');
  // A recording sink stands in for the mail capability's.
  (t.app.get(ReviewsService) as unknown as { sink: unknown }).sink = {
    notify: async (n: ReviewNotice) => {
      notices.push(n);
    },
  };
  const ids = await objectiveIds(t, tok.admin, '15-4');
  indicator = ids.indicators[0];
  milestone = ids.milestones[0];
});
afterAll(async () => t.close());

describe('opening a review period', () => {
  it('opens 2025-Q4 for an admin, with the default deadline, and tells the sink', async () => {
    const res = await request(t.http).post(Q).set(as('admin')).send({ period: '2025-Q4' }).expect(201);
    expect(res.body).toMatchObject({
      period: '2025-Q4',
      granularity: 'quarter',
      startDate: '2025-10-01',
      endDate: '2025-12-31',
      opensOn: '2026-01-01',
      deadline: '2026-01-15',
      daysLeft: 10,
      state: 'open',
      openedBy: { name: 'Administrateur' },
      closedAt: null,
      counts: { expected: 65, submitted: 0, validated: 0 },
    });
    expect(notices).toEqual([{ kind: 'period_opened', period: '2025-Q4', deadline: '2026-01-15' }]);
    expect(await countRows(t.database, 'audit_log', "action = 'review.period_open'")).toBe(1);
  });

  it('refuses to open it twice (409), saying what to do', async () => {
    const res = await refused(() => request(t.http).post(Q).set(as('admin')).send({ period: '2025-q4' }), 409, 'review.period_already_open');
    expect(res.body.message).toBe(
      `La revue de la période 2025-Q4 est déjà ouverte (date limite${NBSP}: 15 janvier 2026)${NBSP}: modifiez sa date limite plutôt que de la rouvrir.`,
    );
    expect(notices).toHaveLength(1);
  });

  it.each([
    [{ period: 'Q4-2025' }, 'period', 'period.invalid'],
    [{ period: '2026-Q2' }, 'period', 'review.period_not_started'],
    [{ period: '2025-Q3', deadline: '2025-09-01' }, 'deadline', 'review.deadline_before_end'],
    [{ period: '2025-Q3', deadline: '2025-12-01' }, 'deadline', 'review.deadline_past'],
    [{ period: '2025-Q3', deadline: '2025-02-30' }, 'deadline', 'validation.not_a_date'],
    [{ period: 12 }, 'period', 'validation.not_text'],
    [{}, 'period', 'validation.required'],
    [{ period: '2025-Q3', state: 'closed' }, 'state', 'validation.unknown_field'],
  ])('refuses %j with a 400 on its field', async (body, field, code) => {
    const res = await refused(() => request(t.http).post(Q).set(as('admin')).send(body), 400, code);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('is for admins only', async () => {
    for (const who of ['validator', 'dgos', 'viewer'])
      await refused(() => request(t.http).post(Q).set(as(who)).send({ period: '2025-Q3' }), 403, 'permission.role_required');
  });

  it("moves a period's deadline for an admin, within the rules", async () => {
    const res = await request(t.http).patch(`${Q}/2025-Q4`).set(as('admin')).send({ deadline: '2026-01-31' }).expect(200);
    expect(res.body).toMatchObject({ period: '2025-Q4', deadline: '2026-01-31', daysLeft: 26 });
    const early = await refused(
      () => request(t.http).patch(`${Q}/2025-Q4`).set(as('admin')).send({ deadline: '2025-12-31' }),
      400,
      'review.deadline_before_end',
    );
    expect(early.body.errors[0]).toMatchObject({
      field: 'deadline',
      message: `Date limite de collecte${NBSP}: la date limite de collecte doit tomber après la fin de la période (31 décembre 2025).`,
    });
    await refused(() => request(t.http).patch(`${Q}/2025-Q4`).set(as('admin')).send({}), 400, 'validation.required');
    await refused(() => request(t.http).patch(`${Q}/2025-Q4`).set(as('validator')).send({ deadline: '2026-02-15' }), 403, 'permission.role_required');
    await request(t.http).patch(`${Q}/2025-Q4`).set(as('admin')).send({ deadline: '2026-01-15' }).expect(200);
  });

  it('lists the periods and shows one with every objective and every body', async () => {
    const list = await request(t.http).get(Q).set(as('viewer')).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ period: '2025-Q4', counts: { expected: 65, submitted: 0, validated: 0 } })]);
    const detail = await request(t.http).get(`${Q}/2025-Q4`).set(as('viewer')).expect(200);
    expect(detail.body.objectives).toHaveLength(65);
    expect(detail.body.objectives.slice(0, 2).map((o: { objectiveCode: string }) => o.objectiveCode)).toEqual(['1-1', '1-2']);
    expect(detail.body.objectives.at(-1)).toMatchObject({ objectiveCode: '18-4', state: 'not_started', version: 0, updatedBy: null });
    const dgos = detail.body.bodies.find((b: { body: string }) => b.body === 'DGOS');
    expect(dgos).toMatchObject({ submitted: 0, late: 0, standing: 'in_progress' });
    expect(dgos.missing).toContain('15-4');
    expect(detail.body.bodies.reduce((n: number, b: { expected: number }) => n + b.expected, 0)).toBe(65);
  });

  it('answers 404 for a period never opened, 400 for what is not a period', async () => {
    const nf = await request(t.http).get(`${Q}/2024-Q1`).set(as('viewer')).expect(404);
    expect(nf.body.code).toBe('not_found.review_period');
    const bad = await request(t.http).get(`${Q}/..%2F..%2Fetc`).set(as('viewer')).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'period', code: 'period.invalid' });
    const obj = await request(t.http).get(`${Q}/2025-Q4/objectives/99-9`).set(as('viewer')).expect(404);
    expect(obj.body.code).toBe('not_found.objective');
  });
});

describe("an objective's update, through draft, submission, return and validation", () => {
  it('shows the records that belong to it: values dated in the period, milestone progress recorded since its start', async () => {
    await request(t.http)
      .post(`/api/v1/indicators/${indicator}/measurements`)
      .set(as('dgos'))
      .send({ value: 2.1, observedAt: '2025-09-30', source: 'Q3' })
      .expect(201);
    const inQ4 = await request(t.http)
      .post(`/api/v1/indicators/${indicator}/measurements`)
      .set(as('dgos'))
      .send({ value: 2.4, observedAt: '2025-12-31', source: 'Q4' })
      .expect(201);
    await request(t.http).patch(`/api/v1/milestones/${milestone}`).set(as('dgos')).send({ state: 'in_progress' }).expect(200);
    const res = await request(t.http).get(U).set(as('viewer')).expect(200);
    expect(res.body).toMatchObject({
      period: '2025-Q4',
      objectiveCode: '15-4',
      leadBody: 'DGOS',
      contributingBodies: ['DNS'],
      state: 'not_started',
      version: 0,
    });
    expect(res.body.records.measurements).toEqual([
      expect.objectContaining({ id: inQ4.body.id, value: 2.4, observedAt: '2025-12-31', indicatorId: indicator }),
    ]);
    expect(res.body.records.milestoneUpdates).toEqual([expect.objectContaining({ milestoneId: milestone, state: 'in_progress' })]);
    expect(res.body.history).toEqual([]);
  });

  it('is written by the lead body only (403 with the reason)', async () => {
    const res = await refused(() => request(t.http).put(U).set(as('cnam')).send({ progress: 'x' }), 403, 'review.not_lead_body_editor');
    expect(res.body.message).toBe(
      'Le point de situation de l’objectif 15-4 est rédigé par son pilote, DGOS' + `${NBSP}: il faut être rédacteur pour DGOS (ou administrateur).`,
    );
    await refused(() => request(t.http).put(U).set(as('validator')).send({ progress: 'x' }), 403, 'permission.role_required');
    await refused(() => request(t.http).put(U).set(as('viewer')).send({ progress: 'x' }), 403, 'permission.role_required');
  });

  it('saves a draft, created on the first save, and refuses a stale version', async () => {
    const res = await request(t.http).put(U).set(as('dgos')).send({ confidence: 'watch', version: 0 }).expect(200);
    expect(res.body).toMatchObject({ state: 'draft', version: 1, confidence: 'watch', progress: null, updatedBy: { name: expect.stringMatching(/^editor/) } });
    const second = await request(t.http)
      .put(U)
      .set(as('dgos'))
      .send({ progress: '  Le taux est passé à 2,4 %.\r\n\r\n- budget voté  ', version: 1 })
      .expect(200);
    expect(second.body).toMatchObject({ version: 2, confidence: 'watch', progress: 'Le taux est passé à 2,4 %.\n\n- budget voté' });
    // An empty rating (a form's empty choice) clears it; absent fields keep their value.
    const cleared = await request(t.http).put(U).set(as('dgos')).send({ confidence: '' }).expect(200);
    expect(cleared.body).toMatchObject({ version: 3, confidence: null, progress: 'Le taux est passé à 2,4 %.\n\n- budget voté' });
    await request(t.http).put(U).set(as('dgos')).send({ confidence: 'watch', version: 3 }).expect(200);
    const stale = await refused(() => request(t.http).put(U).set(as('dgos')).send({ progress: 'autre', version: 1 }), 409, 'review.stale_version');
    expect(stale.body.message).toContain('version 4, vous modifiiez la version 1');
  });

  it('refuses bad content with every problem at once', async () => {
    const res = await refused(
      () =>
        request(t.http)
          .put(U)
          .set(as('dgos'))
          .send({ confidence: 'great', progress: 'x'.repeat(4001), nextSteps: 12 }),
      400,
      'validation.failed',
    );
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['confidence', 'validation.not_one_of'],
      ['progress', 'validation.too_long'],
      ['nextSteps', 'validation.not_text'],
    ]);
    expect(res.body.errors[1].message).toMatch(/^Avancées de la période\u00a0: /);
  });

  it('submits, then refuses to edit or submit it again', async () => {
    const res = await request(t.http).post(`${U}/submit`).set(as('dgos')).expect(200);
    expect(res.body).toMatchObject({ state: 'submitted', version: 5, submittedBy: { name: expect.any(String) } });
    expect(notices.at(-1)).toMatchObject({ kind: 'update_submitted', period: '2025-Q4', objectiveCode: '15-4' });
    await refused(() => request(t.http).post(`${U}/submit`).set(as('dgos')), 409, 'review.already_submitted');
    const edit = await refused(() => request(t.http).put(U).set(as('dgos')).send({ progress: 'x' }), 409, 'review.submitted_not_editable');
    expect(edit.body.message).toContain('sauf s’il vous est renvoyé');
  });

  it('is validated or returned by validators and admins only', async () => {
    await refused(() => request(t.http).post(`${U}/validate`).set(as('dgos')), 403, 'permission.role_required');
    await refused(() => request(t.http).post(`${U}/return`).set(as('dns')).send({ reason: 'x' }), 403, 'permission.role_required');
  });

  it('is returned with a reason (required, length-limited), and goes back to draft when edited', async () => {
    await refused(() => request(t.http).post(`${U}/return`).set(as('validator')).send({}), 400, 'validation.required');
    await refused(() => request(t.http).post(`${U}/return`).set(as('validator')).send({ reason: '   ' }), 400, 'validation.required');
    await refused(
      () =>
        request(t.http)
          .post(`${U}/return`)
          .set(as('validator'))
          .send({ reason: 'x'.repeat(2001) }),
      400,
      'validation.too_long',
    );
    const res = await request(t.http).post(`${U}/return`).set(as('validator')).send({ reason: 'Précisez la décision attendue.' }).expect(200);
    expect(res.body).toMatchObject({ state: 'returned', returnReason: 'Précisez la décision attendue.' });
    expect(notices.at(-1)).toMatchObject({ kind: 'update_returned', reason: 'Précisez la décision attendue.' });
    const validate = await refused(() => request(t.http).post(`${U}/validate`).set(as('validator')), 409, 'review.validate_needs_submitted');
    expect(validate.body.message).toContain('«\u00a0returned\u00a0»');
    const fixed = await request(t.http).put(U).set(as('dgos')).send({ decisionsNeeded: 'Arbitrage DGOS/DNS sur le financement.', version: 6 }).expect(200);
    expect(fixed.body).toMatchObject({ state: 'draft', returnReason: null, version: 7 });
    await request(t.http).post(`${U}/submit`).set(as('dgos')).expect(200);
  });

  it('is validated by a validator; then changing it needs a reason and marks it revised', async () => {
    const res = await request(t.http).post(`${U}/validate`).set(as('validator')).expect(200);
    expect(res.body).toMatchObject({ state: 'validated', validatedBy: { name: expect.stringMatching(/^validator/) }, revisedAfterValidation: false });
    expect(notices.at(-1)).toMatchObject({ kind: 'update_validated', objectiveCode: '15-4' });
    await refused(() => request(t.http).post(`${U}/validate`).set(as('validator')), 409, 'review.validate_needs_submitted');
    await refused(() => request(t.http).post(`${U}/submit`).set(as('dgos')), 409, 'review.already_validated');
    const locked = await refused(() => request(t.http).put(U).set(as('dgos')).send({ confidence: 'difficulties' }), 409, 'review.locked_needs_reason');
    expect(locked.body.errors[0].field).toBe('reason');
    const revised = await request(t.http).put(U).set(as('dgos')).send({ confidence: 'difficulties', reason: 'Le budget 2026 est gelé.' }).expect(200);
    expect(revised.body).toMatchObject({
      state: 'validated',
      confidence: 'difficulties',
      revisedAfterValidation: true,
      revisedAfterValidationAt: '2026-01-05T10:00:00.000Z',
    });
  });

  it('keeps the full history: who, when, from, to, why, and the content after each event', async () => {
    const res = await request(t.http).get(U).set(as('viewer')).expect(200);
    expect(res.body.history.map((e: { action: string; fromState: string | null; toState: string }) => [e.action, e.fromState, e.toState])).toEqual([
      ['save', null, 'draft'],
      ['save', 'draft', 'draft'],
      ['save', 'draft', 'draft'],
      ['save', 'draft', 'draft'],
      ['submit', 'draft', 'submitted'],
      ['return', 'submitted', 'returned'],
      ['save', 'returned', 'draft'],
      ['submit', 'draft', 'submitted'],
      ['validate', 'submitted', 'validated'],
      ['revise', 'validated', 'validated'],
    ]);
    const [first, , , , , ret, , , , revise] = res.body.history;
    expect(first).toMatchObject({
      reason: null,
      content: { confidence: 'watch', progress: null },
      by: { name: expect.stringMatching(/^editor/) },
      at: '2026-01-05T10:00:00.000Z',
    });
    expect(ret).toMatchObject({ reason: 'Précisez la décision attendue.', by: { name: expect.stringMatching(/^validator/) } });
    expect(revise).toMatchObject({
      reason: 'Le budget 2026 est gelé.',
      content: { confidence: 'difficulties', decisionsNeeded: 'Arbitrage DGOS/DNS sur le financement.' },
    });
    expect(res.body.createdBy).toEqual(first.by);
    // Each event has its audit entry, with the update before and after.
    expect(await countRows(t.database, 'audit_log', "entity_type = 'objective_update'")).toBe(10);
    expect(await countRows(t.database, 'objective_update_events')).toBe(10);
  });

  it("lists it in the objective's commentary history across periods", async () => {
    const res = await request(t.http).get(`${Q}/objectives/15-4`).set(as('viewer')).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        period: '2025-Q4',
        periodState: 'open',
        state: 'validated',
        confidence: 'difficulties',
        decisionsNeeded: 'Arbitrage DGOS/DNS sur le financement.',
        validatedBy: { id: expect.any(Number), name: expect.stringMatching(/^validator/) },
        revisedAfterValidationAt: '2026-01-05T10:00:00.000Z',
      }),
    ]);
    expect((await request(t.http).get(`${Q}/objectives/2-1`).set(as('viewer')).expect(200)).body).toEqual([]);
    await request(t.http).get(`${Q}/objectives/99-1`).set(as('viewer')).expect(404);
  });

  it('counts it in the period: submitted and validated, on time', async () => {
    const detail = await request(t.http).get(`${Q}/2025-Q4`).set(as('viewer')).expect(200);
    expect(detail.body.objectives.find((o: { objectiveCode: string }) => o.objectiveCode === '15-4')).toMatchObject({
      state: 'validated',
      confidence: 'difficulties',
      validatedBy: { name: expect.stringMatching(/^validator/) },
      revisedAfterValidationAt: '2026-01-05T10:00:00.000Z',
    });
    expect(detail.body.counts).toEqual({ expected: 65, submitted: 1, validated: 1 });
    expect(detail.body.bodies.find((b: { body: string }) => b.body === 'DGOS')).toMatchObject({ submitted: 1, validated: 1, onTime: 1, late: 0 });
  });
});

describe('four eyes, contributions and notices', () => {
  it('does not let whoever wrote or submitted an update validate it, even an admin', async () => {
    const u = `${Q}/2025-Q4/objectives/7-2`;
    await request(t.http).put(u).set(as('admin')).send({ confidence: 'secured', progress: 'Livré.' }).expect(200);
    await request(t.http).post(`${u}/submit`).set(as('admin')).expect(200);
    const res = await refused(() => request(t.http).post(`${u}/validate`).set(as('admin')), 403, 'review.cannot_validate_own');
    expect(res.body.message).toBe(
      'Vous avez rédigé ou transmis le point de situation de l’objectif 7-2' + `${NBSP}: un autre validateur doit le valider ou le renvoyer.`,
    );
    await request(t.http).post(`${u}/validate`).set(as('validator')).expect(200);
  });

  it('needs a rating and the progress made to submit', async () => {
    const u = `${Q}/2025-Q4/objectives/1-1`;
    await refused(() => request(t.http).post(`${u}/submit`).set(as('admin')), 409, 'review.nothing_to_submit');
    await request(t.http).put(u).set(as('admin')).send({ dataNote: 'Chiffres provisoires.' }).expect(200);
    const res = await refused(() => request(t.http).post(`${u}/submit`).set(as('admin')), 400, 'validation.failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['confidence', 'progress']);
  });

  it('takes a contributing body’s signed contribution, which the update shows', async () => {
    const res = await request(t.http).post(`${U}/contributions`).set(as('dns')).send({ text: '  La DNS a livré le référentiel.  ' }).expect(201);
    expect(res.body).toMatchObject({ body: 'DNS', text: 'La DNS a livré le référentiel.', author: { name: expect.stringMatching(/^editor/) } });
    const forbidden = await refused(() => request(t.http).post(`${U}/contributions`).set(as('cnam')).send({ text: 'x' }), 403, 'review.not_contributing_body');
    expect(forbidden.body.message).toBe('Seuls les rédacteurs d’un organisme contributeur de l’objectif 15-4 (la DNS) y ajoutent une contribution.');
    await refused(() => request(t.http).post(`${U}/contributions`).set(as('dgos')).send({ text: 'x' }), 403, 'review.not_contributing_body');
    await refused(() => request(t.http).post(`${U}/contributions`).set(as('dns')).send({ text: ' ' }), 400, 'validation.required');
    await refused(
      () =>
        request(t.http)
          .post(`${U}/contributions`)
          .set(as('dns'))
          .send({ text: 'x'.repeat(4001) }),
      400,
      'validation.too_long',
    );
    const update = await request(t.http).get(U).set(as('dgos')).expect(200);
    expect(update.body.contributions).toEqual([res.body]);
  });

  it('raises its notices inside the transaction: a failing sink leaves nothing written', async () => {
    const service = t.app.get(ReviewsService) as unknown as { sink: unknown };
    const kept = service.sink;
    service.sink = {
      notify: async () => {
        throw new Error('mail down');
      },
    };
    try {
      const u = `${Q}/2025-Q4/objectives/1-1`;
      await request(t.http).put(u).set(as('admin')).send({ confidence: 'secured', progress: 'Fait.' }).expect(200);
      const before = await recordedState(t.database);
      await request(t.http).post(`${u}/submit`).set(as('admin')).expect(500);
      expect(await recordedState(t.database)).toEqual(before);
      expect((await request(t.http).get(u).set(as('admin'))).body.state).toBe('draft');
    } finally {
      service.sink = kept;
    }
  });

  it("names the review's writes in French on the audit page", async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'admin@test.local', password: 'admin-password-123' }).expect(303);
    const audit = await agent.get('/admin/audit').expect(200);
    for (const words of [
      'Ouverture d’une revue',
      'Validation d’un point de situation',
      'Renvoi d’un point de situation',
      'Motif du renvoi',
      'Point de situation 1',
    ])
      expect(audit.text.replace(/&#x27;|&#39;|'/g, '’')).toContain(words);
    const shown = audit.text.replace(/value="[^"]*"/g, '').replace(/<[^>]+>/g, '');
    expect(shown).not.toMatch(/review\.(update|period|value|contribution)_|objective_update|returnReason|État\s*:\s*(draft|submitted|open)/);
    expect(shown).toMatch(/État\s*:\s*Transmis/);
  });

  it('takes a submission date in Paris time: 23:30 UTC on the deadline is the next day there, so late', async () => {
    t.clock.set('2026-01-15T23:30:00.000Z');
    try {
      const admin = await t.login();
      const u = `${Q}/2025-Q4/objectives/1-1`; // DNS leads it; the admin's draft is complete
      await request(t.http).post(`${u}/submit`).set('Authorization', `Bearer ${admin}`).expect(200);
      const detail = await request(t.http).get(`${Q}/2025-Q4`).set('Authorization', `Bearer ${admin}`).expect(200);
      expect(detail.body.objectives[0]).toMatchObject({ objectiveCode: '1-1', state: 'submitted', submittedAt: '2026-01-15T23:30:00.000Z' });
      expect(detail.body.bodies.find((b: { body: string }) => b.body === 'DNS')).toMatchObject({ submitted: 1, late: 1, onTime: 0, standing: 'late' });
    } finally {
      t.clock.set('2026-01-05T10:00:00.000Z');
    }
  });

  it('works in English too', async () => {
    const res = await request(t.http).post(`${U}/submit`).set(as('dgos')).set('Accept-Language', 'en').expect(409);
    expect(res.body.message).toBe('The update of objective 15-4 is already validated.');
  });
});

describe('a closed period', () => {
  it('refuses every change to its updates, saying it is published (closing itself is the publishing capability’s)', async () => {
    await t.database.query(`UPDATE review_periods SET state = 'closed', closed_at = '2026-01-05T10:00:00.000Z' WHERE period = '2025-Q4'`);
    const res = await refused(() => request(t.http).put(U).set(as('dgos')).send({ progress: 'x', reason: 'y' }), 409, 'review.period_closed');
    expect(res.body.message).toBe('La revue de la période 2025-Q4 est close' + `${NBSP}: ses points de situation ne changent plus (ils sont publiés).`);
    await refused(() => request(t.http).post(`${Q}/2025-Q4/objectives/7-2/submit`).set(as('admin')), 409, 'review.period_closed');
    await refused(() => request(t.http).post(`${Q}/2025-Q4/objectives/1-1/return`).set(as('validator')).send({ reason: 'x' }), 409, 'review.period_closed');
    await refused(() => request(t.http).post(`${U}/contributions`).set(as('dns')).send({ text: 'x' }), 409, 'review.period_closed');
    await refused(() => request(t.http).patch(`${Q}/2025-Q4`).set(as('admin')).send({ deadline: '2026-02-15' }), 409, 'review.period_closed');
    await refused(() => request(t.http).post(Q).set(as('admin')).send({ period: '2025-Q4' }), 409, 'review.period_already_closed');
    // Wrong role or body is still said first.
    await refused(() => request(t.http).put(U).set(as('cnam')).send({ progress: 'x' }), 403, 'review.not_lead_body_editor');
  });
});

describe('opening by the scheduler', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('opens the quarter just ended once, however often it runs, with one notice', async () => {
    const s = await startTestApp({ now: '2027-01-01T06:00:00.000Z' });
    apps.push(s);
    const seen: ReviewNotice[] = [];
    (s.app.get(ReviewsService) as unknown as { sink: unknown }).sink = {
      notify: async (n: ReviewNotice) => {
        seen.push(n);
      },
    };
    const scheduler = s.app.get(ReviewsScheduler);
    expect(await scheduler.runOpening(s.clock.now())).toMatchObject({
      job: 'review-open',
      runKey: '2026-Q4',
      status: 'succeeded',
      result: { period: '2026-Q4', opened: true },
    });
    expect(await scheduler.runOpening(s.clock.now())).toMatchObject({ status: 'skipped' });
    s.clock.advance(3 * 86_400_000);
    expect(await scheduler.runOpening(s.clock.now())).toMatchObject({ status: 'skipped' });
    expect(await countRows(s.database, 'review_periods')).toBe(1);
    expect(seen).toEqual([{ kind: 'period_opened', period: '2026-Q4', deadline: '2027-01-15' }]);
    const list = await request(s.http)
      .get(Q)
      .set('Authorization', `Bearer ${await s.login()}`)
      .expect(200);
    expect(list.body).toEqual([expect.objectContaining({ period: '2026-Q4', openedBy: null, deadline: '2027-01-15' })]);
  });

  it('leaves a period an admin opened already as it is', async () => {
    const s = await startTestApp({ now: '2026-04-01T06:00:00.000Z' });
    apps.push(s);
    const admin = await s.login();
    await request(s.http).post(Q).set('Authorization', `Bearer ${admin}`).send({ period: '2026-Q1', deadline: '2026-04-30' }).expect(201);
    expect(await s.app.get(ReviewsScheduler).runOpening(s.clock.now())).toMatchObject({ status: 'succeeded', result: { opened: false } });
    expect((await request(s.http).get(`${Q}/2026-Q1`).set('Authorization', `Bearer ${admin}`)).body.deadline).toBe('2026-04-30');
  });

  it('does not open by itself a period whose collection is already over (a first start months later)', async () => {
    const s = await startTestApp({ now: '2027-02-01T06:00:00.000Z' });
    apps.push(s);
    const outcome = await s.app.get(ReviewsScheduler).runOpening(s.clock.now());
    expect(outcome).toMatchObject({ status: 'succeeded', result: { period: '2026-Q4', opened: false, why: 'deadline_passed' } });
    expect(await countRows(s.database, 'review_periods')).toBe(0);
  });

  it('catches up at start: a server down on the opening day opens the period when it starts', async () => {
    const s = await startTestApp({
      now: '2027-01-03T08:00:00.000Z',
      env: { SCHEDULER_ENABLED: 'true', REVIEW_GRANULARITY: 'month', REVIEW_DEADLINE_DAY: '20' },
    });
    apps.push(s);
    const registry = s.app.get(SchedulerRegistry);
    const job = registry.getCronJob('review-open');
    expect(job.cronTime.source).toBe('0 7 * * *');
    for (const name of registry.getCronJobs().keys()) await registry.getCronJob(name).stop();
    const list = await request(s.http)
      .get(Q)
      .set('Authorization', `Bearer ${await s.login()}`)
      .expect(200);
    expect(list.body).toEqual([expect.objectContaining({ period: '2026-12', granularity: 'month', deadline: '2027-01-20', openedBy: null })]);
    expect(await countRows(s.database, 'job_runs', "job = 'review-open' AND run_key = '2026-12' AND status = 'succeeded'")).toBe(1);
  });
});
