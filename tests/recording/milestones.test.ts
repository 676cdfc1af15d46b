import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { recordedState } from '../support/db';
import { objectiveIds } from '../support/roadmap';

let t: TestApp;
let admin: string;
let cnam: string;
let bspPortal: number; // 8-1, CNAM lead, due 2024-06-30
let hopsun: number; // 7-2, DGOS lead, DNS contributes

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const patch = (token: string, id: number, body: object, lang = 'en') =>
  request(t.http).patch(`/api/v1/milestones/${id}`).set(auth(token)).set('Accept-Language', lang).send(body);

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login();
  cnam = await t.userToken('editor', ['CNAM']);
  bspPortal = (await objectiveIds(t, admin, '8-1')).milestones[0];
  hopsun = (await objectiveIds(t, admin, '7-2')).milestones[0];
});
afterAll(async () => t.close());

describe('PATCH /api/v1/milestones/:id', () => {
  it('starts as not_started, and is missed once past due without being done', async () => {
    const res = await request(t.http).get(`/api/v1/milestones/${bspPortal}`).set(auth(cnam)).expect(200);
    expect(res.body).toMatchObject({ state: 'not_started', status: 'missed', dueDate: '2024-06-30', daysLate: 350, history: [] });
  });

  it('is told in French by default and in English on request', async () => {
    const fr = await request(t.http).get(`/api/v1/milestones/${bspPortal}`).set(auth(cnam)).expect(200);
    const en = await request(t.http).get(`/api/v1/milestones/${bspPortal}`).set(auth(cnam)).set('Accept-Language', 'en').expect(200);
    expect(fr.headers['content-language']).toBe('fr');
    expect(en.headers['content-language']).toBe('en');
    expect(fr.body.title).not.toBe(en.body.title);
    expect(fr.body.sourceText).toMatch(/ d’ici | d'ici | au /);
    expect(en.body.title).toMatch(/portal/i);
  });

  it('moves through in_progress to done with a completion date and evidence', async () => {
    const progress = await patch(cnam, bspPortal, { state: 'in_progress', comment: 'pilot with 3 regions' }).expect(200);
    expect(progress.body).toMatchObject({ state: 'in_progress', status: 'missed' });
    t.clock.advance(60_000);
    const done = await patch(cnam, bspPortal, { state: 'done', completedOn: '2024-07-15', evidence: 'https://www.ameli.fr/bsp' }).expect(200);
    expect(done.body).toMatchObject({ state: 'done', completedOn: '2024-07-15', evidence: 'https://www.ameli.fr/bsp', status: 'achieved', daysLate: 15 });
    expect(done.body.history.map((h: any) => h.state)).toEqual(['done', 'in_progress']);
    expect(done.body.history[1]).toMatchObject({ comment: 'pilot with 3 regions', recordedByEmail: expect.stringMatching(/^editor/) });
  });

  it.each([
    [
      'done without completedOn',
      { state: 'done' },
      'completedOn',
      'milestone.completed_on_required',
      /^Completion date: required when the milestone is done\.$/,
    ],
    [
      'completedOn on a milestone not done',
      { state: 'in_progress', completedOn: '2024-01-01' },
      'completedOn',
      'milestone.completed_on_not_done',
      /only for a done milestone \(the state chosen is "in progress"\)/,
    ],
    ['completedOn in the future', { state: 'done', completedOn: '2025-07-01' }, 'completedOn', 'date.in_future', /in the future/],
    ['impossible completedOn', { state: 'done', completedOn: '2024-13-01' }, 'completedOn', 'validation.not_a_date', /real date/],
    ['unknown state', { state: 'finished' }, 'state', 'validation.not_one_of', /^State: choose "not_started", "in_progress" or "done"\.$/],
    ['javascript: evidence', { state: 'in_progress', evidence: 'javascript:alert(1)' }, 'evidence', 'milestone.evidence_not_a_link', /http:\/\/ or https:\/\//],
    ['unknown field', { state: 'in_progress', owner: 'me' }, 'owner', 'validation.unknown_field', /not accepted/],
    ['nothing to change', {}, 'state', 'milestone.nothing_to_change', /at least one/],
  ])('refuses %s (400) and writes nothing', async (_name, body, field, code, message) => {
    const before = await recordedState(t.database);
    const res = await patch(admin, hopsun, body).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field, code, message: expect.stringMatching(message) }]));
    expect(await recordedState(t.database)).toEqual(before);
  });

  it("reports the form's problems and the milestone's own rules at once, in French by default", async () => {
    const res = await patch(admin, hopsun, { state: 'in_progress', completedOn: '2024-01-01', evidence: 'file:///etc/passwd', comment: 5 }, 'fr').expect(400);
    expect(res.body.errors.map((e: any) => [e.field, e.code])).toEqual([
      ['comment', 'validation.not_text'],
      ['completedOn', 'milestone.completed_on_not_done'],
      ['evidence', 'milestone.evidence_not_a_link'],
    ]);
    expect(res.body.message).toMatch(
      /^Requête refusée\u00a0: 3 problèmes à corriger\. Commentaire\u00a0: saisissez du texte\. Date de réalisation\u00a0: seulement pour un jalon réalisé \(l’état choisi est «\u00a0en cours\u00a0»\)/,
    );
  });

  it('keeps a note as evidence, and refuses editors of other bodies', async () => {
    await patch(admin, hopsun, { state: 'in_progress', evidence: 'Note: call for projects published in the JO' }).expect(200);
    const res = await patch(cnam, hopsun, { state: 'done', completedOn: '2024-10-01' }).expect(403);
    expect(res.body.message).toMatch(/objective 7-2 is led by DGOS/);
    const fr = await patch(cnam, hopsun, { state: 'done', completedOn: '2024-10-01' }, 'fr').expect(403);
    expect(fr.body.message).toMatch(/l’objectif 7-2 est piloté par la DGOS/);
    await patch(admin, 99999, { state: 'done' }).expect(404);
  });
});
