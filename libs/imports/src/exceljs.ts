import type ExcelJSModule from 'exceljs';

type ExcelJS = typeof ExcelJSModule;
let loaded: ExcelJS | undefined;

/**
 * exceljs, loaded on first use: it weighs ~20 MB of memory, and most server processes never read
 * or write a workbook.
 */
export function excel(): ExcelJS {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('exceljs') as ExcelJS & { default?: ExcelJS };
    loaded = mod.default ?? mod;
  }
  return loaded;
}
