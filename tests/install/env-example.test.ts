import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envSchema, loadConfig, projectPath } from '@app/config';

/**
 * An IT department configures the service from .env.example and the README's Configuration table:
 * both must list every setting the code reads, with the default the code applies.
 */
const root = resolve(__dirname, '../..');
const SETTINGS = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];
/** Read straight from the environment rather than through the schema: where pg_dump is, and the release folder. */
const READ_DIRECTLY = ['PG_BIN_DIR', 'APP_ROOT'];

/** What the code makes of a value, as loadConfig does: an empty value means unset. */
const meaning = (name: string, value: string | undefined): unknown => {
  const field = (envSchema.shape as Record<string, z.ZodTypeAny>)[name];
  const parsed = field.safeParse(value === '' ? undefined : value);
  return parsed.success ? parsed.data : `invalid: ${parsed.error.issues[0].message}`;
};
const codeDefault = (name: string) => meaning(name, undefined);
/**
 * Defaults that loadConfig computes rather than the schema: the README writes them as the file they
 * resolve to in the release folder; .env.example leaves them unset (a relative path there would be
 * taken from the working directory).
 */
const COMPUTED: Record<string, (written: string) => boolean> = {
  ROADMAP_DATA_PATH: (written) => loadConfig({}).roadmapDataPath === projectPath(written),
};

function envExample(): { defaults: Map<string, string[]>; active: string[]; other: string[] } {
  const defaults = new Map<string, string[]>();
  const active: string[] = [];
  const other: string[] = [];
  for (const line of readFileSync(resolve(root, '.env.example'), 'utf8').split('\n')) {
    const commented = /^# ([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (commented) defaults.set(commented[1], [...(defaults.get(commented[1]) ?? []), commented[2]]);
    else if (/^[A-Z][A-Z0-9_]*=/.test(line)) active.push(line);
    else if (line !== '' && !line.startsWith('#')) other.push(line);
  }
  return { defaults, active, other };
}

/** The Configuration table's rows: the settings of the first column (`A` / `B`), and the defaults of the second when each is one `value`. */
function readmeTable(): { name: string; documented: string | null }[] {
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration\n'), readme.indexOf('\n## Operations\n'));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) => {
    const [names, defaults] = row
      .split(/(?<!\\)\|/)
      .slice(1, 3)
      .map((cell) => cell.trim().replace(/\\\|/g, '|'));
    const settings = [...names.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]);
    const values = defaults.split(' / ');
    return settings.map((name, i) => {
      const value = values.length === settings.length ? /^`([^`]*)`$/.exec(values[i]) : null;
      return { name, documented: value ? value[1] : null };
    });
  });
}

describe('.env.example', () => {
  const { defaults, active, other } = envExample();

  it('lists every setting once, and nothing the code does not read', () => {
    expect(SETTINGS.filter((s) => !defaults.has(s))).toEqual([]);
    expect([...defaults].filter(([, values]) => values.length > 1).map(([name]) => name)).toEqual([]);
    expect([...defaults.keys()].filter((name) => !SETTINGS.includes(name as never) && !READ_DIRECTLY.includes(name))).toEqual([]);
  });

  it('shows for each setting the default the code applies', () => {
    const wrong = SETTINGS.filter((name) => defaults.has(name))
      .map((name) => ({ name, written: defaults.get(name)![0], means: meaning(name, defaults.get(name)![0]), code: codeDefault(name) }))
      .filter((d) => JSON.stringify(d.means) !== JSON.stringify(d.code));
    expect(wrong).toEqual([]);
  });

  it('changes nothing when copied as it is: every line is a comment or a commented default', () => {
    expect(active).toEqual([]);
    expect(other).toEqual([]);
  });
});

describe("the README's Configuration table", () => {
  const table = readmeTable();

  it('documents every setting', () => {
    const documented = new Set(table.map((r) => r.name));
    expect(SETTINGS.filter((s) => !documented.has(s))).toEqual([]);
    expect(READ_DIRECTLY.filter((s) => s !== 'APP_ROOT' && !documented.has(s))).toEqual([]);
  });

  it('gives the default the code applies wherever it writes one as a value', () => {
    const compared = table.filter((r) => r.documented !== null && SETTINGS.includes(r.name as never));
    expect(compared.length).toBeGreaterThan(30);
    const wrong = compared
      .map((r) => ({ name: r.name, written: r.documented!, means: meaning(r.name, r.documented!), code: codeDefault(r.name) }))
      .filter((d) => (COMPUTED[d.name] ? !COMPUTED[d.name](d.written) : JSON.stringify(d.means) !== JSON.stringify(d.code)));
    expect(wrong).toEqual([]);
  });
});
