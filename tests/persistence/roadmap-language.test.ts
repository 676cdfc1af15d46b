import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadRoadmapFile } from '@app/roadmap';
import { Database, RoadmapRepository, syncRoadmap } from '@app/persistence';
import { langAttribute } from '@app/presentation';
import { createTestDatabase, TestDatabase } from '../support/db';

const MIGRATIONS = resolve(__dirname, '../../db/migrations');
const ROADMAP = resolve(__dirname, '../../db/roadmap.yaml');
const opened: { database: Database; db: TestDatabase }[] = [];
afterEach(async () => {
  for (const { database, db } of opened.splice(0)) {
    await database.close();
    await db.drop();
  }
});

/** A database of the run's engine with the roadmap loaded (edited first by `edit`), and its repository. */
async function loaded(edit: (data: ReturnType<typeof loadRoadmapFile>) => void = () => undefined) {
  const db = await createTestDatabase();
  const database = Database.open({ url: db.url, path: db.path ?? '' });
  opened.push({ database, db });
  await database.migrate(MIGRATIONS);
  const data = loadRoadmapFile(ROADMAP);
  edit(data);
  await syncRoadmap(database, data);
  const repo = new RoadmapRepository(database);
  await repo.load();
  return { db, repo };
}

describe('the roadmap structure per language', () => {
  it('stores both languages and serves each, with the same ids', async () => {
    const { db, repo } = await loaded();
    const [row] = await db.query<Record<string, string>>("SELECT title, title_fr, summary_fr FROM objectives WHERE code = '1-1'");
    expect(row).toMatchObject({ title: 'Populate Mon espace santé', title_fr: 'Alimenter Mon espace santé' });
    expect(row.summary_fr).toMatch(/^Atteindre un rythme/);
    const fr = repo.structure('fr');
    const en = repo.structure('en');
    expect(repo.structure()).toBe(en); // English by default: the edition
    expect(repo.structure('fr')).toBe(fr); // built once per language
    expect(fr.objectivesByCode.get('1-1')).toMatchObject({ title: 'Alimenter Mon espace santé', lang: 'fr' });
    expect(en.objectivesByCode.get('1-1')).toMatchObject({ title: 'Populate Mon espace santé', lang: 'en' });
    expect([...fr.indicatorsById.keys()]).toEqual([...en.indicatorsById.keys()]);
    expect([...fr.milestonesById.keys()]).toEqual([...en.milestonesById.keys()]);
    const everyFr = [
      ...fr.focusAreas,
      ...fr.focusAreas.flatMap((f) => f.priorities),
      ...fr.objectives,
      ...fr.indicatorsById.values(),
      ...[...fr.indicatorsById.values()].flatMap((i) => i.targets),
      ...fr.milestonesById.values(),
    ];
    expect(everyFr.filter((x) => x.lang !== 'fr')).toEqual([]);
  });

  it('falls back to English, whole entity and marked lang "en", where a French text is missing', async () => {
    // The loader refuses such a file; a database loaded before the translation has such rows.
    const { repo } = await loaded((data) => {
      const o = data.focusAreas[0].priorities[0].objectives[0];
      o.fr = { ...o.fr!, summary: undefined as unknown as string };
      delete o.indicators[0].targets[1].fr;
    });
    const o = repo.structure('fr').objectivesByCode.get('1-1')!;
    expect(o).toMatchObject({ lang: 'en', title: 'Populate Mon espace santé' });
    expect(o.summary).toMatch(/^Hit a population rate/);
    expect(o.indicators[0]).toMatchObject({ lang: 'fr', name: expect.stringMatching(/^Documents de santé/) });
    expect(o.indicators[0].targets.map((t) => [t.lang, t.valueText])).toEqual([
      ['fr', '250 millions'],
      ['en', '400 million'],
    ]);
  });
});

describe('langAttribute (RGAA 8.7)', () => {
  it.each([
    ['en', 'fr', ' lang="en"'],
    ['fr', 'en', ' lang="fr"'],
    ['fr', 'fr', ''],
    ['en', 'en', ''],
    [undefined, 'fr', ''],
    ['"><script>', 'fr', ''],
  ] as const)('text in %s on a %s page → %j', (text, page, attr) => {
    expect(langAttribute(text, page)).toBe(attr);
  });
});
