import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { dueDateFromPhrase, loadRoadmapFile, parseValueText, RoadmapDataError, validateRoadmapData } from '@app/roadmap';
import { glossary, readSource, summaryTable } from '../support/source-document';

const data = loadRoadmapFile(resolve(__dirname, '../../db/roadmap.yaml'));
const objectives = data.focusAreas.flatMap((f) => f.priorities.flatMap((p) => p.objectives));
const rows = summaryTable();

describe('the due-date rule', () => {
  it.each([
    ['by the end of 2023', '2023-12-31'],
    ['by 2027', '2027-12-31'],
    ['in 2024', '2024-12-31'],
    ['From 2024', '2024-12-31'],
    ['during 2024', '2024-12-31'],
    ['at the end of 2023', '2023-12-31'],
    ['before the end of 2027', '2027-12-31'],
    ['by 2027 at the latest', '2027-12-31'],
    ['for 2027', '2027-12-31'],
    ['in the first quarter of 2024', '2024-03-31'],
    ['from the first quarter of 2024', '2024-03-31'],
    ['By the first quarter of 2024', '2024-03-31'],
    ['by Q1 2024', '2024-03-31'],
    ['in the second quarter of 2024', '2024-06-30'],
    ['From mid-2024', '2024-06-30'],
    ['in mid-2023', '2023-06-30'],
    ['by June 2026', '2026-06-30'],
    ['from May 2023', '2023-05-31'],
    ['Beyond 2024', '2027-12-31'],
  ])('"%s" → %s', (phrase, date) => {
    expect(dueDateFromPhrase(phrase)).toBe(date);
  });

  it('refuses a phrase without a year', () => {
    expect(() => dueDateFromPhrase('soon')).toThrow(/No year/);
  });
});

describe('the roadmap data file', () => {
  it("has the roadmap's 4 focus areas, 18 priorities and 65 objectives (20/16/11/18)", () => {
    expect(data.focusAreas.map((f) => f.number)).toEqual([1, 2, 3, 4]);
    expect(data.focusAreas.flatMap((f) => f.priorities.map((p) => p.number))).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(objectives).toHaveLength(65);
    expect(data.focusAreas.map((f) => f.priorities.reduce((n, p) => n + p.objectives.length, 0))).toEqual([20, 16, 11, 18]);
  });

  it('is checked against all 65 rows of the Summary table', () => {
    expect(rows.map((r) => r.code)).toEqual(objectives.map((o) => o.code));
  });

  it('has, per priority, the objectives of the Summary table in its order', () => {
    const perPriority = (list: { code: string }[]) => list.map((o) => o.code);
    for (const fa of data.focusAreas) {
      for (const p of fa.priorities) {
        expect(perPriority(p.objectives), `priority ${p.number}`).toEqual(perPriority(rows.filter((r) => r.priority === p.number)));
        expect(p.title).toBe(rows.find((r) => r.priority === p.number)!.priorityTitle);
      }
    }
  });

  it.each(rows.map((r) => [r.code, r] as const))('objective %s matches its Summary table row', (code, row) => {
    const o = objectives.find((x) => x.code === code)!;
    expect(o).toBeDefined();
    expect(o.title).toBe(row.title);
    expect(o.summary).toBe(row.sentence);
    expect(o.leadBody).toBe(row.bodies[0]);
    expect(o.contributingBodies).toEqual(row.bodies.slice(1));
  });

  it('gives each objective its chapter paragraph and kind where the chapter has one', () => {
    const source = readSource().replace(/\*\*/g, '');
    for (const o of objectives) {
      if (o.code.startsWith('7-')) {
        // The English edition has no chapter for priority 7.
        expect(o.description).toBeNull();
        expect(o.kind).toBeNull();
        continue;
      }
      expect(o.kind, o.code).toMatch(/^(CONTINUATION|DEVELOPMENT)$/);
      expect(source, o.code).toContain(`${o.code}. ${o.kind} ${o.description!.slice(0, 80)}`);
    }
  });

  it("takes every target and milestone from its objective's sentence, dated by the rule", () => {
    let checked = 0;
    for (const o of objectives) {
      const dated = [...o.indicators.flatMap((i) => i.targets), ...o.milestones];
      expect(dated.length, o.code).toBeGreaterThan(0);
      for (const d of dated) {
        expect(o.summary, o.code).toContain(d.source);
        expect(d.source, o.code).toContain(d.due);
        expect(d.dueDate, `${o.code} "${d.due}"`).toBe(dueDateFromPhrase(d.due));
        checked++;
      }
    }
    expect(checked).toBe(87);
  });

  it('gives every numeric target the value its words say', () => {
    for (const o of objectives) {
      for (const i of o.indicators) {
        for (const t of i.targets) {
          expect(t.source, o.code).toContain(t.valueText);
          const read = parseValueText(t.valueText);
          expect(t.value, `${o.code} "${t.valueText}"`).toBe(read.value);
          expect(t.exclusive, `${o.code} "${t.valueText}"`).toBe(read.exclusive);
          if (read.percent) expect(i.unit, `${o.code} ${i.key}`).toBe('percent');
        }
      }
    }
  });

  it('holds the numeric targets of the roadmap', () => {
    const targetsOf = (code: string) =>
      objectives
        .find((o) => o.code === code)!
        .indicators.map((i) => ({ unit: i.unit, direction: i.direction, targets: i.targets.map((t) => [t.value, t.dueDate]) }));
    expect(targetsOf('1-1')).toEqual([
      {
        unit: 'documents_per_year',
        direction: 'increase',
        targets: [
          [250_000_000, '2023-12-31'],
          [400_000_000, '2026-12-31'],
        ],
      },
    ]);
    expect(targetsOf('7-3').map((i) => i.targets)).toEqual([[[1200, '2024-12-31']], [[650, '2024-12-31']]]);
    expect(targetsOf('3-1')).toEqual([{ unit: 'count', direction: 'increase', targets: [[50, '2026-12-31']] }]);
    expect(objectives.find((o) => o.code === '3-1')!.indicators[0].targets[0].exclusive).toBe(true);
    expect(targetsOf('4-2')[0].targets).toEqual([[10_000, '2026-06-30']]);
    expect(targetsOf('8-3')).toEqual([{ unit: 'users_per_day', direction: 'increase', targets: [[1_000_000, '2027-12-31']] }]);
    expect(targetsOf('5-4')).toEqual([{ unit: 'months', direction: 'increase', targets: [[6, '2026-12-31']] }]);
    expect(targetsOf('11-1')[0].unit).toBe('visitors_per_year');
    const numeric = objectives.flatMap((o) => o.indicators.flatMap((i) => i.targets));
    expect(numeric).toHaveLength(33);
    expect(objectives.flatMap((o) => o.indicators)).toHaveLength(32);
  });

  it('names each body as the glossary does, and every body it lists is used', () => {
    const g = glossary();
    const used = new Set(objectives.flatMap((o) => [o.leadBody, ...o.contributingBodies]));
    expect(new Set(data.bodies.map((b) => b.acronym))).toEqual(used);
    for (const b of data.bodies.filter((x) => x.inGlossary)) {
      const parts = b.acronym === 'ARS/GRADeS' ? ['ARS', 'GRADeS'] : [b.acronym];
      for (const part of parts) expect(g.has(part), `${part} in the glossary`).toBe(true);
      if (parts.length === 1) {
        const entry = g.get(b.acronym)!;
        expect(entry, b.acronym).toContain(b.name);
        if (entry.includes('(')) expect(entry, b.acronym).toContain(`(${b.englishName})`);
      }
    }
    for (const single of ['GIE SESAM-Vitale', 'ARS/GRADeS', 'GIP PIX']) expect(used.has(single)).toBe(true);
  });
});

describe('validation of the data file', () => {
  const clone = () => JSON.parse(JSON.stringify(data));

  it('rejects a due date that does not follow the rule, naming the objective', () => {
    const bad = clone();
    bad.focusAreas[0].priorities[0].objectives[0].indicators[0].targets[0].dueDate = '2023-06-30';
    expect(() => validateRoadmapData(bad)).toThrow(/objective 1-1.*"by the end of 2023" gives 2023-12-31/);
  });

  it('rejects an unknown body and a duplicate objective code', () => {
    const bad = clone();
    bad.focusAreas[0].priorities[0].objectives[1].leadBody = 'XYZ';
    bad.focusAreas[0].priorities[0].objectives[2].code = '1-1';
    try {
      validateRoadmapData(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RoadmapDataError);
      expect((e as RoadmapDataError).problems).toEqual(expect.arrayContaining(['objective 1-2: unknown body "XYZ"', 'objective 1-1 is listed twice']));
    }
  });

  it('rejects unknown fields and impossible dates with their path', () => {
    const bad = clone();
    bad.focusAreas[0].priorities[0].objectives[0].colour = 'red';
    bad.focusAreas[0].priorities[0].objectives[1].milestones[0].dueDate = '2023-02-30';
    expect(() => validateRoadmapData(bad)).toThrow(/focusAreas\.0\.priorities\.0\.objectives\.0: Unrecognized key/);
    expect(() => validateRoadmapData(bad)).toThrow(/milestones\.0\.dueDate: is not a real date/);
  });
});

describe('the French of the data file (a working translation)', () => {
  const targets = objectives.flatMap((o) => o.indicators.flatMap((i) => i.targets.map((t) => ({ o, i, t }))));
  const digits = (s: string) => (s.match(/\d+/g) ?? []).join('');

  it('is marked as a working translation', () => {
    expect(data.translations?.fr?.status).toBe('working');
  });

  it('gives every focus area, priority, objective, indicator, target and milestone its French', () => {
    for (const f of data.focusAreas) {
      expect(f.fr?.title, `focus area ${f.number}`).toBeTruthy();
      expect(f.fr?.subtitle, `focus area ${f.number}`).toBeTruthy();
      for (const p of f.priorities) expect(p.fr?.title, `priority ${p.number}`).toBeTruthy();
    }
    for (const o of objectives) {
      expect(o.fr?.title, o.code).toBeTruthy();
      expect(o.fr?.summary, o.code).toBeTruthy();
      // A description in French exactly where the English has one (7-1, 7-2, 7-3 have none).
      expect(!!o.fr?.description, `${o.code} description`).toBe(!!o.description);
      for (const i of o.indicators) expect(i.fr?.name, `${o.code} ${i.key}`).toBeTruthy();
      for (const m of o.milestones) expect(m.fr && m.fr.title && m.fr.due && m.fr.source, `${o.code} ${m.key}`).toBeTruthy();
    }
    expect(targets.filter(({ t }) => !(t.fr && t.fr.valueText && t.fr.due && t.fr.source))).toEqual([]);
    expect(targets).toHaveLength(33);
  });

  it('keeps each target\'s number in its French words ("10,000" → "10 000", "250 million" → "250 millions")', () => {
    for (const { o, i, t } of targets) {
      expect(digits(t.fr!.valueText), `${o.code} ${i.key}: "${t.valueText}" → "${t.fr!.valueText}"`).toBe(digits(t.valueText));
    }
  });

  it('keeps "more than" as "plus de", and each year of a date phrase', () => {
    for (const { o, i, t } of targets) {
      expect(/^plus d/.test(t.fr!.valueText), `${o.code} ${i.key}`).toBe(t.exclusive);
      expect(t.fr!.due.match(/\d{4}/g), `${o.code} ${i.key}`).toEqual(t.due.match(/\d{4}/g));
    }
    for (const o of objectives) for (const m of o.milestones) expect(m.fr!.due.match(/\d{4}/g), `${o.code} ${m.key}`).toEqual(m.due.match(/\d{4}/g));
  });

  it('takes each French sentence from the French summary, and the English still from the source document', () => {
    const source = readSource();
    for (const o of objectives) {
      for (const d of [...o.indicators.flatMap((i) => i.targets), ...o.milestones]) {
        expect(o.fr!.summary.includes(d.fr!.source), `${o.code}: ${d.fr!.source}`).toBe(true);
        expect(d.fr!.source.includes(d.fr!.due), `${o.code}: ${d.fr!.due}`).toBe(true);
      }
      const row = rows.find((r) => r.code === o.code)!;
      expect(o.summary, o.code).toBe(row.sentence);
    }
    expect(source.length).toBeGreaterThan(0);
  });

  it('uses the official French names of services and bodies', () => {
    const all = JSON.stringify(objectives.map((o) => o.fr));
    for (const name of ['Mon espace santé', 'Pro Santé Connect', 'Ségur', 'INS', 'carte Vitale']) expect(all, name).toContain(name);
    expect(data.focusAreas.map((f) => f.fr!.title)).toEqual(['Prévention', 'Prise en charge', 'Accès à la santé', 'Cadre propice']);
  });

  it('refuses a file where an entity lacks its French, naming the entity', () => {
    const bad = JSON.parse(JSON.stringify(data));
    const o11 = bad.focusAreas[0].priorities[0].objectives[0];
    delete o11.indicators[0].targets[1].fr;
    delete bad.focusAreas[0].priorities[0].objectives[1].milestones[0].fr;
    delete bad.focusAreas[0].priorities[0].objectives[2].fr.description;
    delete bad.focusAreas[1].priorities[0].fr;
    try {
      validateRoadmapData(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as RoadmapDataError).problems).toEqual(
        expect.arrayContaining([
          'objective 1-1, indicator documents, target 2 (400 million): no French text (fr: {valueText, due, source})',
          'objective 1-2, milestone messenger-prescriptions: no French text (fr: {title, due, source})',
          'objective 1-3: no French description (fr.description)',
          'priority 6: no French text (fr: {title})',
        ]),
      );
    }
    const noName = JSON.parse(JSON.stringify(data));
    delete noName.focusAreas[0].priorities[0].objectives[0].indicators[0].fr;
    expect(() => validateRoadmapData(noName)).toThrow(/objective 1-1, indicator documents: no French name/);
    const wrongSentence = JSON.parse(JSON.stringify(data));
    wrongSentence.focusAreas[0].priorities[0].objectives[0].indicators[0].targets[0].fr.source = 'Une autre phrase';
    expect(() => validateRoadmapData(wrongSentence)).toThrow(/target 1 \(250 million\): fr.source is not a sentence of the French summary/);
  });
});

describe('declared baselines', () => {
  const indicators = objectives.flatMap((o) => o.indicators.map((i) => ({ o, i })));

  it('are declared only where the roadmap states a starting value, with its sentence verbatim', () => {
    const source = readSource().replace(/\s+/g, ' ');
    const declared = indicators.filter(({ i }) => i.baseline);
    for (const { o, i } of declared) expect(source.includes(i.baseline!.source), `${o.code} ${i.key}`).toBe(true);
    // The 2023–2027 edition states no starting value for any of its 32 indicators (README, "Declared
    // baselines", lists the sentences that come close and why none is one).
    expect(declared.map(({ o, i }) => `${o.code} ${i.key}`)).toEqual([]);
  });

  it('are checked: a value the unit allows, a date before every target', () => {
    const bad = JSON.parse(JSON.stringify(data));
    const o11 = bad.focusAreas[0].priorities[0].objectives[0];
    o11.indicators[0].baseline = { value: 20_000_000, date: '2022-12-31', source: 'a sentence' };
    expect(() => validateRoadmapData(bad)).not.toThrow();
    o11.indicators[0].baseline = { value: -1, date: '2024-01-01', source: 'a sentence' };
    try {
      validateRoadmapData(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as RoadmapDataError).problems).toEqual([
        'objective 1-1, indicator documents: baseline.value is a rate: it cannot be negative',
        "objective 1-1, indicator documents: baseline.date 2024-01-01 is not before every target's due date",
      ]);
    }
    o11.indicators[0].baseline = { value: 1, date: '2022-02-30', source: 'a sentence' };
    expect(() => validateRoadmapData(bad)).toThrow(/indicators\.0\.baseline\.date: is not a real date/);
  });
});
