import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { forecastTarget } from '@app/status';
import { startTestApp, TestApp } from '../support/app';
import { objectiveIds } from '../support/roadmap';

// Objective 1-1, indicator "documents" (linear, increasing): 250 M a year by 2023-12-31, 400 M by 2026-12-31.
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
let t: TestApp;
let admin: string;
let documents: number;

const record = (value: number, observedAt: string) =>
  request(t.http).post(`/api/v1/indicators/${documents}/measurements`).set(auth(admin)).send({ value, observedAt, source: 'CNAM' }).expect(201);
const targetsOf11 = async (asOf: string, lang = 'en') => {
  const body = (await request(t.http).get(`/api/v1/status?asOf=${asOf}&lang=${lang}`).set(auth(admin)).expect(200)).body;
  return body.objectives.find((o: any) => o.code === '1-1').indicators[0].targets;
};

beforeAll(async () => {
  t = await startTestApp({ now: '2026-01-10T09:00:00.000Z' });
  admin = await t.login();
  documents = (await objectiveIds(t, admin, '1-1')).indicators[0];
  await record(200_000_000, '2024-12-31');
  await record(273_000_000, '2025-12-31');
});
afterAll(async () => t.close());

describe('the forecast of each target in the status snapshot', () => {
  it('projects the pace of the last year: +73 M in 365 days, 0.2 M a day', async () => {
    const [target2023, target2026] = await targetsOf11('2026-01-10');
    // 273 M already beyond 250 M.
    expect(target2023.forecast).toEqual({ kind: 'reached', on: '2025-12-31' });
    // 400 M − 273 M = 127 M at 0.2 M a day = 635 days after 2025-12-31: 2026-12-31 (365) + 270 = 2027-09-27;
    // December 2026 → September 2027 = 9 months late. At the due date: 273 M + 73 M = 346 M.
    expect(target2026.forecast).toMatchObject({
      kind: 'late',
      reachedOn: '2027-09-27',
      monthsLate: 9,
      pace: { method: 'linear', from: '2024-12-31', to: '2025-12-31', values: 2 },
    });
    expect(target2026.forecast.expectedAtDue).toBeCloseTo(346_000_000, 0);
    expect(target2026.forecast.pace.perYear).toBeCloseTo((73_000_000 * 365.25) / 365, 3);
  });

  it('sees only the values up to asOf: one value is no pace', async () => {
    const [target2023, target2026] = await targetsOf11('2025-06-30');
    expect(target2023.forecast).toEqual({ kind: 'insufficient_data' });
    expect(target2026.forecast).toEqual({ kind: 'insufficient_data' });
    // Before any value: still a forecast field, saying so.
    expect((await targetsOf11('2024-06-30'))[1].forecast).toEqual({ kind: 'insufficient_data' });
  });

  it('reads the quarter-mark values, corrections included, and agrees with the pure function on the whole series', async () => {
    await record(300_000_000, '2025-04-01');
    await record(50_000_000, '2025-08-15'); // between marks: not one the pace reads
    const wrong = (await record(200_000_000, '2025-10-01')).body;
    await request(t.http)
      .post(`/api/v1/measurements/${wrong.id}/corrections`)
      .set(auth(admin))
      .send({ value: 255_000_000, reason: 'Figure revised by CNAM' })
      .expect(201);

    const [, target2026] = await targetsOf11('2026-01-10');
    // Marks 2025-10-01 (255 M, the corrected value), 2025-07-01 and 2025-04-01 (both 300 M of 04-01), 2024-12-31.
    expect(target2026.forecast.pace).toMatchObject({ from: '2024-12-31', to: '2025-12-31', values: 4 });

    const indicator = (await request(t.http).get(`/api/v1/indicators/${documents}?asOf=2026-01-10`).set(auth(admin)).expect(200)).body;
    const series = indicator.measurements.map((m: any) => ({ value: m.value, date: m.observedAt }));
    expect(series).toHaveLength(5);
    const expected = forecastTarget({
      series,
      direction: 'increase',
      method: 'linear',
      target: { value: 400_000_000, dueDate: '2026-12-31', exclusive: false },
      asOf: '2026-01-10',
    });
    expect(target2026.forecast).toEqual(expected);
    // The same figures on the indicator's own endpoint and in French.
    expect(indicator.targets[1].forecast).toEqual(expected);
    expect((await targetsOf11('2026-01-10', 'fr'))[1].forecast).toEqual(expected);
  });

  it('is on the objective endpoint too', async () => {
    const o = (await request(t.http).get('/api/v1/objectives/1-1?asOf=2026-01-10').set(auth(admin)).expect(200)).body;
    expect(o.indicators[0].targets[0].forecast).toEqual({ kind: 'reached', on: '2025-12-31' });
    expect(o.indicators[0].targets[1].forecast.kind).toBe('late');
  });
});

describe('the OpenAPI document', () => {
  it('documents the forecast of each target of GET /api/v1/status', async () => {
    const doc = (await request(t.http).get('/api/docs/openapi.json').expect(200)).body;
    expect(doc.paths['/api/v1/status'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StatusSnapshotDto' });
    expect(doc.components.schemas.TargetStatusDto.properties.forecast).toEqual({ $ref: '#/components/schemas/TargetForecastDto' });
    const forecast = doc.components.schemas.TargetForecastDto;
    expect(forecast.properties.kind.enum).toEqual(['reached', 'on_pace', 'late', 'never', 'insufficient_data']);
    expect(Object.keys(forecast.properties).sort()).toEqual(['expectedAtDue', 'kind', 'monthsLate', 'on', 'pace', 'reachedOn']);
    expect(doc.components.schemas.PaceDto.properties.method.enum).toEqual(['linear', 'cagr']);
  });
});
