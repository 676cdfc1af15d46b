import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { loadRoadmapFile, validateRoadmapData } from '@app/roadmap';
import { Database, syncRoadmap } from '@app/persistence';
import { createTestDatabase, ENGINE, TestDatabase } from '../support/db';
import { tempDir } from '../support/temp';

const MIGRATIONS = resolve(__dirname, '../../db/migrations');
const ROADMAP = resolve(__dirname, '../../db/roadmap.yaml');
const tmp = tempDir('fdr-db-');
afterAll(() => tmp.cleanup());

/** Every database a test opened, closed and dropped after it. */
const opened: { database: Database; db: TestDatabase }[] = [];
afterEach(async () => {
  for (const { database, db } of opened.splice(0)) {
    await database.close();
    await db.drop();
  }
});

/**
 * An empty database of the run's engine, opened as the server opens it, and `db` to read it through
 * a second connection.
 */
async function empty(): Promise<{ database: Database; db: TestDatabase }> {
  const db = await createTestDatabase({ migrated: false });
  const database = Database.open({ url: db.url, path: db.path ?? '' });
  opened.push({ database, db });
  return { database, db };
}

async function fresh(): Promise<{ database: Database; db: TestDatabase }> {
  const it = await empty();
  await it.database.migrate(MIGRATIONS);
  return it;
}

/** Where drizzle records the migrations it applied, per engine. */
const MIGRATIONS_TABLE = ENGINE === 'postgres' ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations';

/** Every row of every roadmap table, for before/after comparisons. */
async function dump(db: TestDatabase) {
  const tables = ['bodies', 'focus_areas', 'priorities', 'objectives', 'objective_contributors', 'indicators', 'targets', 'milestones'];
  // Ordered by the first two columns: the id, or objective_contributors' key.
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await db.query(`SELECT * FROM ${t} ORDER BY 1, 2`)])));
}

describe('migrations', () => {
  it('build the schema from an empty database', async () => {
    const { db } = await fresh();
    const tables =
      ENGINE === 'postgres'
        ? await db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
        : await db.query<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
          );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'bodies',
        'focus_areas',
        'indicators',
        'milestones',
        'objective_contributors',
        'objectives',
        'priorities',
        'targets',
        'data_stamps',
        'rate_limits',
        'web_states',
      ]),
    );
  });

  it.runIf(ENGINE === 'sqlite')('open the SQLite file with WAL, foreign keys on, synchronous FULL and a big page cache', async () => {
    const { database } = await fresh();
    const sqlite = database.sqlite!;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-65536); // 64 MiB, for big histories
  });

  it.runIf(ENGINE === 'sqlite')(
    'upgrade a SQLite file holding people, values and reports: the tables rebuilt for new constraints keep every row and reference',
    async () => {
      // The database as it stood before migration 0004 (review and outbox), with recorded data.
      const before = tmp.path('before-0004');
      const folder = resolve(before, 'sqlite');
      const current = resolve(MIGRATIONS, 'sqlite');
      mkdirSync(resolve(folder, 'meta'), { recursive: true });
      for (const f of readdirSync(current).filter((f) => /^000[0-3]_.*\.sql$/.test(f))) copyFileSync(resolve(current, f), resolve(folder, f));
      const journal = JSON.parse(readFileSync(resolve(current, 'meta/_journal.json'), 'utf8'));
      journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 3);
      writeFileSync(resolve(folder, 'meta/_journal.json'), JSON.stringify(journal));
      const { database } = await empty();
      const sqlite = database.sqlite!;
      await database.migrate(before);
      // One indicator, written in the tables as they stood then (today's roadmap loader writes newer columns).
      for (const insert of [
        "INSERT INTO bodies (acronym, name, english_name, in_glossary) VALUES ('DNS', 'Délégation au numérique en santé', 'Digital Health Delegation', 1)",
        "INSERT INTO focus_areas (number, title, subtitle) VALUES (1, 'Prevention', 'P')",
        "INSERT INTO priorities (number, focus_area_id, title) VALUES (1, 1, 'P1')",
        "INSERT INTO objectives (code, priority_id, position, title, summary, lead_body_id) VALUES ('1-1', 1, 0, 'O', 'S', 1)",
        "INSERT INTO indicators (objective_id, key, position, name, unit, direction, frequency, method) VALUES (1, 'documents', 0, 'D', 'count', 'increase', 'monthly', 'linear')",
      ])
        sqlite.prepare(insert).run();
      sqlite
        .prepare("INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('a@x.fr', 'A', 'h', 'editor', '2026-01-01T00:00:00.000Z')")
        .run();
      sqlite
        .prepare(
          "INSERT INTO measurements (indicator_id, value, observed_at, source, recorded_by, recorded_at) VALUES (1, 5, '2026-01-31', 's', 1, '2026-02-01T00:00:00.000Z')",
        )
        .run();
      const rows = sqlite.prepare('SELECT count(*) FROM measurements').pluck().get();

      await database.migrate(MIGRATIONS);
      expect(sqlite.prepare('SELECT email, role, lang, reminders_enabled FROM users').all()).toEqual([
        { email: 'a@x.fr', role: 'editor', lang: 'fr', reminders_enabled: 1 },
      ]);
      expect(sqlite.prepare('SELECT count(*) FROM measurements').pluck().get()).toBe(rows);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      // The rebuilt tables keep their constraints under their own name.
      sqlite.prepare("UPDATE users SET role = 'validator'").run();
      expect(() => sqlite.prepare("UPDATE users SET role = 'boss'").run()).toThrow(/users_role_check|CHECK/);
      expect(() => sqlite.prepare('UPDATE measurements SET recorded_by = 99').run()).toThrow(/FOREIGN KEY/);
    },
  );

  it('are recorded, so applying them again is a no-op', async () => {
    const { database, db } = await fresh();
    const applied = await db.value(`SELECT count(*) FROM ${MIGRATIONS_TABLE}`);
    expect(applied).toBeGreaterThan(0);
    await database.migrate(MIGRATIONS);
    expect(await db.value(`SELECT count(*) FROM ${MIGRATIONS_TABLE}`)).toBe(applied);
  });

  /** What each engine says when a constraint refuses a row. */
  const REFUSED = {
    sqlite: {
      unique: /UNIQUE constraint failed: objectives.code/,
      foreignKey: /FOREIGN KEY constraint failed/,
      notNull: /NOT NULL constraint failed: objectives.title/,
      kind: /CHECK constraint failed: objectives_kind_check/,
      dueDate: /CHECK constraint failed: targets_due_date_check/,
    },
    postgres: {
      unique: /duplicate key value violates unique constraint "objectives_code_unique"/,
      foreignKey: /violates foreign key constraint/,
      notNull: /null value in column "title" of relation "objectives" violates not-null constraint/,
      kind: /violates check constraint "objectives_kind_check"/,
      dueDate: /violates check constraint "targets_due_date_check"/,
    },
  }[ENGINE];

  it('enforce the constraints: unique codes, known bodies, not-null fields, real enums', async () => {
    const { database, db } = await fresh();
    await syncRoadmap(database, loadRoadmapFile(ROADMAP));
    const [obj] = await db.query<Record<string, unknown>>("SELECT * FROM objectives WHERE code = '1-1'");
    const insert = (over: Record<string, unknown>) => {
      const row = { ...obj, ...over };
      return db.query(
        'INSERT INTO objectives (code, priority_id, position, title, kind, description, summary, lead_body_id) VALUES (?, ?, 99, ?, ?, NULL, ?, ?)',
        [row.code, row.priority_id, row.title, row.kind, row.summary, row.lead_body_id],
      );
    };
    await expect(insert({})).rejects.toThrow(REFUSED.unique);
    await expect(insert({ code: '1-9', lead_body_id: 9999 })).rejects.toThrow(REFUSED.foreignKey);
    await expect(insert({ code: '1-9', title: null })).rejects.toThrow(REFUSED.notNull);
    await expect(insert({ code: '1-9', kind: 'SOMETIMES' })).rejects.toThrow(REFUSED.kind);
    await expect(db.query("UPDATE targets SET due_date = 'end of 2023' WHERE id = 1")).rejects.toThrow(REFUSED.dueDate);
  });
});

describe('loading the roadmap data file', () => {
  it('loads 4 focus areas, 18 priorities, 65 objectives, 33 targets and 54 milestones', async () => {
    const { database, db } = await fresh();
    const summary = await syncRoadmap(database, loadRoadmapFile(ROADMAP));
    expect(summary.inserted).toBeGreaterThan(0);
    const count = (t: string) => db.value(`SELECT count(*) FROM ${t}`);
    expect([await count('focus_areas'), await count('priorities'), await count('objectives'), await count('targets'), await count('milestones')]).toEqual([
      4, 18, 65, 33, 54,
    ]);
  });

  it('is idempotent: loading twice changes nothing', async () => {
    const { database, db } = await fresh();
    const data = loadRoadmapFile(ROADMAP);
    await syncRoadmap(database, data);
    const before = await dump(db);
    expect(await syncRoadmap(database, data)).toEqual({ inserted: 0, updated: 0, retired: 0 });
    expect(await dump(db)).toEqual(before);
  });

  it('applies a changed data file in place: same ids, new values, removed items retired not deleted', async () => {
    const { database, db } = await fresh();
    const original = parse(readFileSync(ROADMAP, 'utf8'));
    await syncRoadmap(database, validateRoadmapData(original));
    const idOf = (sql: string) => db.value(sql);
    const objectiveId = await idOf("SELECT id FROM objectives WHERE code = '1-1'");
    const indicatorId = await idOf("SELECT id FROM indicators WHERE key = 'documents'");
    const milestoneId = await idOf("SELECT id FROM milestones WHERE key = 'citizen-messaging-api'");

    const changed = structuredClone(original);
    const p1 = changed.focusAreas[0].priorities[0];
    p1.objectives[0].title = 'Populate Mon espace santé (revised)';
    p1.objectives[0].indicators[0].targets[1].value = 450000000;
    p1.objectives[0].indicators[0].targets[1].valueText = '450 million';
    p1.objectives[0].summary = p1.objectives[0].summary.replace('400 million', '450 million');
    for (const t of p1.objectives[0].indicators[0].targets) t.source = t.source.replace('400 million', '450 million');
    p1.objectives[1].milestones.pop(); // 1-2 loses "design a messaging API"
    p1.objectives[1].contributingBodies = ['DNS', 'ANS'];
    const file = tmp.path('changed.yaml');
    writeFileSync(file, stringify(changed));

    const summary = await syncRoadmap(database, loadRoadmapFile(file));
    expect(summary).toEqual({ inserted: 0, updated: 4, retired: 1 });
    expect(await idOf("SELECT id FROM objectives WHERE code = '1-1'")).toBe(objectiveId);
    expect(await idOf("SELECT title FROM objectives WHERE code = '1-1'")).toBe('Populate Mon espace santé (revised)');
    expect(await idOf(`SELECT value FROM targets WHERE indicator_id = ${indicatorId} AND position = 1`)).toBe(450000000);
    expect(await idOf(`SELECT retired_at IS NOT NULL FROM milestones WHERE id = ${milestoneId}`)).toBe(1);
    const contributors = await db.query<{ acronym: string }>(
      "SELECT b.acronym FROM objective_contributors c JOIN bodies b ON b.id = c.body_id JOIN objectives o ON o.id = c.objective_id WHERE o.code = '1-2' ORDER BY c.position",
    );
    expect(contributors.map((c) => c.acronym)).toEqual(['DNS', 'ANS']);

    // Back to the original file: the milestone comes back under the same id.
    await syncRoadmap(database, validateRoadmapData(original));
    expect(await idOf(`SELECT retired_at FROM milestones WHERE id = ${milestoneId}`)).toBeNull();
  });
});
