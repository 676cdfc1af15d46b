import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { projectPath } from '@app/config';
import { langAttribute } from '@app/presentation';
import type { ReportModel } from './report-model';

export interface RenderedReport {
  html: string;
  /** CSP source expressions ('sha256-…') of the inline scripts, for serving the HTML with a strict policy. */
  scriptHashes: string[];
}

/** JSON safe inside <script type="application/json">: no character can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const DSFR = projectPath('node_modules', '@gouvfr', 'dsfr', 'dist');

/**
 * The DSFR's Marianne font, embedded as data: URLs: the printed page may fetch nothing, and the PDF
 * then carries the font itself. These are TrueType copies of the fonts @gouvfr/dsfr ships (made by
 * templates/reports/fonts/marianne-truetype.py): Chromium would print the original PostScript outlines as nameless
 * Type 3 drawings.
 */
function embeddedFonts(templatesDir: string): string {
  const face = (weight: number, name: string) =>
    `@font-face { font-family: Marianne; font-style: normal; font-weight: ${weight}; font-display: block; src: url(data:font/woff;base64,${readFileSync(join(templatesDir, 'reports', 'fonts', `Marianne-${name}.woff`)).toString('base64')}) format("woff"); }`;
  return [face(400, 'Regular'), face(500, 'Medium'), face(700, 'Bold')].join('\n');
}

/**
 * The DSFR's "bloc-marque" (Marianne, RÉPUBLIQUE FRANÇAISE, the motto) as the DSFR draws it: its logo
 * stylesheet, whose artwork is inline SVG, so nothing is fetched.
 */
function dsfrLogoCss(): string {
  return readFileSync(join(DSFR, 'component', 'logo', 'logo.main.css'), 'utf8')
    .replace(/^@charset[^;]*;/m, '')
    .replace(/\/\*# sourceMappingURL=.*?\*\//g, '');
}

export const cspHash = (script: string): string => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

/**
 * Renders a report model with the handlebars templates of templates/reports. The page is
 * self-contained: its CSS, chart.js and the chart script are inlined, so the HTML file works offline
 * and the PDF printer needs nothing from outside. Every text from the database goes through
 * handlebars' {{ }} escaping; chart data travels as JSON in non-executable script elements.
 */
export class ReportRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly template: Handlebars.TemplateDelegate;
  private readonly css: string;
  private readonly scripts: string[];

  constructor(templatesDir = projectPath('templates')) {
    const reports = join(templatesDir, 'reports');
    const partials = join(reports, 'partials');
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
      this.handlebars.registerPartial(basename(file, '.hbs'), readFileSync(join(partials, file), 'utf8'));
    }
    this.handlebars.registerHelper('json', (value: unknown) => new Handlebars.SafeString(scriptJson(value)));
    // RGAA 8.7: ` lang="…"` on a roadmap text that is not in the report's language.
    this.handlebars.registerHelper(
      'langAttr',
      (textLang: unknown, options: Handlebars.HelperOptions) => new Handlebars.SafeString(langAttribute(textLang, options.data.root.lang)),
    );
    this.template = this.handlebars.compile(readFileSync(join(reports, 'report.hbs'), 'utf8'), { strict: false });
    this.css = [embeddedFonts(templatesDir), dsfrLogoCss(), readFileSync(join(reports, 'report.css'), 'utf8')].join('\n');
    this.scripts = [
      // The source-map comment is dropped: the page must not even name a file to fetch.
      readFileSync(projectPath('node_modules', 'chart.js', 'dist', 'chart.umd.js'), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''),
      readFileSync(join(templatesDir, 'assets', 'charts.js'), 'utf8'),
    ];
  }

  render(model: ReportModel): RenderedReport {
    const scripts = this.scripts.map((s) => `<script>${s}</script>`).join('\n');
    const html = this.template({ ...model, css: this.css, scripts });
    return { html, scriptHashes: this.scripts.map(cspHash) };
  }
}
