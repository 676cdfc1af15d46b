import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { hashPassword } from '@app/accounts';
import { syncRoadmap } from '@app/persistence';
import { loadRoadmapFile, RoadmapData, validateRoadmapData } from '@app/roadmap';
import { BenchStore, RawMeasurement } from './store';

/** A scale level: how many times the roadmap's indicators, and how many values each holds. */
export interface Scale {
  name: '1x' | '100x' | '1000x';
  /** Regional copies added to each of the roadmap's 32 indicators. */
  copies: number;
  /** Values per indicator, one per period ending on 2025-12-31 and going back. */
  values: number;
  /** Days between two values. */
  stepDays: number;
}

/**
 * BENCH_QUICK=1: the 1000× scale with 1% of its values (32 per indicator), to check in a minute or
 * two that every benchmark runs on every engine; its figures mean nothing.
 */
export const QUICK = process.env.BENCH_QUICK === '1';

export const SCALES: Scale[] = [
  { name: '1x', copies: 0, values: 60, stepDays: 30 }, // the roadmap, 5 years of monthly values
  { name: '100x', copies: 9, values: 600, stepDays: 7 }, // 320 indicators × 600 weekly values = 192 000
  { name: '1000x', copies: 99, values: QUICK ? 32 : 3200, stepDays: 1 }, // 3 200 indicators × 3 200 daily values = 10 240 000
];

export const BENCH_ADMIN = { email: 'bench@feuille-de-route.local', password: 'bench-password-123' };
const END = Date.UTC(2025, 11, 31);
export const dateBack = (n: number, stepDays: number) => new Date(END - n * stepDays * 86_400_000).toISOString().slice(0, 10);

/**
 * The roadmap data file at a scale: each of the 32 indicators gets `copies` regional copies with the
 * same targets, as a ministry would add per region or establishment. It is a real data file: the
 * server started on the scaled database loads it (ROADMAP_DATA_PATH), so the copies stay live.
 */
export function scaledRoadmap(roadmapFile: string, scale: Scale, out: string): RoadmapData {
  const data = loadRoadmapFile(roadmapFile);
  for (const o of data.focusAreas.flatMap((f) => f.priorities.flatMap((p) => p.objectives))) {
    o.indicators = o.indicators.flatMap((i) => [
      i,
      ...Array.from({ length: scale.copies }, (_, c) => ({
        ...i,
        key: `${i.key}-region-${c + 1}`,
        name: `${i.name} — region ${c + 1}`,
        ...(i.fr ? { fr: { name: `${i.fr.name} — région ${c + 1}` } } : {}),
      })),
    ]);
  }
  writeFileSync(out, stringify(data, { lineWidth: 0 }));
  return validateRoadmapData(data);
}

/** Indicators whose series are written in one transaction. */
const INDICATORS_PER_TRANSACTION = 20;

/**
 * Builds a database at a scale: migrations, the scaled roadmap, an administrator, then a value
 * series for every indicator, written by the engine's driver in large transactions (the generator
 * is not what is measured): prepared multi-row INSERTs on SQLite, COPY on PostgreSQL.
 */
export async function generate(
  store: BenchStore,
  name: string,
  scale: Scale,
  migrations: string,
  roadmapFile: string,
): Promise<{ indicators: number; measurements: number }> {
  await store.create(name);
  const database = store.open(name);
  let indicators: { id: number; unit: string }[];
  let adminId: number;
  try {
    await database.migrate(migrations);
    await syncRoadmap(database, loadRoadmapFile(roadmapFile));
    const { db, t } = database;
    const passwordHash = await hashPassword(BENCH_ADMIN.password);
    const createdAt = new Date(END).toISOString();
    [{ id: adminId }] = await db
      .insert(t.users)
      .values({ email: BENCH_ADMIN.email, name: 'Bench', passwordHash, role: 'admin', createdAt })
      .returning({ id: t.users.id });
    indicators = await db.select({ id: t.indicators.id, unit: t.indicators.unit }).from(t.indicators).orderBy(t.indicators.id);
  } finally {
    await database.close();
  }

  const writer = await store.rawWriter(name, { bulk: true });
  let measurements = 0;
  try {
    for (let i = 0; i < indicators.length; i += INDICATORS_PER_TRANSACTION) {
      const rows: RawMeasurement[] = [];
      for (const ind of indicators.slice(i, i + INDICATORS_PER_TRANSACTION)) {
        for (let n = scale.values - 1; n >= 0; n--) {
          // A rising series, whole numbers for counts, within 0–100 for percentages.
          const progress = (scale.values - n) / scale.values;
          const value = ind.unit === 'percent' ? Math.round(progress * 6000) / 100 : Math.round(progress * 1000 * (1 + (ind.id % 7)));
          const observedAt = dateBack(n, scale.stepDays);
          rows.push({ indicatorId: ind.id, value, observedAt, source: 'bench generator', recordedBy: adminId, recordedAt: `${observedAt}T12:00:00.000Z` });
        }
      }
      await writer.insertMeasurements(rows);
      measurements += rows.length;
    }
  } finally {
    await writer.close();
  }
  await store.settle(name);
  return { indicators: indicators.length, measurements };
}
