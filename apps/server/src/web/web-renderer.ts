import { Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { projectPath } from '@app/config';
import { formatDate, formatNumber, Lang, langAttribute } from '@app/presentation';
import { scriptJson } from '@app/reports';
import { fill, webLabels, WebLabels } from '@app/presentation';

export interface PageContext {
  lang: Lang;
  title: string;
  /** Which navigation entry is current. */
  nav?: 'dashboard' | 'roadmap' | 'bodies' | 'import' | 'reports';
  user?: { name: string; email: string; role: string; bodies: string[]; canRecord: boolean; isAdmin: boolean } | null;
  csrfToken?: string;
  /** The current path and query, for the language switch. */
  path: string;
  flash?: { type: 'success' | 'error' | 'info'; message: string } | null;
  [key: string]: unknown;
}

/**
 * Server-side pages: templates/web/layout.hbs around templates/web/pages/<page>.hbs, with the
 * partials of templates/web/partials and the chart partial shared with the reports. Handlebars
 * escapes every {{value}}; chart data goes out as inert JSON.
 */
@Injectable()
export class WebRenderer {
  private readonly hbs = Handlebars.create();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();

  constructor() {
    const templates = projectPath('templates');
    for (const dir of [join(templates, 'reports', 'partials'), join(templates, 'web', 'partials')]) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
        this.hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, file), 'utf8'));
      }
    }
    for (const file of readdirSync(join(templates, 'web', 'pages')).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(basename(file, '.hbs'), this.hbs.compile(readFileSync(join(templates, 'web', 'pages', file), 'utf8')));
    }
    this.layout = this.hbs.compile(readFileSync(join(templates, 'web', 'layout.hbs'), 'utf8'));
    this.hbs.registerHelper('json', (value: unknown) => new Handlebars.SafeString(scriptJson(value)));
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    this.hbs.registerHelper('fmtNumber', function (this: unknown, value: number, options: Handlebars.HelperOptions) {
      return formatNumber(value, options.data.root.lang);
    });
    this.hbs.registerHelper('fmtDate', function (this: unknown, value: string, options: Handlebars.HelperOptions) {
      return formatDate(value, options.data.root.lang);
    });
    // RGAA 8.7: ` lang="…"` on a roadmap text that is not in the page's language (`<h1{{langAttr objective.lang}}>`).
    this.hbs.registerHelper('langAttr', function (this: unknown, textLang: unknown, options: Handlebars.HelperOptions) {
      return new Handlebars.SafeString(langAttribute(textLang, options.data.root.lang));
    });
    this.hbs.registerHelper('fill', (text: string, n: number) => fill(text, n));
    this.hbs.registerHelper('concatId', (name: string, id: unknown) => `${name}-${id}`);
    this.hbs.registerHelper('labelWithUnit', (label: string, unit: string) => (unit ? `${label} (${unit})` : label));
    // What a field shows: what was typed (form sent back) or, on a blank form, the current value.
    this.hbs.registerHelper('defaultValue', (typed: unknown, current: unknown, blank: boolean) => (blank ? current : typed));
    this.hbs.registerHelper('stateOptions', (selected: string) =>
      ['not_started', 'in_progress', 'done'].map((value) => ({ value, selected: value === selected })),
    );
    // The state a form came back with (errors, typed values), or a blank one for the other forms.
    this.hbs.registerHelper('formFor', function (this: unknown, prefix: string, id: unknown, options: Handlebars.HelperOptions) {
      const state = options.data.root.formState as { form: string } | undefined;
      return state && state.form === `${prefix}-${id}` ? state : { errors: [], values: {}, blank: true };
    });
    this.hbs.registerHelper('errorFor', function (this: unknown, errors: { field: string; message: string }[] | undefined, field: string) {
      return errors?.find((e) => e.field === field)?.message ?? null;
    });
  }

  labels(lang: Lang): WebLabels {
    return webLabels(lang);
  }

  render(page: string, context: PageContext): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`No page template "${page}"`);
    const labels = webLabels(context.lang);
    const full = { ...context, labels, switchPath: switchLanguagePath(context.path, labels.switchLanguageCode) };
    return this.layout({ ...full, body: new Handlebars.SafeString(template(full)) });
  }
}

/** The same page in the other language. */
function switchLanguagePath(path: string, lang: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}?${url.searchParams.toString()}`;
}
