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
const patch = (token: string, id: number, body: object) => request(t.http).patch(`/api/v1/milestones/${id}`).set(auth(token)).send(body);

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
    ['done without completedOn', { state: 'done' }, 'completedOn', /required when state is done/],
    ['completedOn on a milestone not done', { state: 'in_progress', completedOn: '2024-01-01' }, 'completedOn', /only for a done milestone/],
    ['completedOn in the future', { state: 'done', completedOn: '2025-07-01' }, 'completedOn', /in the future/],
    ['impossible completedOn', { state: 'done', completedOn: '2024-13-01' }, 'completedOn', /real date/],
    ['unknown state', { state: 'finished' }, 'state', /must be one of not_started, in_progress, done/],
    ['javascript: evidence', { state: 'in_progress', evidence: 'javascript:alert(1)' }, 'evidence', /http:\/\/ or https:\/\//],
    ['unknown field', { state: 'in_progress', owner: 'me' }, 'owner', /should not exist/],
    ['nothing to change', {}, 'state', /at least one/],
  ])('refuses %s (400) and writes nothing', async (_name, body, field, message) => {
    const before = recordedState(t.dbPath);
    const res = await patch(admin, hopsun, body).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
    expect(recordedState(t.dbPath)).toEqual(before);
  });

  it('keeps a note as evidence, and refuses editors of other bodies', async () => {
    await patch(admin, hopsun, { state: 'in_progress', evidence: 'Note: call for projects published in the JO' }).expect(200);
    const res = await patch(cnam, hopsun, { state: 'done', completedOn: '2024-10-01' }).expect(403);
    expect(res.body.message).toMatch(/objective 7-2 is led by DGOS/);
    await patch(admin, 99999, { state: 'done' }).expect(404);
  });
});
