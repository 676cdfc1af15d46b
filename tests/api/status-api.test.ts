import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';

let t: TestApp;
let admin: string;
let viewer: string;
let documents: number; // 1-1: 250 M by 2023-12-31, 400 M by 2026-12-31
let portal: number; // 8-1 milestone, due 2024-06-30
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const status = (asOf?: string) =>
  request(t.http)
    .get(`/api/v1/status${asOf ? `?asOf=${asOf}` : ''}`)
    .set(auth(viewer))
    .expect(200)
    .then((r) => r.body);

/** Moves time on; bearer tokens last 12 hours, so sign in again. */
async function moveClock(to: string) {
  t.clock.set(to);
  admin = await t.login();
  viewer = await t.userToken('viewer');
}

beforeAll(async () => {
  t = await startTestApp({ now: '2023-12-15T09:00:00.000Z' });
  admin = await t.login();
  viewer = await t.userToken('viewer');
  documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  portal = (await objectiveIds(t, admin, '8-1')).milestones[0];
  const record = (value: number, observedAt: string) =>
    request(t.http).post(`/api/v1/indicators/${documents}/measurements`).set(auth(admin)).send({ value, observedAt, source: 'CNAM' }).expect(201);
  // Known in December 2023: the baseline and November's value.
  await request(t.http).put(`/api/v1/indicators/${documents}/baseline`).set(auth(admin)).send({ value: 20_000_000, date: '2022-12-31' }).expect(200);
  await record(195_000_000, '2023-11-30');
  // Known in January 2025: the value for 2024 and the portal's launch.
  await moveClock('2025-01-10T09:00:00.000Z');
  await record(280_000_000, '2024-12-31');
  await request(t.http).patch(`/api/v1/milestones/${portal}`).set(auth(admin)).send({ state: 'done', completedOn: '2024-07-15' }).expect(200);
});
afterAll(async () => t.close());

describe('GET /api/v1/status', () => {
  it('computes each target against the trajectory from the baseline', async () => {
    const s = await status('2025-01-10');
    const o = s.objectives.find((x: any) => x.code === '1-1');
    const [target2023, target2026] = o.indicators[0].targets;
    expect(target2023).toMatchObject({ value: 250_000_000, dueDate: '2023-12-31', status: 'achieved', latestValue: 280_000_000 });
    // Path to 400 M: 20 M on 2022-12-31 → 400 M on 2026-12-31 (1461 days); on 2024-12-31 (day 731)
    // e = 20 M + 380 M·731/1461 = 210.13 M; r = (280 − 20)/(210.13 − 20) = 1.3675 → on_track.
    const e = 20e6 + (380e6 * 731) / 1461;
    expect(target2026.status).toBe('on_track');
    expect(target2026.expected).toBeCloseTo(e, 0);
    expect(target2026.ratio).toBeCloseTo(260e6 / (e - 20e6), 9);
    expect(o.indicators[0]).toMatchObject({
      status: 'on_track',
      currentTargetId: target2026.id,
      baseline: { value: 20e6, date: '2022-12-31', origin: 'set' },
      stale: false,
    });
    expect(o.status).toBe('on_track');
    const bsp = s.objectives.find((x: any) => x.code === '8-1');
    expect(bsp.milestones[0]).toMatchObject({ state: 'done', status: 'achieved', daysLate: 15 });
  });

  it('counts objectives per status for the roadmap, focus areas, priorities and bodies', async () => {
    const s = await status('2025-01-10');
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(s.roadmap.objectives).toBe(65);
    expect(sum(s.roadmap.counts)).toBe(65);
    expect(s.focusAreas.map((f: any) => sum(f.counts))).toEqual([20, 16, 11, 18]);
    expect(s.priorities).toHaveLength(18);
    const cnam = s.bodies.find((b: any) => b.acronym === 'CNAM');
    expect(sum(cnam.led)).toBe(s.objectives.filter((o: any) => o.leadBody === 'CNAM').length);
    expect(s.roadmap.counts.on_track).toBeGreaterThanOrEqual(1);
    expect(s.noData.map((n: any) => n.objectiveCode)).not.toContain('1-1');
    expect(s.noData.length).toBe(31); // every other indicator has no value yet
  });

  it('reads the first target on its due date, the next one the day after', async () => {
    const onDue = (await status('2023-12-31')).objectives.find((x: any) => x.code === '1-1').indicators[0];
    expect(onDue.currentTargetId).toBe(onDue.targets[0].id);
    // 195 M on 2023-11-30 (day 334 of 365): e = 20 M + 230 M·334/365 = 230.47 M; r = 175/210.47 = 0.83
    expect(onDue.targets[0].ratio).toBeCloseTo(175e6 / ((230e6 * 334) / 365), 9);
    expect(onDue.status).toBe('at_risk');
    const dayAfter = (await status('2024-01-01')).objectives.find((x: any) => x.code === '1-1').indicators[0];
    expect(dayAfter.currentTargetId).toBe(dayAfter.targets[1].id);
    expect(dayAfter.targets[0].status).toBe('missed');
  });

  it('counts only what was recorded by the end of the as-of day', async () => {
    const early = (await status('2023-12-14')).objectives.find((x: any) => x.code === '1-1');
    expect(early.status).toBe('no_data');
    const jan2025 = (await status('2025-01-09')).objectives.find((x: any) => x.code === '1-1').indicators[0];
    expect(jan2025.latest).toEqual({ value: 195_000_000, date: '2023-11-30' }); // 2024's value was recorded on the 10th
  });

  it('flags an indicator as stale once its latest value is older than its frequency allows', async () => {
    // monthly indicator, last value 2024-12-31: stale after 62 days, i.e. from 2025-03-04.
    expect((await status('2025-03-03')).stale).toEqual([]);
    const later = await status('2025-03-04');
    expect(later.stale).toEqual([expect.objectContaining({ indicatorId: documents, objectiveCode: '1-1', leadBody: 'DNS', latestObservedAt: '2024-12-31' })]);
  });

  it('is reproducible: values recorded or corrected later do not change a past status', async () => {
    const before = await status('2025-01-10');
    await moveClock('2025-02-20T08:00:00.000Z');
    const latest = await request(t.http).get(`/api/v1/indicators/${documents}`).set(auth(admin)).expect(200);
    const m2024 = latest.body.measurements.find((m: any) => m.observedAt === '2024-12-31');
    await request(t.http).post(`/api/v1/measurements/${m2024.id}/corrections`).set(auth(admin)).send({ value: 150_000_000, reason: 'revised' }).expect(201);
    await request(t.http)
      .post(`/api/v1/indicators/${documents}/measurements`)
      .set(auth(admin))
      .send({ value: 5_000_000, observedAt: '2024-06-30', source: 'late entry' })
      .expect(201);
    await request(t.http).put(`/api/v1/indicators/${documents}/baseline`).set(auth(admin)).send({ value: 100_000_000, date: '2022-12-31' }).expect(200);
    await request(t.http).patch(`/api/v1/milestones/${portal}`).set(auth(admin)).send({ state: 'in_progress' }).expect(200);

    expect(await status('2025-01-10')).toEqual(before);
    const now = await status('2025-02-20');
    const o = now.objectives.find((x: any) => x.code === '1-1').indicators[0];
    expect(o.latest).toEqual({ value: 150_000_000, date: '2024-12-31' });
    expect(o.baseline.value).toBe(100_000_000);
  });

  it('serves the same status in GET /api/v1/objectives/:code?asOf=', async () => {
    const s = await status('2025-01-10');
    const res = await request(t.http).get('/api/v1/objectives/1-1?asOf=2025-01-10').set(auth(viewer)).expect(200);
    const fromStatus = s.objectives.find((x: any) => x.code === '1-1');
    expect(res.body.status).toBe(fromStatus.status);
    expect(res.body.asOf).toBe('2025-01-10');
    expect(res.body.indicators[0].targets.map((x: any) => [x.status, x.expected, x.ratio, x.sourceText.slice(0, 10)])).toEqual(
      // French by default: the target's sentence from the project's translation.
      fromStatus.indicators[0].targets.map((x: any) => [x.status, x.expected, x.ratio, 'Atteindre ']),
    );
  });

  it('refuses an asOf that is not a real date', async () => {
    const res = await request(t.http).get('/api/v1/status?asOf=2025-02-30').set(auth(viewer)).expect(400);
    expect(res.body.errors).toEqual([
      {
        code: 'validation.not_a_date',
        field: 'asOf',
        message: 'Date de situation\u00a0: saisissez une date réelle au format AAAA-MM-JJ, par exemple 2025-03-31.',
      },
    ]);
    const en = await request(t.http).get('/api/v1/status?asOf=2025-02-30&lang=en').set(auth(viewer)).expect(400);
    expect(en.body.errors).toEqual([
      { code: 'validation.not_a_date', field: 'asOf', message: 'Status date: enter a real date written YYYY-MM-DD, for example 2025-03-31.' },
    ]);
    await request(t.http).get('/api/v1/status?asOf=2025-01-10&extra=1').set(auth(viewer)).expect(400);
    // ?lang= chooses the language; it is not refused as an unknown query field.
    await request(t.http).get('/api/v1/status?asOf=2025-01-10&lang=en').set(auth(viewer)).expect(200);
  });
});
