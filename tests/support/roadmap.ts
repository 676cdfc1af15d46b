import request from 'supertest';
import type { TestApp } from './app';

/** Ids of an objective's indicators and milestones, as the API serves them. */
export async function objectiveIds(t: TestApp, token: string, code: string) {
  const res = await request(t.http).get(`/api/v1/objectives/${code}`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`objective ${code}: ${res.status}`);
  return {
    indicators: res.body.indicators.map((i: { id: number }) => i.id) as number[],
    milestones: res.body.milestones.map((m: { id: number }) => m.id) as number[],
  };
}
