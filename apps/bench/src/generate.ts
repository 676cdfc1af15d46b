import { existsSync, rmSync } from 'node:fs';
import { hashPassword } from '@app/accounts';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadRoadmapFile, RoadmapData, validateRoadmapData } from '@app/roadmap';
import { openDatabase, runMigrations, syncRoadmap } from '@app/persistence';

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

export const SCALES: Scale[] = [
  { name: '1x', copies: 0, values: 60, stepDays: 30 }, // the roadmap, 5 years of monthly values
  { name: '100x', copies: 9, values: 600, stepDays: 7 }, // 320 indicators × 600 weekly values = 192 000
  { name: '1000x', copies: 99, values: 3200, stepDays: 1 }, // 3 200 indicators × 3 200 daily values = 10 240 000
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

/**
 * Builds a database at a scale: migrations, the scaled roadmap, an administrator, then a value
 * series for every indicator, written with raw prepared statements in large transactions (the
 * generator is not what is measured).
 */
export async function generate(path: string, scale: Scale, migrations: string, roadmapFile: string): Promise<{ indicators: number; measurements: number }> {
  if (existsSync(path)) rmSync(path);
  for (const s of ['-wal', '-shm']) rmSync(path + s, { force: true });
  const { sqlite, db } = openDatabase(path);
  sqlite.pragma('synchronous = OFF'); // generation only: the benchmark itself runs with FULL
  runMigrations(db, migrations);
  syncRoadmap(db, loadRoadmapFile(roadmapFile));
  const now = new Date(END).toISOString();
  const adminId = Number(
    sqlite
      .prepare("INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?, 'Bench', ?, 'admin', ?)")
      .run(BENCH_ADMIN.email, await hashPassword(BENCH_ADMIN.password), now).lastInsertRowid,
  );
  const all = sqlite.prepare('SELECT id, unit FROM indicators ORDER BY id').all() as { id: number; unit: string }[];
  const insert = sqlite.prepare(
    'INSERT INTO measurements (indicator_id, value, observed_at, source, comment, recorded_by, recorded_at) VALUES (?, ?, ?, ?, NULL, ?, ?)',
  );
  let measurements = 0;
  const perTransaction = 200;
  for (let i = 0; i < all.length; i += perTransaction) {
    sqlite.transaction(() => {
      for (const ind of all.slice(i, i + perTransaction)) {
        for (let n = scale.values - 1; n >= 0; n--) {
          // A rising series, whole numbers for counts, within 0–100 for percentages.
          const progress = (scale.values - n) / scale.values;
          const value = ind.unit === 'percent' ? Math.round(progress * 6000) / 100 : Math.round(progress * 1000 * (1 + (ind.id % 7)));
          const observedAt = dateBack(n, scale.stepDays);
          insert.run(ind.id, value, observedAt, 'bench generator', adminId, `${observedAt}T12:00:00.000Z`);
          measurements++;
        }
      }
    })();
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { indicators: all.length, measurements };
}
