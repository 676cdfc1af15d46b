import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { recordFullerStory, recordScenario } from '../support/scenario';
import { tempDir } from '../support/temp';

/** What a director gets: the cover, the fonts, the milestone section, charts only where there is data. */
let t: TestApp;
let admin: string;
let withoutData: { code: string; indicator: string }[];
const tmp = tempDir('fdr-report-layout-');
const auth = () => ({ Authorization: `Bearer ${admin}` });
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

async function report(body: Record<string, unknown>): Promise<Buffer> {
  const created = await request(t.http).post('/api/v1/reports').set(auth()).send(body).expect(201);
  return (await request(t.http).get(created.body.url).set(auth()).buffer(true).parse(binary).expect(200)).body;
}
/** The chart specs of an HTML report, by id. */
function specs(html: string): Map<string, { type: string; title: string; data: any; table: { rows: string[][] } }> {
  const out = new Map();
  for (const m of html.matchAll(/<script type="application\/json" data-chart-spec="([^"]+)">(\{[\s\S]*?)<\/script>/g)) out.set(m[1], JSON.parse(m[2]));
  return out;
}

beforeAll(async () => {
  t = await startTestApp({ now: '2024-01-15T09:00:00.000Z' });
  await recordScenario(t);
  ({ withoutData } = await recordFullerStory(t)); // leaves the clock on 10 October 2025
  admin = await t.login();
}, 180_000);
afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

describe('the printed roadmap report', () => {
  let pdfFile: string;
  let pages: string[];
  let laidOut: string[];

  beforeAll(async () => {
    pdfFile = tmp.path('roadmap.pdf');
    writeFileSync(pdfFile, await report({ kind: 'roadmap', period: '2025-Q4', format: 'pdf' }));
    // One text per page, in reading order, spaces normalised (non-breaking ones included).
    pages = run('pdftotext', [pdfFile, '-'])
      .split('\f')
      .map((p) => p.replace(/\s+/g, ' '));
    laidOut = run('pdftotext', ['-layout', pdfFile, '-'])
      .split('\f')
      .map((p) => p.replace(/\s+/g, ' '));
  }, 120_000);

  it('embeds the DSFR font Marianne, named', () => {
    const fonts = run('pdffonts', [pdfFile]);
    expect(fonts).toMatch(/\+Marianne-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/\+Marianne-Bold\s+CID TrueType/);
  });

  it('has an official cover: République française, ministry, delegation, title, period, dates', () => {
    const cover = pages[0];
    expect(cover).toContain('RÉPUBLIQUE FRANÇAISE');
    expect(cover).toContain('Ministère chargé de la santé'); // MINISTRY_NAME's default, as in the web header
    expect(cover).toContain('Délégation au numérique en santé');
    expect(cover).toContain("Rapport d'avancement");
    expect(cover).toContain('Feuille de route complète');
    expect(cover).toContain('4\u1d49 trimestre 2025');
    expect(cover).not.toContain('4e trimestre');
    expect(cover).toContain('Situation au 10 octobre 2025');
    expect(cover).toContain('Généré le');
    // The cover is a page of its own; the director's first page follows it.
    expect(pages[1]).toMatch(/^ ?Rapport d'avancement · Feuille de route complète · 4ᵉ trimestre 2025 L’essentiel de la période/);
  });

  it('has the milestone section, on a page of its own, with its charts', () => {
    const section = pages.findIndex((p) => / Jalons Un jalon est « en retard »/.test(p));
    expect(section).toBeGreaterThan(1);
    expect(pages[section]).toContain('Jalons par état et par axe');
    expect(pages[section]).toContain('Calendrier des jalons et cibles par objectif · Axe 1');
  });

  it('keeps each indicator chart with its data table on one page', async () => {
    const html = (await report({ kind: 'roadmap', period: '2025-Q4', format: 'html' })).toString('utf8');
    const charts = [...specs(html).values()].filter((s) => s.type === 'indicator');
    expect(charts.length).toBeGreaterThan(10);
    for (const chart of charts) {
      const title = chart.title.replace(/\s+/g, ' ');
      const page = laidOut.find((p) => p.includes(title));
      expect(page, title).toBeTruthy();
      // Its table follows it on the same page: the header, then its first and last rows.
      const after = page!.slice(page!.indexOf(title));
      expect(after, title).toContain('Date Valeur');
      for (const row of [chart.table.rows[0], chart.table.rows[chart.table.rows.length - 1]]) expect(after, title).toContain(row[0].replace(/\s+/g, ' '));
    }
  });
});

describe('an indicator without data', () => {
  let html: string;
  let indicatorId: number;

  beforeAll(async () => {
    html = (await report({ kind: 'roadmap', period: '2025-Q4', format: 'html' })).toString('utf8');
    const { code, indicator } = withoutData[0];
    const o = await request(t.http).get(`/api/v1/objectives/${code}`).set(auth()).expect(200);
    indicatorId = o.body.indicators.find((i: { name: string }) => i.name === indicator).id;
  });

  it('gets no chart', () => {
    expect(withoutData.length).toBeGreaterThan(5);
    expect(html).not.toContain(`data-chart="indicator-${indicatorId}"`);
    expect([...specs(html).keys()].filter((id) => id.startsWith('indicator-')).length).toBeGreaterThan(10);
  });

  it('gets a line in the "no data yet" table of its priority: objective, indicator, lead body, next target', () => {
    const { code, indicator } = withoutData[0];
    const tables = [...html.matchAll(/<table class="compact no-data-yet">([\s\S]*?)<\/table>/g)].map((m) => m[1]);
    expect(tables[0]).toMatch(
      /Code<\/th><th scope="col">Objectif<\/th><th scope="col">Indicateur<\/th><th scope="col">Pilote<\/th><th scope="col">Prochaine cible/,
    );
    const row = tables
      .flatMap((tb) => [
        ...tb.matchAll(
          /<tr><td class="code">([^<]+)<\/td><td(?: lang="\w+")?>([^<]*)<\/td><td(?: lang="\w+")?>([^<]*)<\/td><td>([^<]*)<\/td><td class="target">(.*?)<\/td><\/tr>/g,
        ),
      ])
      .find((m) => m[1] === code && m[3] === indicator.replace(/'/g, '&#x27;'));
    expect(row, `${code} ${indicator}`).toBeTruthy();
    expect(row![5]).toMatch(/^[^<]+ · <span class="date">échéance \d{1,2}(?:er)? [a-zéû]+ 20\d\d<\/span>$/);
  });

  it('is listed with the others, sorted by objective code', () => {
    const gaps = html.slice(html.indexOf('<section class="data-gaps"')).split('<table class="compact no-data-yet">')[1];
    const codes = [...gaps.matchAll(/<tr><td class="code">([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(5);
    const sorted = [...codes].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    expect(codes).toEqual(sorted);
  });

  it('French typography: non-breaking spaces before colons, inside guillemets', () => {
    expect(html).toContain('Premier rapport de ce type\u00a0: pas de comparaison possible.');
    expect(html).toContain('«\u00a0en retard\u00a0»');
    // No breaking space before : ; ! ? in what the page shows (the inlined chart code aside).
    const shown = html.replace(/<script>[\s\S]*?<\/script>/g, '');
    expect(shown).not.toMatch(/[ \t\n][:;!?»](?:[\s"<]|$)|« /);
    // A target in the timeline: "1-1 · <indicator> : 250 000 000 …", non-breaking spaces before the colon and in the number.
    expect(shown).toMatch(/"1-1 · [^"]+\u00a0: 250\u202f000\u202f000/);
  });
});

describe('a body report with many objectives', () => {
  it.each([
    ['CNAM', 29, 1],
    ['DNS', 59, 4],
  ])(
    '%s (%i objectives): timeline rows that a page holds, Gantts per focus area',
    async (body, objectives, timelines) => {
      const html = (await report({ kind: 'body', scope: body, period: '2025-Q4', format: 'html' })).toString('utf8');
      const all = [...specs(html).values()];
      const lines = all.filter((s) => s.type === 'timeline');
      expect(lines).toHaveLength(timelines);
      expect(lines.reduce((n, s) => n + s.data.rows.length, 0)).toBe(objectives);
      for (const s of lines) {
        expect(s.data.height).toBeLessThanOrEqual(900); // an A4 page holds about 960 px
        expect(s.data.height).toBeGreaterThanOrEqual(s.data.rows.length * 20);
        expect([s.data.xMin, s.data.xMax]).toEqual([2023, 2028]);
      }
      const gantts = all.filter((s) => s.type === 'gantt');
      expect(gantts.length).toBeGreaterThanOrEqual(4);
      for (const g of gantts) expect(g.data.height).toBeLessThanOrEqual(900);
    },
    60_000,
  );

  it('prints CNAM with its 29-row timeline on one page', async () => {
    const file = tmp.path('cnam.pdf');
    writeFileSync(file, await report({ kind: 'body', scope: 'CNAM', period: '2025-Q4', format: 'pdf' }));
    const text = run('pdftotext', [file, '-']).split('\f');
    const timeline = text.findIndex((p) => p.includes('Calendrier des cibles et jalons 2023–2027'));
    expect(timeline).toBeGreaterThan(0);
    // The whole chart (its legend is printed right under it) is on that page.
    expect(text[timeline]).toMatch(/Cible\s+Jalon/);
  }, 60_000);
});
