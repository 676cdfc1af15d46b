import ExcelJS from 'exceljs';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/**
 * OWASP "CSV injection": a text cell starting with = + - @ (or tab/CR) would be read as a formula by
 * a spreadsheet; a leading apostrophe makes it plain text. Numbers are written as numbers, untouched.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(v: string | number | null, separator: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const text = neutraliseFormula(v);
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: T[], columns: ExportColumn<T>[], options: { separator?: ',' | ';'; bom?: boolean } = {}): Buffer {
  const sep = options.separator ?? ',';
  const lines = [columns.map((c) => csvField(c.header, sep)).join(sep)];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row), sep)).join(sep));
  // The BOM makes Excel read accents (Santé.fr) as UTF-8.
  return Buffer.from(`${options.bom === false ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx<T>(sheets: { name: string; rows: T[]; columns: ExportColumn<T>[] }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Feuille de route';
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ header: c.header, key: c.header, width: Math.min(60, Math.max(10, c.header.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) {
      sheet.addRow(
        s.columns.map((c) => {
          const v = c.value(row);
          return typeof v === 'string' ? neutraliseFormula(v) : v;
        }),
      );
    }
    s.columns.forEach((c, i) => {
      const longest = s.rows.slice(0, 200).reduce((n, r) => Math.max(n, String(c.value(r) ?? '').length), c.header.length);
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
