import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { cli, ROOT } from '../support/cli';
import { createTestDatabase, TestDatabase } from '../support/db';
import { tempDir } from '../support/temp';

const tmp = tempDir('fdr-seed-texts-');
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterAll(async () => {
  await db?.drop();
  tmp.cleanup();
});

describe('npm run cli -- seed with an edited text', () => {
  it('replaces the French title and description in place: same ids, recorded values kept', async () => {
    const env = db.env;
    expect(cli(['migrate'], env).status).toBe(0);
    expect(cli(['seed'], env).status).toBe(0);
    const column = async (statement: string) => (await db.query<{ id: number }>(statement)).map((r) => r.id);
    const ids = async () => ({
      objective: await db.value("SELECT id FROM objectives WHERE code = '1-1'"),
      indicators: await column("SELECT i.id FROM indicators i JOIN objectives o ON o.id = i.objective_id WHERE o.code = '1-1' ORDER BY i.id"),
      targets: await column('SELECT id FROM targets ORDER BY id'),
    });
    const before = await ids();
    const user = await db.value(
      "INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('a@b.fr', 'A', 'x', 'admin', '2025-01-01T00:00:00.000Z') RETURNING id",
    );
    await db.query(
      "INSERT INTO measurements (indicator_id, value, observed_at, source, recorded_by, recorded_at) VALUES (?, 1000, '2024-12-31', 'CNAM', ?, '2025-01-01T00:00:00.000Z')",
      [before.indicators[0], user],
    );

    const doc = parseDocument(readFileSync(resolve(ROOT, 'db/roadmap.yaml'), 'utf8'));
    const fr = ['focusAreas', 0, 'priorities', 0, 'objectives', 0, 'fr'];
    doc.setIn([...fr, 'title'], 'Alimenter Mon espace santé (titre revu)');
    doc.setIn([...fr, 'description'], 'Une description revue.');
    const file = tmp.path('roadmap.yaml');
    writeFileSync(file, doc.toString());

    const r = cli(['seed', '--file', file], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/: 0 row\(s\) inserted, 1 updated, 0 retired\./);
    expect(await db.query("SELECT title, title_fr, description_fr FROM objectives WHERE code = '1-1'")).toEqual([
      {
        title: 'Populate Mon espace santé',
        title_fr: 'Alimenter Mon espace santé (titre revu)',
        description_fr: 'Une description revue.',
      },
    ]);
    expect(await ids()).toEqual(before);
    expect(await db.query('SELECT value, observed_at AS "observedAt" FROM measurements')).toEqual([{ value: 1000, observedAt: '2024-12-31' }]);
  });
});
