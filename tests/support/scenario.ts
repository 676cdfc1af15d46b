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
  await request(t.http)
    .patch(`/api/v1/milestones/${ids.portal}`)
    .set(auth())
    .send({ state: 'done', completedOn: '2024-07-15', evidence: 'https://www.ameli.fr' })
    .expect(200);
  await request(t.http).patch(`/api/v1/milestones/${ids.hopsun}`).set(auth()).send({ state: 'in_progress' }).expect(200);

  admin = await at('2025-10-10T09:00:00.000Z');
  const m = await record(ids.mediators, 5_200, '2025-09-30', 'ANCT', 'provisional');
  await request(t.http).post(`/api/v1/measurements/${m.body.id}/corrections`).set(auth()).send({ value: 5_400, reason: 'revised by ANCT' }).expect(201);
  // A hostile comment: it must reach every page and report as text, and fetch nothing.
  await record(ids.ins, 81, '2025-09-30', 'ANS', '<script>alert(1)</script><img src=http://127.0.0.1:9/beacon.png>');
  await record(ids.documents, 330_000_000, '2025-09-30');
  return ids;
}

/**
 * A fuller picture on top of recordScenario, recorded through the API on 10 October 2025: values for
 * two indicators in three (about a third, then two thirds of the way to their first target, at the
 * end of 2023 and 2024), and milestone progress across the roadmap (one in four done, one in four in
 * progress, the rest as the roadmap left them — late once their due date has passed). Objectives
 * the first scenario touched are left as it set them. Returns the indicators left without data.
 */
export async function recordFullerStory(t: TestApp) {
  t.clock.set('2025-10-10T12:00:00.000Z');
  const admin = await t.login();
  const auth = { Authorization: `Bearer ${admin}` };
  const tree = await request(t.http).get('/api/v1/roadmap').set(auth).expect(200);
  const codes: string[] = tree.body.focusAreas.flatMap((f: any) => f.priorities.flatMap((p: any) => p.objectives.map((o: any) => o.code)));
  const touched = new Set(['1-1', '4-2', '12-1', '14-2', '8-1', '7-2', '16-2']);
  let indicatorIndex = 0;
  let milestoneIndex = 0;
  const withoutData: { code: string; indicator: string }[] = [];
  for (const code of codes) {
    const o = (await request(t.http).get(`/api/v1/objectives/${code}`).set(auth).expect(200)).body;
    for (const i of o.indicators) {
      const k = indicatorIndex++;
      if (touched.has(code)) continue;
      if (k % 3 === 2) {
        withoutData.push({ code, indicator: i.name });
        continue;
      }
      const target = i.targets[0].value as number;
      const value = (f: number) => (i.unit === 'percent' ? Math.round(target * f * 10) / 10 : Math.round(target * f));
      for (const [f, observedAt] of [
        [0.3, '2023-12-31'],
        [0.62, '2024-12-31'],
      ] as const) {
        await request(t.http)
          .post(`/api/v1/indicators/${i.id}/measurements`)
          .set(auth)
          .send({ value: value(f), observedAt, source: o.leadBody })
          .expect(201);
      }
    }
    for (const m of o.milestones) {
      const k = milestoneIndex++;
      if (touched.has(code)) continue;
      if (k % 4 === 0) {
        const completedOn = m.dueDate < '2025-10-10' ? m.dueDate : '2025-09-15';
        await request(t.http)
          .patch(`/api/v1/milestones/${m.id}`)
          .set(auth)
          .send({ state: 'done', completedOn, evidence: 'Compte rendu du comité de suivi' })
          .expect(200);
      } else if (k % 4 === 1) {
        await request(t.http).patch(`/api/v1/milestones/${m.id}`).set(auth).send({ state: 'in_progress' }).expect(200);
      }
    }
  }
  return { withoutData };
}
