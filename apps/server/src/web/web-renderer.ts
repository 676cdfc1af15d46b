import { Inject, Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { parsePeriod } from '@app/common';
import { APP_CONFIG, AppConfig, projectPath } from '@app/config';
import {
  capitalise,
  formatDate,
  formatDateTime,
  formatNumber,
  Lang,
  langAttribute,
  periodLabel,
  plural,
  SiteLabels,
  siteLabels,
  typography,
} from '@app/presentation';
import { scriptJson } from '@app/reports';
import { fill, reviewWebLabels, webLabels, WebLabels } from '@app/presentation';

/** One step of the breadcrumb; the last one (the page itself) has no link. */
export interface Crumb {
  label: string;
  href?: string;
}

export interface PageContext {
  lang: Lang;
  title: string;
  /** Which navigation entry is current. */
  nav?: 'dashboard' | 'roadmap' | 'bodies' | 'import' | 'reports' | 'users' | 'audit' | 'account' | 'exports' | 'review' | 'outbox';
  user?: { name: string; email: string; role: string; bodies: string[]; canRecord: boolean; isAdmin: boolean } | null;
  csrfToken?: string;
  /** The current path and query, for the language switch. */
  path: string;
  flash?: { type: 'success' | 'error' | 'info'; message: string } | null;
  /** The pages above this one in the breadcrumb (after "Accueil"); by default from PARENTS. */
  breadcrumb?: Crumb[];
  /** This page's name in the breadcrumb; by default its title. */
  crumb?: string;
  /** A page of the public view (PUBLIC_SITE): home is /public, no staff navigation, no sign-in. */
  publicSite?: boolean;
  [key: string]: unknown;
}

/** Where each page sits under the home page (the dashboard), for the breadcrumb. */
const PARENTS: Record<string, (labels: WebLabels) => Crumb[]> = {
  objective: (l) => [{ label: l.navRoadmap, href: '/roadmap' }],
  body: (l) => [{ label: l.navBodies, href: '/bodies' }],
  'admin-user': (l) => [{ label: l.navUsers, href: '/admin/users' }],
};
/** The home page has no breadcrumb. */
const HOME_PAGE = 'dashboard';
const PUBLIC_HOME_PAGE = 'public/dashboard';

/** French typography applied once to every label of ours (never to user input). */
function typeset<T>(value: T, lang: Lang): T {
  if (typeof value === 'string') return typography(value, lang) as T;
  if (Array.isArray(value)) return value.map((v) => typeset(v, lang)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeset(v, lang)])) as T;
  return value;
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

  private readonly labelsOf = new Map<Lang, { labels: WebLabels; site: SiteLabels }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const templates = projectPath('templates');
    // The public view's pages and partials (templates/web/public) share the helpers and the layout.
    for (const dir of [join(templates, 'reports', 'partials'), join(templates, 'web', 'partials'), join(templates, 'web', 'public', 'partials')]) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
        this.hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, file), 'utf8'));
      }
    }
    for (const file of readdirSync(join(templates, 'web', 'pages')).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(basename(file, '.hbs'), this.hbs.compile(readFileSync(join(templates, 'web', 'pages', file), 'utf8')));
    }
    for (const file of readdirSync(join(templates, 'web', 'public')).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(`public/${basename(file, '.hbs')}`, this.hbs.compile(readFileSync(join(templates, 'web', 'public', file), 'utf8')));
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
    const timeZone = config.timezone;
    // An instant (ISO timestamp) as people read it: "24 novembre 2026 à 06 h 55", in TIMEZONE.
    this.hbs.registerHelper('fmtDateTime', function (this: unknown, value: string, options: Handlebars.HelperOptions) {
      return formatDateTime(value, options.data.root.lang, timeZone);
    });
    // {{countOf 3 "objectives"}} → "3 objectifs" (forms in labels/site.ts counts).
    this.hbs.registerHelper('countOf', function (this: unknown, n: number, word: keyof SiteLabels['counts'], options: Handlebars.HelperOptions) {
      const root = options.data.root as { lang: Lang; site: SiteLabels };
      return plural(Number(n) || 0, root.site.counts[word], root.lang);
    });
    // A period id ("2026-Q4") in words: "4ᵉ trimestre 2026" / "Q4 2026".
    this.hbs.registerHelper('fmtPeriod', function (this: unknown, id: string, options: Handlebars.HelperOptions) {
      try {
        return periodLabel(parsePeriod(id), options.data.root.lang);
      } catch {
        return id;
      }
    });
    this.hbs.registerHelper('ucfirst', (text: string) => capitalise(String(text ?? '')));
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
      return state && state.form === `${prefix}-${id}` ? state : { form: `${prefix}-${id}`, errors: [], values: {}, blank: true };
    });
    // The scope error belongs to the scope list of the kind that was chosen.
    this.hbs.registerHelper('scopeError', (errors: { field: string; message: string }[] | undefined, chosen: string, kind: string) =>
      chosen === kind ? (errors?.find((e) => e.field === 'scope')?.message ?? null) : null,
    );
    this.hbs.registerHelper('errorFor', function (this: unknown, errors: { field: string; message: string }[] | undefined, field: string) {
      return errors?.find((e) => e.field === field)?.message ?? null;
    });
  }

  labels(lang: Lang): WebLabels {
    return this.typeset(lang).labels;
  }

  site(lang: Lang): SiteLabels {
    return this.typeset(lang).site;
  }

  render(page: string, context: PageContext): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`No page template "${page}"`);
    const { labels, site } = this.typeset(context.lang);
    const full = {
      ...context,
      labels,
      site,
      // The review pages' words (the navigation's "Revue" entry is on every page).
      review: reviewWebLabels(context.lang),
      publisher: this.config.publisher,
      // The navigation is offered to whoever may read the pages it leads to.
      // The public view (PUBLIC_SITE) has no staff navigation and no sign-in, whatever PUBLIC_READ says.
      showNav: !context.publicSite && (!!context.user || this.config.auth.publicRead),
      homeHref: context.publicSite ? '/public' : '/',
      onLoginPage: page === 'login',
      breadcrumb: page === HOME_PAGE || page === PUBLIC_HOME_PAGE ? null : this.breadcrumb(page, context, labels, site),
      switchPath: switchLanguagePath(context.path, labels.switchLanguageCode),
    };
    return this.layout({ ...full, body: new Handlebars.SafeString(template(full)) });
  }

  /** Accueil › parents › this page: computed here once, so every page has the same trail. */
  private breadcrumb(page: string, context: PageContext, labels: WebLabels, site: SiteLabels): Crumb[] {
    const parents = context.breadcrumb ?? PARENTS[page]?.(labels) ?? [];
    return [{ label: site.home, href: context.publicSite ? '/public' : '/' }, ...parents, { label: context.crumb ?? context.title }];
  }

  private typeset(lang: Lang) {
    let set = this.labelsOf.get(lang);
    if (!set) this.labelsOf.set(lang, (set = { labels: typeset(webLabels(lang), lang), site: typeset(siteLabels(lang), lang) }));
    return set;
  }
}

/** The same page in the other language. */
function switchLanguagePath(path: string, lang: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}?${url.searchParams.toString()}`;
}
