import { afterAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { loadRoadmapFile, validateRoadmapData } from '@app/roadmap';
import { openDatabase, runMigrations, syncRoadmap } from '@app/persistence';
import { tempDir } from '../support/temp';

const MIGRATIONS = resolve(__dirname, '../../db/migrations');
const ROADMAP = resolve(__dirname, '../../db/roadmap.yaml');
const tmp = tempDir('fdr-db-');
afterAll(() => tmp.cleanup());

function fresh(name: string) {
  const opened = openDatabase(tmp.path(name));
  runMigrations(opened.db, MIGRATIONS);
  return opened;
}

/** Every row of every roadmap table, for before/after comparisons. */
function dump(sqlite: ReturnType<typeof openDatabase>['sqlite']) {
  const tables = ['bodies', 'focus_areas', 'priorities', 'objectives', 'objective_contributors', 'indicators', 'targets', 'milestones'];
  return Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

describe('migrations', () => {
  it('build the schema from an empty file, with WAL and foreign keys on', () => {
    const { sqlite } = fresh('empty.sqlite');
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['bodies', 'focus_areas', 'indicators', 'milestones', 'objective_contributors', 'objectives', 'priorities', 'targets']),
    );
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-65536); // 64 MiB, for big histories
    sqlite.close();
  });

  it('upgrade a database holding people, values and reports: the tables rebuilt for new constraints keep every row and reference', () => {
    // The database as it stood before migration 0004 (review and outbox), with recorded data.
    const before = tmp.path('before-0004');
    mkdirSync(resolve(before, 'meta'), { recursive: true });
    for (const f of readdirSync(MIGRATIONS).filter((f) => /^000[0-3]_.*\.sql$/.test(f))) copyFileSync(resolve(MIGRATIONS, f), resolve(before, f));
    const journal = JSON.parse(readFileSync(resolve(MIGRATIONS, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 3);
    writeFileSync(resolve(before, 'meta/_journal.json'), JSON.stringify(journal));
    const { sqlite, db } = openDatabase(tmp.path('upgrade.sqlite'));
    runMigrations(db, before);
    syncRoadmap(db, loadRoadmapFile(ROADMAP));
    sqlite.prepare("INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('a@x.fr', 'A', 'h', 'editor', '2026-01-01T00:00:00.000Z')").run();
    sqlite
      .prepare(
        "INSERT INTO measurements (indicator_id, value, observed_at, source, recorded_by, recorded_at) VALUES (1, 5, '2026-01-31', 's', 1, '2026-02-01T00:00:00.000Z')",
      )
      .run();
    const rows = sqlite.prepare('SELECT count(*) FROM measurements').pluck().get();

    runMigrations(db, MIGRATIONS);
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
    sqlite.close();
  });

  it('are recorded, so applying them again is a no-op', () => {
    const { sqlite, db } = fresh('twice.sqlite');
    const applied = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    runMigrations(db, MIGRATIONS);
    expect(sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(applied);
    sqlite.close();
  });

  it('enforce the constraints: unique codes, known bodies, not-null fields, real enums', () => {
    const { sqlite, db } = fresh('constraints.sqlite');
    syncRoadmap(db, loadRoadmapFile(ROADMAP));
    const obj = sqlite.prepare("SELECT * FROM objectives WHERE code = '1-1'").get() as Record<string, unknown>;
    const insert = (over: Record<string, unknown>) =>
      sqlite
        .prepare(
          'INSERT INTO objectives (code, priority_id, position, title, kind, description, summary, lead_body_id) VALUES (@code, @priority_id, 99, @title, @kind, NULL, @summary, @lead_body_id)',
        )
        .run({ ...obj, ...over });
    expect(() => insert({})).toThrow(/UNIQUE constraint failed: objectives.code/);
    expect(() => insert({ code: '1-9', lead_body_id: 9999 })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insert({ code: '1-9', title: null })).toThrow(/NOT NULL constraint failed: objectives.title/);
    expect(() => insert({ code: '1-9', kind: 'SOMETIMES' })).toThrow(/CHECK constraint failed: objectives_kind_check/);
    expect(() => sqlite.prepare("UPDATE targets SET due_date = 'end of 2023' WHERE id = 1").run()).toThrow(/CHECK constraint failed: targets_due_date_check/);
    sqlite.close();
  });
});

describe('loading the roadmap data file', () => {
  it('loads 4 focus areas, 18 priorities, 65 objectives, 33 targets and 54 milestones', () => {
    const { sqlite, db } = fresh('load.sqlite');
    const summary = syncRoadmap(db, loadRoadmapFile(ROADMAP));
    expect(summary.inserted).toBeGreaterThan(0);
    const count = (t: string) => sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
    expect([count('focus_areas'), count('priorities'), count('objectives'), count('targets'), count('milestones')]).toEqual([4, 18, 65, 33, 54]);
    sqlite.close();
  });

  it('is idempotent: loading twice changes nothing', () => {
    const { sqlite, db } = fresh('idempotent.sqlite');
    const data = loadRoadmapFile(ROADMAP);
    syncRoadmap(db, data);
    const before = dump(sqlite);
    expect(syncRoadmap(db, data)).toEqual({ inserted: 0, updated: 0, retired: 0 });
    expect(dump(sqlite)).toEqual(before);
    sqlite.close();
  });

  it('applies a changed data file in place: same ids, new values, removed items retired not deleted', () => {
    const { sqlite, db } = fresh('changed.sqlite');
    const original = parse(readFileSync(ROADMAP, 'utf8'));
    syncRoadmap(db, validateRoadmapData(original));
    const idOf = (sql: string) => sqlite.prepare(sql).pluck().get();
    const objectiveId = idOf("SELECT id FROM objectives WHERE code = '1-1'");
    const indicatorId = idOf("SELECT id FROM indicators WHERE key = 'documents'");
    const milestoneId = idOf("SELECT id FROM milestones WHERE key = 'citizen-messaging-api'");

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

    const summary = syncRoadmap(db, loadRoadmapFile(file));
    expect(summary).toEqual({ inserted: 0, updated: 4, retired: 1 });
    expect(idOf("SELECT id FROM objectives WHERE code = '1-1'")).toBe(objectiveId);
    expect(idOf("SELECT title FROM objectives WHERE code = '1-1'")).toBe('Populate Mon espace santé (revised)');
    expect(idOf(`SELECT value FROM targets WHERE indicator_id = ${indicatorId} AND position = 1`)).toBe(450000000);
    expect(idOf(`SELECT retired_at IS NOT NULL FROM milestones WHERE id = ${milestoneId}`)).toBe(1);
    const contributors = sqlite
      .prepare(
        "SELECT b.acronym FROM objective_contributors c JOIN bodies b ON b.id = c.body_id JOIN objectives o ON o.id = c.objective_id WHERE o.code = '1-2' ORDER BY c.position",
      )
      .pluck()
      .all();
    expect(contributors).toEqual(['DNS', 'ANS']);

    // Back to the original file: the milestone comes back under the same id.
    syncRoadmap(db, validateRoadmapData(original));
    expect(idOf(`SELECT retired_at FROM milestones WHERE id = ${milestoneId}`)).toBeNull();
    sqlite.close();
  });
});
