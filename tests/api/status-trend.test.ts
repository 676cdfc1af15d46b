import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';
import { tempDir } from '../support/temp';

// Objective 1-1, indicator "documents": 250 M documents a year by 2023-12-31, 400 M by 2026-12-31.
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const tmp = tempDir('fdr-trend-');
let plain: TestApp; // the roadmap as it is: no declared baseline
let declared: TestApp; // the same roadmap, with a baseline declared for 1-1's indicator
let plainAdmin: string;
let declaredAdmin: string;
let plainDocuments: number;
let declaredDocuments: number;

/** The data file with `baseline:` on 1-1's indicator, as an admin would declare it. */
function roadmapWithDeclaredBaseline(): string {
  const doc = parseDocument(readFileSync(resolve(__dirname, '../../db/roadmap.yaml'), 'utf8'));
  doc.setIn(['focusAreas', 0, 'priorities', 0, 'objectives', 0, 'indicators', 0, 'baseline'], {
    value: 20_000_000,
    date: '2022-12-31',
    source: '20 million documents were sent to Mon espace santé in 2022',
  });
  const file = tmp.path('roadmap-with-baseline.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

beforeAll(async () => {
  plain = await startTestApp({ now: '2023-12-15T09:00:00.000Z' });
  declared = await startTestApp({ now: '2023-12-15T09:00:00.000Z', env: { ROADMAP_DATA_PATH: roadmapWithDeclaredBaseline() } });
  plainAdmin = await plain.login();
  declaredAdmin = await declared.login();
  plainDocuments = (await objectiveIds(plain, plainAdmin, '1-1')).indicators[0];
  declaredDocuments = (await objectiveIds(declared, declaredAdmin, '1-1')).indicators[0];
});
afterAll(async () => {
  await plain.close();
  await declared.close();
  tmp.cleanup();
});

const record = (t: TestApp, token: string, id: number, value: number, observedAt: string) =>
  request(t.http).post(`/api/v1/indicators/${id}/measurements`).set(auth(token)).send({ value, observedAt, source: 'CNAM' }).expect(201);
const objective11 = async (t: TestApp, token: string) =>
  (await request(t.http).get('/api/v1/status?asOf=2023-12-15').set(auth(token)).expect(200)).body.objectives.find((o: any) => o.code === '1-1');

describe('one value and no baseline', () => {
  it('reads insufficient_data ("Tendance indéterminée"), not on track, in /status and /objectives/:code', async () => {
    await record(plain, plainAdmin, plainDocuments, 150_000_000, '2023-06-30');
    const o = await objective11(plain, plainAdmin);
    expect(o.status).toBe('insufficient_data');
    const [ind] = o.indicators;
    expect(ind).toMatchObject({ status: 'insufficient_data', baseline: { value: 150_000_000, date: '2023-06-30', origin: 'first_measurement' } });
    expect(ind.targets.map((x: any) => [x.status, x.expected, x.ratio])).toEqual([
      ['insufficient_data', null, null],
      ['insufficient_data', null, null],
    ]);
    const status = await request(plain.http).get('/api/v1/status?asOf=2023-12-15').set(auth(plainAdmin)).expect(200);
    expect(status.body.roadmap.counts.insufficient_data).toBe(1);
    expect(status.body.focusAreas[0].counts.insufficient_data).toBe(1);
    const objective = await request(plain.http).get('/api/v1/objectives/1-1?asOf=2023-12-15').set(auth(plainAdmin)).expect(200);
    expect(objective.body.status).toBe('insufficient_data');
  });

  it('reads a real status once a second dated value gives a trend (the first is the baseline)', async () => {
    await record(plain, plainAdmin, plainDocuments, 200_000_000, '2023-11-30');
    const o = await objective11(plain, plainAdmin);
    const [ind] = o.indicators;
    expect(ind.baseline).toMatchObject({ value: 150_000_000, origin: 'first_measurement' });
    // 150 M on 2023-06-30 → 250 M by 2023-12-31 (184 days); on 2023-11-30 (153 days) e ≈ 233 M: r = 50/83.15 ≈ 0.60.
    expect(ind.targets[0].status).toBe('at_risk');
    expect(ind.targets[0].ratio).toBeCloseTo(50 / (100 * (153 / 184)), 6);
    expect(o.status).toBe('at_risk');
  });

  it('reads missed, without a ratio, when its one value came and the due date has passed', async () => {
    // 12-3: list more than 15 telemonitoring services by the end of 2023; one value, 10, at the end of 2023.
    plain.clock.set('2024-01-15T09:00:00.000Z');
    plainAdmin = await plain.login(); // tokens last 12 hours
    const [telemonitoring] = (await objectiveIds(plain, plainAdmin, '12-3')).indicators;
    await record(plain, plainAdmin, telemonitoring, 10, '2023-12-31');
    const res = await request(plain.http).get(`/api/v1/indicators/${telemonitoring}?asOf=2024-01-15`).set(auth(plainAdmin)).expect(200);
    expect(res.body.status).toBe('missed');
    expect(res.body.targets[0]).toMatchObject({ status: 'missed', expected: null, ratio: null });
  });
});

describe('a baseline declared in the data file', () => {
  it('is loaded with its sentence and gives one value a real status', async () => {
    const def = await request(declared.http).get('/api/v1/objectives/1-1?lang=en').set(auth(declaredAdmin)).expect(200);
    expect(def.body.indicators[0].declaredBaseline).toEqual({
      value: 20_000_000,
      date: '2022-12-31',
      source: '20 million documents were sent to Mon espace santé in 2022',
    });
    await record(declared, declaredAdmin, declaredDocuments, 195_000_000, '2023-11-30');
    const o = await objective11(declared, declaredAdmin);
    const [ind] = o.indicators;
    expect(ind.baseline).toEqual({ value: 20_000_000, date: '2022-12-31', origin: 'declared' });
    // 20 M → 250 M over 365 days; on day 334, e = 20 + 230·334/365 ≈ 230.5 M: r = 175/210.5 ≈ 0.83.
    expect(ind.targets[0].status).toBe('at_risk');
    expect(ind.targets[0].ratio).toBeCloseTo(175 / (230 * (334 / 365)), 6);
  });

  it('gives way to a baseline recorded by a user, and an achieved target never shows a negative ratio', async () => {
    // Recorded: 300 M at the end of 2022, already beyond the 250 M target; the value 320 M moved further away.
    await request(declared.http)
      .put(`/api/v1/indicators/${declaredDocuments}/baseline`)
      .set(auth(declaredAdmin))
      .send({ value: 300_000_000, date: '2022-12-31' })
      .expect(200);
    await record(declared, declaredAdmin, declaredDocuments, 320_000_000, '2023-12-10');
    const o = await objective11(declared, declaredAdmin);
    const [ind] = o.indicators;
    expect(ind.baseline).toMatchObject({ value: 300_000_000, origin: 'set' });
    // Raw (320 − 300)/(250 − 300) = −0.4: an achieved target reads at least 1.
    expect(ind.targets[0]).toMatchObject({ status: 'achieved', ratio: 1 });
    const api = await request(declared.http).get('/api/v1/objectives/1-1?asOf=2023-12-15').set(auth(declaredAdmin)).expect(200);
    expect(api.body.indicators[0].targets[0]).toMatchObject({ status: 'achieved', ratio: 1 });
    const all = (await request(declared.http).get('/api/v1/status?asOf=2023-12-15').set(auth(declaredAdmin)).expect(200)).body;
    const achieved = all.objectives.flatMap((x: any) => x.indicators.flatMap((i: any) => i.targets)).filter((x: any) => x.status === 'achieved');
    expect(achieved.length).toBeGreaterThan(0);
    for (const x of achieved) expect(x.ratio === null || x.ratio >= 1).toBe(true);
  });
});
