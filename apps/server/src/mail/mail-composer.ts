import { Inject, Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { parsePeriod, Period } from '@app/common';
import { APP_CONFIG, AppConfig, projectPath } from '@app/config';
import {
  fillLabel,
  formatDate,
  formatDateTime,
  Lang,
  MAIL_LABELS,
  MAIL_TEMPLATES,
  MailLabels,
  MailTemplate,
  periodLabel,
  plural,
  typography,
} from '@app/presentation';
import { daysLeft } from '@app/review';

/** What a mail says, besides its recipient: every field a template may use. */
export interface MailData {
  period?: string;
  deadline?: string;
  today?: string;
  code?: string;
  title?: string;
  body?: string;
  by?: string;
  reason?: string;
  objectivesByBody?: readonly { body: string; objectives: readonly { code: string; title: string }[] }[];
  stale?: readonly { objectiveCode: string; name: string; latestObservedAt: string }[];
  milestonesDue?: readonly { objectiveCode: string; title: string; dueDate: string; state: string }[];
  bodyPath?: string;
  /** A password reset mail's one-time link (the whole URL) and when it stops working (an ISO instant). */
  resetUrl?: string;
  expiresAt?: string;
}

export interface ComposedMail {
  subject: string;
  html: string;
  text: string;
}

/** French typography once on every label of ours (never on what people wrote). */
function typeset<T>(value: T, lang: Lang): T {
  if (typeof value === 'string') return typography(value, lang) as T;
  if (Array.isArray(value)) return value.map((v) => typeset(v, lang)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeset(v, lang)])) as T;
  return value;
}

/** "du 4ᵉ trimestre 2026" / "de novembre 2026" / "de l’année 2026"; "of Q4 2026" / "of 2026". */
function periodPhrases(p: Period, lang: Lang): { ofPeriod: string; forPeriod: string } {
  const label = p.kind === 'year' && lang === 'en' ? p.start.slice(0, 4) : periodLabel(p, lang);
  if (lang === 'en') return { ofPeriod: `of ${label}`, forPeriod: `for ${label}` };
  if (p.kind === 'year') return { ofPeriod: `de l’année ${p.start.slice(0, 4)}`, forPeriod: `pour l’année ${p.start.slice(0, 4)}` };
  if (p.kind === 'month') return { ofPeriod: `de ${label.toLowerCase()}`, forPeriod: `pour ${label.toLowerCase()}` };
  return { ofPeriod: `du ${label}`, forPeriod: `pour le ${label}` };
}

/**
 * Renders the mails from templates/mail: `<template>.html.hbs` inside `layout.html.hbs` (simple,
 * inline-styled HTML that mail clients show as written) and `<template>.text.hbs` inside
 * `layout.text.hbs`, with the words of MAIL_LABELS in the recipient's language. Handlebars escapes
 * every value in the HTML; the text version is not escaped (it is plain text).
 */
@Injectable()
export class MailComposer {
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly templates = new Map<string, { html: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate }>();
  private readonly layouts: { html: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate };
  private readonly labels = { fr: typeset(MAIL_LABELS.fr, 'fr'), en: typeset(MAIL_LABELS.en, 'en') as MailLabels };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const dir = projectPath('templates', 'mail');
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('_'))) {
      const [name, kind] = basename(file, '.hbs').split('.');
      (kind === 'html' ? this.html : this.text).registerPartial(name, read(file));
    }
    for (const hbs of [this.html, this.text]) this.registerHelpers(hbs);
    const compile = (name: string) => ({
      html: this.html.compile(read(`${name}.html.hbs`)),
      text: this.text.compile(read(`${name}.text.hbs`), { noEscape: true }),
    });
    for (const t of MAIL_TEMPLATES) this.templates.set(t, compile(t));
    this.layouts = compile('layout');
  }

  compose(template: MailTemplate, lang: Lang, recipient: { name: string; email: string }, data: MailData): ComposedMail {
    const l = this.labels[lang];
    const context = { ...data, lang, l, p: this.params(lang, recipient, data), deadlineIsToday: !!data.deadline && data.deadline === data.today };
    const subject = fillLabel(l.subjects[template], context.p);
    const t = this.templates.get(template)!;
    const html = this.layouts.html({ ...context, subject, body: t.html(context) });
    const text = this.layouts.text({ ...context, subject, body: t.text(context).trim() });
    return { subject, html, text: tidyText(text) };
  }

  /** The values sentences are filled with, formatted for the language. */
  private params(lang: Lang, recipient: { name: string; email: string }, data: MailData): Record<string, string> {
    const l = this.labels[lang];
    const period = data.period ? parsePeriod(data.period) : null;
    const missing = (data.objectivesByBody ?? []).reduce((n, b) => n + b.objectives.length, 0);
    return {
      name: recipient.name,
      email: recipient.email,
      ...(period && { period: periodLabel(period, lang), ...periodPhrases(period, lang) }),
      ...(data.deadline && { deadline: formatDate(data.deadline, lang) }),
      ...(data.today && { today: formatDate(data.today, lang) }),
      ...(data.deadline && data.today && { days: plural(Math.max(0, daysLeft(data.deadline, data.today)), l.daysCount, lang) }),
      missing: plural(missing, l.updatesCount, lang),
      code: data.code ?? '',
      title: data.title ?? '',
      body: data.body ?? (data.objectivesByBody ?? []).map((b) => b.body).join(', '),
      by: data.by ?? '',
      ...(data.expiresAt && { expiresAt: formatDateTime(data.expiresAt, lang, this.config.timezone) }),
    };
  }

  private registerHelpers(hbs: typeof Handlebars): void {
    const publicUrl = this.config.publicUrl;
    // {{t "opened.intro" body=…}}: a label of the mail's language, filled with the mail's values.
    hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
      const root = options.data.root as { l: MailLabels; p: Record<string, string> };
      const label = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], root.l);
      if (typeof label !== 'string') throw new Error(`No mail label "${key}"`);
      return fillLabel(label, { ...root.p, ...options.hash });
    });
    hbs.registerHelper('url', (path: string) => `${publicUrl}${path}`);
    hbs.registerHelper('fmtDate', function (this: unknown, iso: string, options: Handlebars.HelperOptions) {
      return formatDate(iso, options.data.root.lang);
    });
    hbs.registerHelper('milestoneState', function (this: unknown, state: string, options: Handlebars.HelperOptions) {
      return (options.data.root.l as MailLabels).digest.states[state as 'done'] ?? state;
    });
  }
}

/** At most one blank line in a row, none at the ends: templates' control lines leave gaps. */
function tidyText(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
