import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, MESSAGES, problemMessage, renderMessage } from '@app/presentation';

const ROOT = resolve(__dirname, '../..');
const entries = Object.entries(MESSAGES) as [string, Record<'fr' | 'en', string>][];

/** `{name}` parameters of a text, including those inside a plural form `{count|one|many}`. */
function params(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{(\w+)\|/g)) names.add(m[1]);
  for (const m of text.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  return [...names].sort();
}

/** Sample values for every parameter, so a rendered message can be read whole. */
const SAMPLE: Record<string, string | number | string[]> = {
  count: 2,
  min: 12,
  max: 300,
  length: 301,
  allowed: ['a', 'b'],
  roles: ['admin', 'editor'],
  role: 'viewer',
  editorRole: 'editor',
  bodies: ['CNAM'],
  lead: 'DGOS',
  objectiveBodies: ['DGOS', 'DNS'],
  objective: '15-4',
  state: 'in_progress',
  done: 'done',
  date: '2024-01-31',
  today: '2025-06-15',
  earliest: '2000-01-01',
  field: 'value',
  columns: ['amount'],
  missing: ['value'],
  expected: 'columns',
  indicators: ['Documents (documents)'],
  unknown: ['NOPE'],
};
const sample = (text: string) => Object.fromEntries(params(text).map((p) => [p, SAMPLE[p] ?? 'x']));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the message catalogue', () => {
  it('has every message in French and in English, each with the same parameters', () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const [code, message] of entries) {
      expect(Object.keys(message).sort(), code).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(message[lang].trim(), `${code} ${lang}`).not.toBe('');
      expect(params(message.fr), `${code}: the French and English texts name the same parameters`).toEqual(params(message.en));
    }
  });

  it('reads as whole sentences once its parameters are in: no left-over braces, a final full stop', () => {
    for (const [code, message] of entries) {
      for (const lang of LANGS) {
        const text = renderMessage(code, sample(message[lang]), lang);
        expect(text, `${code} ${lang}`).not.toMatch(/[{}|]/);
        expect(text, `${code} ${lang}`).toMatch(/[.)]$/);
        expect(text, `${code} ${lang}`).not.toMatch(/ {2}|\.\.$/);
      }
    }
  });

  it('writes French with French typography: non-breaking spaces before « : ; ? ! » and inside « », curly apostrophes', () => {
    for (const [code, message] of entries) {
      const text = renderMessage(code, sample(message.fr), 'fr');
      expect(text, code).not.toMatch(/ [:;?!]/); // a plain space before high punctuation
      expect(text, code).not.toMatch(/[^\u00a0\u202f]:(?!\/\/| Bearer|\))/); // a colon glued to its word (URLs, the header name and "x:" schemes aside)
      expect(text, code).not.toMatch(/« | »/);
      expect(text, code).not.toMatch(/\w'\w/);
    }
  });

  it("says a field by its label, in the reader's language, never by its API name", () => {
    const p = { code: 'date.in_future', field: 'observedAt', params: { today: '2025-06-15' } };
    expect(problemMessage(p, 'fr')).toBe('Date de la valeur\u00a0: la date est dans le futur (nous sommes le 15 juin 2025).');
    expect(problemMessage(p, 'en')).toBe('Date of the value: the date is in the future (today is 15 June 2025).');
    expect(problemMessage({ ...p, line: 12 }, 'fr')).toBe('Ligne 12, Date de la valeur\u00a0: la date est dans le futur (nous sommes le 15 juin 2025).');
    expect(
      problemMessage({ code: 'import.columns.unknown', field: null, line: null, params: { count: 1, columns: ['x'], expected: 'columns' } }, 'fr'),
    ).toMatch(/^Colonne inconnue\u00a0: «\u00a0x\u00a0»\u202f; colonnes attendues/);
  });

  it('has a message for every code the code base throws or reports', () => {
    const known = new Set(Object.keys(MESSAGES));
    const used = new Map<string, string>();
    for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
      const text = readFileSync(file, 'utf8');
      const patterns = [
        /code: '([a-z_]+(?:\.[a-z_]+)+)'/g,
        /new (?:NotFound|Conflict|Forbidden|Unauthorized|Unprocessable|Unavailable|ImportFileError|ReportRenderError)\('([a-z_]+(?:\.[a-z_]+)+)'/g,
        /new DomainError\('\w+', '([a-z_.]+)'/g,
        /problem\((?:field|'\w+'|hasColumn\('indicatorId'\) \? 'indicatorId' : 'objectiveCode'), '([a-z_.]+)'/g,
        /at\('\w+', '([a-z_.]+)'/g,
        /\{ code: '([a-z_.]+)'/g,
        /'([a-z_]+(?:\.[a-z_]+)+)'\)/g,
      ];
      for (const re of patterns)
        for (const m of text.matchAll(re))
          if (m[1].includes('.') && !/\.(ts|js|json|csv|xlsx|sqlite|hbs|css|pdf|html|png|log)$/.test(m[1])) used.set(m[1], file);
    }
    const codes = [...used.keys()].filter((c) =>
      /^(validation|value|date|milestone|permission|auth|not_found|measurement|user|period|report|upload|request|server|import|review)\./.test(c),
    );
    expect(codes.length).toBeGreaterThan(60);
    for (const code of codes) expect(known.has(code), `${code} (used in ${used.get(code)}) has no message`).toBe(true);
  });
});
