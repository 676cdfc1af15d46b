import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads the roadmap's English edition (db/source) the way a reviewer would: the Summary table rows
 * (priority, objective code and title, bodies, target sentence) and the glossary. Tests compare the
 * data file against this, so a typo in db/roadmap.yaml cannot pass unnoticed.
 */
export const SOURCE_PATH = resolve(__dirname, '../../db/source/roadmap-2023-2027.en.txt');

export interface SummaryRow {
  priority: number;
  priorityTitle: string;
  code: string;
  title: string;
  bodies: string[];
  sentence: string;
}

const MULTI_WORD_BODIES = ['GIE SESAM-Vitale', 'GIP PIX'];

export function splitBodies(cell: string): string[] {
  let s = cell.replace(/ - /g, ' ');
  for (const b of MULTI_WORD_BODIES) s = s.split(b).join(b.replace(/ /g, '\u0000'));
  const out: string[] = [];
  for (const token of s.split(/\s+/).filter(Boolean)) {
    const body = token.split(String.fromCharCode(0)).join(' ');
    if (!out.includes(body)) out.push(body); // 16-5 lists DNS twice
  }
  return out;
}

export function readSource(): string {
  return readFileSync(SOURCE_PATH, 'utf8');
}

export function summaryTable(): SummaryRow[] {
  const lines = readSource().split('\n');
  const start = lines.findIndex((l, i) => i > 100 && l.trim() === 'Summary table');
  const end = lines.findIndex((l, i) => i > start && l.startsWith('Reflecting on the development of the roadmap'));
  const rows: SummaryRow[] = [];
  let priority = 0;
  let priorityTitle = '';
  for (const line of lines.slice(start, end)) {
    const cells = line.split('\t');
    if (cells.length !== 4 || cells[0].startsWith('Priorities')) continue;
    const p = /^(\d+) - (.+)$/.exec(cells[0]);
    if (p) {
      priority = Number(p[1]);
      priorityTitle = p[2];
    }
    const o = /^(\d+-\d+)\. (.+)$/.exec(cells[1]);
    if (!o) throw new Error(`Unreadable Summary table row: ${line}`);
    rows.push({ priority, priorityTitle, code: o[1], title: o[2], bodies: splitBodies(cells[2]), sentence: cells[3] });
  }
  if (rows.length !== 65) throw new Error(`Expected 65 Summary table rows, read ${rows.length}`);
  return rows;
}

/** Glossary entries: acronym → "French name (English name)" as printed. */
export function glossary(): Map<string, string> {
  const text = readSource();
  const section = text.slice(text.lastIndexOf('Glossary'));
  const map = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('\t').map((c) => c.trim());
    for (let i = 0; i + 1 < cells.length; i += 2) if (cells[i]) map.set(cells[i], cells[i + 1]);
  }
  return map;
}
