import request from 'supertest';
import type { TestApp } from './app';
import { objectiveIds } from './roadmap';

/**
 * A small, realistic story recorded through the API, clock moving forward: values for 1-1, 4-2,
 * 12-1 and 14-2, milestones of 8-1 (done late), 7-2 (in progress) and 16-2 (not started), a
 * correction. Returns the ids the tests look at.
 */
export async function recordScenario(t: TestApp) {
  const at = async (iso: string) => {
    t.clock.set(iso);
    return t.login();
  };
  let admin = await at('2024-01-15T09:00:00.000Z');
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const ids = {
    documents: (await objectiveIds(t, admin, '1-1')).indicators[0],
    mediators: (await objectiveIds(t, admin, '4-2')).indicators[0],
    teleconsultation: (await objectiveIds(t, admin, '12-1')).indicators[0],
    ins: (await objectiveIds(t, admin, '14-2')).indicators[0],
    portal: (await objectiveIds(t, admin, '8-1')).milestones[0],
    hopsun: (await objectiveIds(t, admin, '7-2')).milestones[0],
  };
  const record = (indicator: number, value: number, observedAt: string, source = 'CNAM', comment?: string) =>
    request(t.http).post(`/api/v1/indicators/${indicator}/measurements`).set(auth()).send({ value, observedAt, source, comment }).expect(201);
  const baseline = (indicator: number, value: number, date: string) =>
    request(t.http).put(`/api/v1/indicators/${indicator}/baseline`).set(auth()).send({ value, date }).expect(200);

  await baseline(ids.documents, 20_000_000, '2022-12-31');
  await baseline(ids.teleconsultation, 12, '2022-12-31');
  await record(ids.documents, 195_000_000, '2023-12-31');
  await record(ids.teleconsultation, 18, '2023-12-31');

  admin = await at('2025-01-20T09:00:00.000Z');
  await record(ids.documents, 280_000_000, '2024-12-31');
  await record(ids.teleconsultation, 19.5, '2024-12-31');
  await record(ids.mediators, 2_500, '2024-12-31', 'ANCT');
  await record(ids.ins, 72, '2024-12-31', 'ANS');
  await request(t.http).patch(`/api/v1/milestones/${ids.portal}`).set(auth()).send({ state: 'done', completedOn: '2024-07-15', evidence: 'https://www.ameli.fr' }).expect(200);
  await request(t.http).patch(`/api/v1/milestones/${ids.hopsun}`).set(auth()).send({ state: 'in_progress' }).expect(200);

  admin = await at('2025-10-10T09:00:00.000Z');
  const m = await record(ids.mediators, 5_200, '2025-09-30', 'ANCT', 'provisional');
  await request(t.http).post(`/api/v1/measurements/${m.body.id}/corrections`).set(auth()).send({ value: 5_400, reason: 'revised by ANCT' }).expect(201);
  // A hostile comment: it must reach every page and report as text, and fetch nothing.
  await record(ids.ins, 81, '2025-09-30', 'ANS', '<script>alert(1)</script><img src=http://127.0.0.1:9/beacon.png>');
  await record(ids.documents, 330_000_000, '2025-09-30');
  return ids;
}
