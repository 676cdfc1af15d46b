import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import type { Browser, Page } from 'playwright-core';
import { PdfPrinter, ReportRenderer, type ReportModel } from '@app/reports';
import { STATUS_COLORS } from '@app/presentation';
import { classifyByStatus, classifyByValue, departements, regions, territoryMapView, VALUE_RAMP, type TerritoryMapView } from '@app/territories';
import { axeViolations, CHROMIUM, launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';

const ROOT = resolve(__dirname, '../..');
const TEMPLATES = join(ROOT, 'templates');
/** Kept for people to look at: the screenshot and the PDF's pages as PNG. */
const SHOTS = join(ROOT, 'test-results', 'screenshots', 'territories');
const tmp = tempDir('fdr-map-');
let browser: Browser;

const percent = (v: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(v)}\u202f%`;

/** A region map by status (Mayotte without data) and a département map by value (five départements without). */
function views(): { region: TerritoryMapView; departement: TerritoryMapView } {
  const statuses = ['on_track', 'at_risk', 'off_track', 'achieved'] as const;
  const byStatus = classifyByStatus(
    regions()
      .filter((r) => r.code !== '06')
      .map((r, k) => ({ code: r.code, status: statuses[k % statuses.length] })),
    'fr',
  );
  const byValue = classifyByValue(
    departements()
      .filter((_, k) => k % 20 !== 7)
      .map((d, k) => ({ code: d.code, value: (k * 37) % 100 })),
    'fr',
    percent,
  );
  return {
    region: territoryMapView({
      id: 'reg',
      level: 'region',
      title: 'Statut par région',
      caption: 'Statut par région',
      classHeading: 'Statut',
      lang: 'fr',
      ...byStatus,
    }),
    departement: territoryMapView({
      id: 'dep',
      level: 'departement',
      title: 'Taux par département',
      caption: 'Taux de documents alimentés par département',
      source: 'données validées au 31 mars 2026',
      lang: 'fr',
      ...byValue,
    }),
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

/** What Chromium drew of one map: each shape's code, fill and size, and the inset labels. */
async function drawn(page: Page, id: string) {
  return page.evaluate((mapId) => {
    const svg = document.querySelector(`#territory-map-${mapId} svg.territory-map__svg`) as SVGSVGElement;
    const shapes = Array.from(svg.querySelectorAll('path[data-code]')).map((p) => {
      const box = (p as SVGPathElement).getBoundingClientRect();
      return { code: p.getAttribute('data-code')!, fill: getComputedStyle(p).fill, width: box.width, height: box.height };
    });
    const figure = document.querySelector(`#territory-map-${mapId} figure`)!.getBoundingClientRect();
    const table = document.querySelector(`#territory-map-${mapId} table`)!.getBoundingClientRect();
    const insets = Array.from(svg.querySelectorAll('text')).map((t) => t.textContent);
    return { shapes, insets, figureRight: figure.right, tableLeft: table.left, tableTop: table.top, figureTop: figure.top };
  }, id);
}

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('the territory-map partial on a web page (DSFR)', () => {
  it('shows both maps with every shape, the overseas insets, the legend, and the table beside them', async () => {
    // The partials as the web renderer registers them (templates/reports/partials is shared).
    const hbs = Handlebars.create();
    for (const dir of [join(TEMPLATES, 'reports', 'partials'), join(TEMPLATES, 'web', 'partials')]) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, file), 'utf8'));
    }
    const css = [join(ROOT, 'node_modules/@gouvfr/dsfr/dist/dsfr.min.css'), join(TEMPLATES, 'assets/web.css')];
    const page = hbs.compile(
      '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Cartes</title>' +
        '{{#each css}}<link rel="stylesheet" href="{{this}}">{{/each}}</head><body><main class="fr-container fr-my-4w"><h1>Cartes</h1>' +
        '{{> territory-map region}}{{> territory-map departement}}</main></body></html>',
    )({ css: css.map((f) => pathToFileURL(f).href), ...views() });
    writeFileSync(tmp.path('maps.html'), page);
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await tab.goto(pathToFileURL(tmp.path('maps.html')).href);
      const region = await drawn(tab, 'reg');
      expect(region.shapes).toHaveLength(101);
      expect(region.shapes.filter((s) => s.width < 1 || s.height < 1)).toEqual([]);
      expect(region.insets).toEqual(['Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte']);
      expect(region.shapes.find((s) => s.code === '75')!.fill).toBe(rgb(STATUS_COLORS.on_track.background)); // Île-de-France, second region
      expect(region.shapes.find((s) => s.code === '976')!.fill).toBe('url("#reg-nd")');
      // Beside, not under: the table starts right of the map, at the same height.
      expect(region.tableLeft).toBeGreaterThan(region.figureRight - 1);
      expect(Math.abs(region.tableTop - region.figureTop)).toBeLessThan(60);
      const departement = await drawn(tab, 'dep');
      expect(new Set(departement.shapes.map((s) => s.fill))).toEqual(new Set([...VALUE_RAMP.map(rgb), 'url("#dep-nd")']));
      expect(await tab.getByRole('img', { name: 'Taux par département' }).count()).toBe(1);
      // The 101 rows fold under a summary beside the map; the region table is open.
      expect(await tab.locator('#territory-map-dep details tbody tr').count()).toBe(101);
      expect(await tab.locator('#territory-map-dep summary').textContent()).toBe('Voir les données des 101 départements');
      expect(await tab.locator('#territory-map-reg tbody tr').count()).toBe(18);
      expect(await tab.locator('#territory-map-reg details').count()).toBe(0);
      expect(await tab.locator('#territory-map-dep .territory-map__legend li').allTextContents()).toEqual([
        'de 0\u202f% à moins de 19\u202f%',
        'de 19\u202f% à moins de 39\u202f%',
        'de 39\u202f% à moins de 59\u202f%',
        'de 59\u202f% à moins de 79\u202f%',
        'de 79\u202f% à 99\u202f%',
        'pas de donnée',
      ]);
      expect(await tab.locator('#territory-map-dep .territory-map__source').textContent()).toBe(
        'Source\u00a0: données validées au 31 mars 2026. Fonds de carte\u00a0: svg-maps (Victor Cazanave, d’après MapSVG), CC BY 4.0.',
      );
      expect(await axeViolations(tab)).toEqual([]);
      await tab.locator('#territory-map-reg').screenshot({ path: join(SHOTS, 'maps-web-regions.png') });
      await tab.locator('#territory-map-dep').screenshot({ path: join(SHOTS, 'maps-web-departements.png') });
    } finally {
      await tab.close();
    }
  }, 60_000);
});

describe('the territory-map partial in a report printed to PDF', () => {
  it('prints the maps, their legends and tables through the report renderer and the PDF printer', async () => {
    // The real report renderer on a copy of the templates whose report.hbs shows only the maps.
    const templates = tmp.path('templates');
    cpSync(TEMPLATES, templates, { recursive: true });
    writeFileSync(
      join(templates, 'reports', 'report.hbs'),
      '<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><title>Cartes</title><style>{{{css}}}</style></head>' +
        '<body class="report"><main><h1>Cartes</h1>{{> territory-map region print=true}}{{> territory-map departement print=true}}</main>{{{scripts}}}</body></html>',
    );
    const { html } = new ReportRenderer(templates).render({ lang: 'fr', ...views() } as unknown as ReportModel);
    const printer = new PdfPrinter({ executablePath: CHROMIUM, timeoutMs: 30_000, concurrency: 1 });
    let pdf: Buffer;
    try {
      pdf = await printer.print({ html, headerLabel: 'Cartes', pageLabel: { page: 'Page', of: 'sur' }, lang: 'fr' });
    } finally {
      await printer.close();
    }
    const file = join(SHOTS, 'maps-report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const words of ['Statut par région', 'Guadeloupe', 'Île-de-France', 'Haute-Corse', 'pas de donnée', 'de 79 % à 99 %', 'Fonds de carte']) {
      expect(text.replace(/\u202f|\u00a0/g, ' ')).toContain(words);
    }
    execFileSync('pdftoppm', ['-png', '-r', '70', file, join(SHOTS, 'maps-report')]);
    // The first page in raw RGB: the maps are drawn, in the status colours, not only their texts.
    const ppm = execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', file]);
    const counts = colourCounts(ppm, [STATUS_COLORS.on_track.background, STATUS_COLORS.at_risk.background, STATUS_COLORS.off_track.background]);
    for (const count of counts) expect(count).toBeGreaterThan(300);
  }, 90_000);
});

/** How many pixels of a PPM (P6) image are within a small distance of each colour. */
function colourCounts(ppm: Buffer, colours: string[]): number[] {
  const header = ppm.toString('latin1', 0, 50).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
  const start = header[0].length;
  const targets = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const counts = colours.map(() => 0);
  for (let k = start; k + 2 < ppm.length; k += 3) {
    targets.forEach((t, c) => {
      if (Math.abs(ppm[k] - t[0]) + Math.abs(ppm[k + 1] - t[1]) + Math.abs(ppm[k + 2] - t[2]) < 30) counts[c] += 1;
    });
  }
  return counts;
}
