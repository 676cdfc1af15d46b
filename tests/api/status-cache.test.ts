import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { StatusService } from '@app/snapshots';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';

let t: TestApp;
let admin: string;
let documents: number; // an indicator of 1-1
let teleconsultation: number; // an indicator of 12-1
let portal: number; // a milestone of 8-1
const auth = () => ({ Authorization: `Bearer ${admin}` });
const asOf = '2025-06-15';
const snapshot = () => t.app.get(StatusService).snapshot(asOf);
const objective = async (code: string) => (await snapshot()).objectives.find((o) => o.code === code)!;

beforeAll(async () => {
  t = await startTestApp({ now: '2025-06-15T10:00:00.000Z' });
  admin = await t.login();
  documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  teleconsultation = (await objectiveIds(t, admin, '12-1')).indicators[0];
  portal = (await objectiveIds(t, admin, '8-1')).milestones[0];
});
afterAll(() => t.close());

describe('the status cache after a write', () => {
  it('serves the same snapshot while nothing is written', async () => {
    expect(await snapshot()).toBe(await snapshot());
  });

  it('evaluates again only the objective a recorded value belongs to', async () => {
    const before = await snapshot();
    await request(t.http)
      .post(`/api/v1/indicators/${documents}/measurements`)
      .set(auth())
      .send({ value: 300_000_000, observedAt: '2025-05-31', source: 'CNAM' })
      .expect(201);
    const after = await snapshot();
    expect(after).not.toBe(before);
    const changed = after.objectives.find((o) => o.code === '1-1')!;
    expect(changed.indicators.find((i) => i.id === documents)!.latest).toEqual({ value: 300_000_000, date: '2025-05-31' });
    expect(changed).not.toBe(before.objectives.find((o) => o.code === '1-1'));
    for (const code of ['8-1', '12-1', '18-4']) expect(after.objectives.find((o) => o.code === code)).toBe(before.objectives.find((o) => o.code === code));
    // The roll-ups are counted again from the objectives.
    expect(after.noData.some((n) => n.indicatorId === documents)).toBe(false);
    expect(before.noData.some((n) => n.indicatorId === documents)).toBe(true);
  });

  it('does the same for a milestone update, a correction, a baseline and an import', async () => {
    let before = await objective('8-1');
    await request(t.http).patch(`/api/v1/milestones/${portal}`).set(auth()).send({ state: 'done', completedOn: '2024-07-15' }).expect(200);
    expect(await objective('8-1')).not.toBe(before);
    expect((await objective('8-1')).milestones.find((m) => m.id === portal)!.state).toBe('done');

    const untouched = await objective('12-1');
    const id = (await request(t.http).get(`/api/v1/indicators/${documents}/history`).set(auth()).expect(200)).body.measurements[0].id; // the only value recorded so far
    await request(t.http).post(`/api/v1/measurements/${id}/corrections`).set(auth()).send({ value: 310_000_000, reason: 'typo' }).expect(201);
    expect((await objective('1-1')).indicators.find((i) => i.id === documents)!.latest!.value).toBe(310_000_000);
    expect(await objective('12-1')).toBe(untouched);

    await request(t.http).put(`/api/v1/indicators/${teleconsultation}/baseline`).set(auth()).send({ value: 10, date: '2022-12-31' }).expect(200);
    expect((await objective('12-1')).indicators.find((i) => i.id === teleconsultation)!.baseline).toMatchObject({ value: 10, origin: 'set' });

    const csv = `indicatorId,value,observedAt,source\n${teleconsultation},25,2025-03-31,Cnam\n`;
    before = await objective('12-1');
    const kept = await objective('1-1');
    await request(t.http).post('/api/v1/imports?dryRun=false').set(auth()).attach('file', Buffer.from(csv), 'v.csv').expect(200);
    expect(await objective('12-1')).not.toBe(before);
    expect((await objective('12-1')).indicators.find((i) => i.id === teleconsultation)!.latest).toEqual({ value: 25, date: '2025-03-31' });
    expect(await objective('1-1')).toBe(kept);
  });

  it('evaluates again what another instance on the same database wrote, and only that', async () => {
    // The stamps are in the database: a second server, or the CLI, moves them as this one does.
    const other = await startTestApp({ database: t.database, now: '2025-06-15T10:00:00.000Z' });
    try {
      // Its only write: a value of 12-1 (signed in with this instance's token, also in the database).
      const before = await snapshot();
      await request(other.http)
        .post(`/api/v1/indicators/${teleconsultation}/measurements`)
        .set(auth())
        .send({ value: 30, observedAt: '2025-04-30', source: 'CLI' })
        .expect(201);
      const after = await snapshot();
      expect(after.objectives.find((o) => o.code === '12-1')!.indicators.find((i) => i.id === teleconsultation)!.latest).toEqual({
        value: 30,
        date: '2025-04-30',
      });
      expect(after.objectives.find((o) => o.code === '1-1')).toBe(before.objectives.find((o) => o.code === '1-1'));
    } finally {
      await other.close();
    }
  });

  it('evaluates everything again after a write that names no objective', async () => {
    const before = await snapshot();
    await request(t.http)
      .post('/api/v1/users')
      .set(auth())
      .send({ email: 'someone@test.local', name: 'Someone', password: 'someone-password-1', role: 'viewer', bodies: [] })
      .expect(201);
    const after = await snapshot();
    expect(after.objectives.find((o) => o.code === '1-1')).not.toBe(before.objectives.find((o) => o.code === '1-1'));
    expect(after.objectives.find((o) => o.code === '1-1')).toEqual(before.objectives.find((o) => o.code === '1-1'));
  });
});
