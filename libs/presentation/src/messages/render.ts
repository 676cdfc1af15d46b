import type { DomainError, FieldError, MessageParam, MessageParams, Problem } from '@app/common';
import { fieldLabel } from '../fields';
import { formatDate, formatNumber } from '../format';
import { LABELS } from '../labels/report';
import { webLabels } from '../labels/web';
import type { Lang } from '../lang';
import { Message, MESSAGES, PARAM_WORDS } from './catalogue';

/** A problem put into words: what the API returns in `errors` and the pages show by each field. */
export type LocalizedProblem = FieldError;

/** Parameters whose ISO dates read as dates ("15 juin 2025"). */
const DATE_KEYS = new Set(['date', 'today', 'earliest', 'observedAt', 'completedOn', 'start', 'end', 'deadline']);
/** Parameters that are the user's own words, quoted item by item when they come as a list. */
const QUOTED_LIST_KEYS = new Set(['columns', 'indicators']);
/** Parameters naming bodies the user acts for: French puts the article ("la DGOS"). */
const BODY_KEYS = new Set(['bodies', 'lead']);

/** The French article of each body of the roadmap, for sentences ("piloté par la DGOS"). */
const FR_BODY_ARTICLES: Record<string, string> = {
  AIS: 'l’',
  ANCT: 'l’',
  ANS: 'l’',
  ANSSI: 'l’',
  ATIH: 'l’',
  'ARS/GRADeS': 'les ',
  'GIE SESAM-Vitale': 'le ',
  'GIP PIX': 'le ',
  HFDS: 'le ',
  BpiFrance: '',
  SPF: '',
};
const frBody = (acronym: string) => `${FR_BODY_ARTICLES[acronym] ?? 'la '}${acronym}`;

const QUOTE: Record<Lang, (s: string) => string> = { fr: (s) => `«\u00a0${s}\u00a0»`, en: (s) => `"${s}"` };
const AND: Record<Lang, string> = { fr: 'et', en: 'and' };
const OR: Record<Lang, string> = { fr: 'ou', en: 'or' };
const NONE: Record<Lang, string> = { fr: 'aucun', en: 'none' };
const LINE: Record<Lang, string> = { fr: 'Ligne', en: 'Line' };

function joinWords(items: string[], last: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** French typography: a non-breaking space before « : », a narrow one before « ; ! ? », and inside « ». */
export function frenchSpaces(text: string): string {
  return text
    .replace(/ :/g, '\u00a0:')
    .replace(/ ([;!?])/g, '\u202f$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»');
}

function paramText(key: string, value: MessageParam, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value !== 'string') {
    const items = value;
    if (items.length === 0) return NONE[lang];
    if (key === 'roles')
      return joinWords(
        items.map((r) => QUOTE[lang](roleLabel(r, lang))),
        OR[lang],
      );
    if (key === 'allowed')
      return joinWords(
        items.map((v) => QUOTE[lang](v)),
        OR[lang],
      );
    if (key === 'missing') return items.map((c) => words(lang, 'missing', c) ?? c).join(', ');
    if (QUOTED_LIST_KEYS.has(key)) return items.map((s) => QUOTE[lang](s)).join(', ');
    if (BODY_KEYS.has(key) && lang === 'fr') return joinWords(items.map(frBody), AND.fr);
    return items.join(', ');
  }
  if (DATE_KEYS.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  if (key === 'role' || key === 'editorRole') return roleLabel(value, lang);
  if (key === 'state' || key === 'done') return LABELS[lang].states[value as keyof (typeof LABELS)['fr']['states']] ?? value;
  if (key === 'field') return fieldLabel(value, lang);
  if (BODY_KEYS.has(key) && lang === 'fr') return frBody(value);
  return words(lang, key, value) ?? value;
}

/** The catalogue's own words for a parameter's value, with French typography. */
function words(lang: Lang, key: string, value: string): string | undefined {
  const text = PARAM_WORDS[lang][key]?.[value];
  return text !== undefined && lang === 'fr' ? frenchSpaces(text) : text;
}

/** A role inside a sentence: "le rôle « rédacteur »", lower case (the labels are capitalised). */
function roleLabel(role: string, lang: Lang): string {
  return ((webLabels(lang).roles as Record<string, string>)[role] ?? role).toLowerCase();
}

/** `{count|one|many}`: the form for the number `count` (French: 0 and 1 are singular). */
function plurals(template: string, params: MessageParams, lang: Lang): string {
  return template.replace(/\{(\w+)\|((?:[^|{}]|\{\w+\})*)\|((?:[^|{}]|\{\w+\})*)\}/g, (_m, key: string, one: string, many: string) => {
    const n = Number(params[key]);
    return (lang === 'fr' ? Math.abs(n) < 2 : n === 1) ? one : many;
  });
}

export function hasMessage(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/**
 * The sentence of a code in a language, its parameters put in. An unknown code is a bug, but the
 * reader still gets something honest rather than a crash: the code itself.
 */
export function renderMessage(code: string, params: MessageParams = {}, lang: Lang): string {
  const message: Message | undefined = (MESSAGES as Record<string, Message>)[code];
  if (!message) return code;
  let template = plurals(message[lang], params, lang);
  if (lang === 'fr') template = frenchSpaces(template);
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? paramText(key, params[key], lang) : whole));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Vous saisissez…" after "Ligne 4, Indicateur :" reads "vous saisissez…"; acronyms keep their case. */
const lowerFirst = (s: string) => (/^\p{Lu}[\p{Ll}’']/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** What a problem's message starts with: its line and field label, the file's name, or nothing. */
function subject(p: Problem, lang: Lang): string | null {
  let label: string | null = null;
  if (p.field === 'file' && typeof p.params?.fileName === 'string') label = QUOTE[lang](p.params.fileName);
  else if (p.field) {
    // A field we have no label for (one the request should not have sent) is named as sent, quoted.
    label = fieldLabel(p.field, lang);
    if (label === p.field) label = QUOTE[lang](p.field);
  }
  if (p.line !== null && p.line !== undefined) return label ? `${LINE[lang]} ${p.line}, ${label}` : `${LINE[lang]} ${p.line}`;
  return label;
}

/** "Valeur : saisissez un nombre…", "Ligne 12, Date de la valeur : …", or the sentence alone. */
export function problemMessage(p: Problem, lang: Lang): string {
  const text = renderMessage(p.code, p.params, lang);
  const prefix = subject(p, lang);
  if (!prefix) return capitalise(text);
  return `${prefix}${lang === 'fr' ? '\u00a0:' : ':'} ${lowerFirst(text)}`;
}

export function localizeProblem(p: Problem, lang: Lang): LocalizedProblem {
  const out: LocalizedProblem = { code: p.code, field: p.field ?? null, message: problemMessage(p, lang) };
  if (p.line !== undefined) out.line = p.line;
  return out;
}

/** A problem's parts, for a table with a column per part (line, field, problem): the label and the sentence alone. */
export function problemParts(p: Problem, lang: Lang): LocalizedProblem & { label: string | null; text: string } {
  return { ...localizeProblem(p, lang), label: p.field ? fieldLabel(p.field, lang) : null, text: capitalise(renderMessage(p.code, p.params, lang)) };
}

export function localizeProblems(problems: readonly Problem[], lang: Lang): LocalizedProblem[] {
  return problems.map((p) => localizeProblem(p, lang));
}

/**
 * A domain error in words: its message and each of its problems. A refusal with one problem says
 * that problem; with several, how many, then each of them.
 */
export function localizeError(e: DomainError, lang: Lang): { code: string; message: string; errors: LocalizedProblem[] } {
  const errors = localizeProblems(e.problems, lang);
  if (e.code === 'validation.failed') {
    const message = errors.length === 1 ? errors[0].message : `${renderMessage(e.code, e.params, lang)} ${errors.map((x) => x.message).join(' ')}`;
    return { code: e.code, message, errors };
  }
  return { code: e.code, message: problemMessage({ code: e.code, field: null, params: e.params }, lang), errors };
}
