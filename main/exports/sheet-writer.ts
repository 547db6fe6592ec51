import type ExcelJS from 'exceljs';

/**
 * The one writer of every CSV and xlsx the app exports (issue 11, point 7): a text cell that
 * starts with =, +, -, @, a tab or a carriage return is written with a leading apostrophe, so
 * that no spreadsheet runs it as a formula (a name such as `=HYPERLINK(...)` stays text, on
 * opening, on editing, and when the workbook is saved again as CSV). Numbers and dates are
 * written as such; a formula cell is never written. (In xlsx, where text cells are typed, a
 * signed amount in words such as "+45.8 points" is left as it is: see neutraliseXlsx.)
 */

export type SheetCell = string | number | boolean | Date | null | undefined;

/** Text a spreadsheet would read as a formula (or a DDE command). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as written: defused with a leading apostrophe when it could run as a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A signed amount in words ("+45.8 points", "-23 tickets"): in an xlsx text cell (never a
 * formula there) it cannot turn into one with a function or a command in it either, so it is
 * left as people read it. CSV has no cell types: there it is defused like any other.
 */
const SIGNED_AMOUNT = /^[+-]\d+(?:\.\d+)?(?: [A-Za-z%]+)?$/;

/** The xlsx rule: as neutralise, except a signed amount in words. */
export function neutraliseXlsx(text: string): string {
  return FORMULA_START.test(text) && !SIGNED_AMOUNT.test(text) ? `'${text}` : text;
}

/** A CSV field: defused, then quoted when it holds a quote, a separator or a line break. */
export function csvField(v: SheetCell): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = neutralise(v instanceof Date ? v.toISOString() : v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvOptions {
  /** A UTF-8 byte-order mark, so that Excel reads the file as UTF-8 (default true). */
  bom?: boolean;
  /** Line ends (default CRLF, as RFC 4180 says). */
  eol?: '\r\n' | '\n';
}

/** Rows (the first one the header) as CSV bytes, every field through csvField. */
export function csvBytes(rows: readonly (readonly SheetCell[])[], options: CsvOptions = {}): Uint8Array {
  const eol = options.eol ?? '\r\n';
  const text = rows.map((r) => r.map(csvField).join(',')).join(eol) + eol;
  return new TextEncoder().encode(options.bom === false ? text : `\uFEFF${text}`);
}

/**
 * exceljs, loaded with the first workbook written: the command line's import and most commands
 * never write one, and loading it is about a tenth of a second of their start.
 */
let excel: typeof ExcelJS | undefined;
const exceljs = (): typeof ExcelJS => {
  excel ??= require('exceljs') as typeof ExcelJS;
  return excel;
};

/** A new workbook credited to the app. */
export function newWorkbook(created?: Date): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = 'KPI Dashboard';
  if (created && !Number.isNaN(created.getTime())) wb.created = created;
  return wb;
}

/** Defuses one cell in place; refuses a formula (the app writes values only). */
function neutraliseCell(cell: ExcelJS.Cell): void {
  const v = cell.value;
  if (typeof v === 'string') {
    if (FORMULA_START.test(v)) cell.value = neutraliseXlsx(v);
    return;
  }
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v || 'sharedFormula' in v) throw new Error(`an export may not write a formula (${cell.address})`);
    if ('richText' in v && v.richText.length > 0 && FORMULA_START.test(v.richText[0].text)) {
      cell.value = {
        richText: [{ ...v.richText[0], text: neutraliseXlsx(v.richText[0].text) }, ...v.richText.slice(1)],
      };
    }
    if ('hyperlink' in v && typeof v.text === 'string' && FORMULA_START.test(v.text)) {
      cell.value = { ...v, text: neutraliseXlsx(v.text) };
    }
  }
}

/** The workbook as xlsx bytes, after every cell of every sheet went through the same rule as CSV. */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, neutraliseCell);
    });
  });
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/**
 * Date formats Excel shows in the reader's own locale: 14 and 22 are built-in formats, written
 * by id, that a spreadsheet displays as the system's short date (and time), e.g. 03/12/2026 in
 * the UK, 12/3/2026 in the US. A month is a date cell (its 1st) shown as "Sep 2025".
 */
export const DATE_FMT = 'mm-dd-yy';
export const DATE_TIME_FMT = 'm/d/yy "h":mm';
export const MONTH_FMT = 'mmm yyyy';

/**
 * A stored time (ISO, UTC) as a date cell showing this computer's local time, as the app shows
 * it (a workbook's dates have no time zone); a bare day "2026-12-03" is that day. Null stays empty.
 */
export function dateCell(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

/** A month "2025-09" as a date cell (its 1st, shown with MONTH_FMT); null stays empty. */
export function monthCell(ym: string | null | undefined): Date | null {
  const m = ym ? /^(\d{4})-(\d{2})$/.exec(ym) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

export interface SheetColumn {
  header: string;
  /** In characters. */
  width: number;
  numFmt?: string;
  /** Wrapped, top-aligned text (long sentences). */
  wrap?: boolean;
}

/**
 * A sheet people can forward: a title row in words (row 1, across the columns), the column
 * headers under it (bold, kept in view, with filters), then the rows; every column's width and
 * number or date format set.
 */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  table: { title: string; columns: SheetColumn[]; rows: readonly (readonly SheetCell[])[] },
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  const n = table.columns.length;
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
  });
  ws.getCell(1, 1).value = table.title;
  ws.getRow(1).font = { bold: true, size: 13 };
  if (n > 1) ws.mergeCells(1, 1, 1, n);
  const header = ws.getRow(2);
  table.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
  });
  header.font = { bold: true };
  for (const r of table.rows) {
    const row = ws.addRow(r.map((v) => (v === undefined ? null : v)));
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.wrap) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: n } };
  return ws;
}
