import { afterAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadRoadmapFile } from '@app/roadmap';
import { openDatabase, RoadmapRepository, runMigrations, syncRoadmap } from '@app/persistence';
import { langAttribute } from '@app/presentation';
import { tempDir } from '../support/temp';

const MIGRATIONS = resolve(__dirname, '../../db/migrations');
const ROADMAP = resolve(__dirname, '../../db/roadmap.yaml');
const tmp = tempDir('fdr-lang-');
afterAll(() => tmp.cleanup());

function loaded(name: string, edit: (data: ReturnType<typeof loadRoadmapFile>) => void = () => undefined) {
  const opened = openDatabase(tmp.path(name));
  runMigrations(opened.db, MIGRATIONS);
  const data = loadRoadmapFile(ROADMAP);
  edit(data);
  syncRoadmap(opened.db, data);
  return { ...opened, repo: new RoadmapRepository(opened.db) };
}

describe('the roadmap structure per language', () => {
  it('stores both languages and serves each, with the same ids', () => {
    const { sqlite, repo } = loaded('both.sqlite');
    const row = sqlite.prepare("SELECT title, title_fr, summary_fr FROM objectives WHERE code = '1-1'").get() as Record<string, string>;
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
    sqlite.close();
  });

  it('falls back to English, whole entity and marked lang "en", where a French text is missing', () => {
    // The loader refuses such a file; a database loaded before the translation has such rows.
    const { sqlite, repo } = loaded('fallback.sqlite', (data) => {
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
    sqlite.close();
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
