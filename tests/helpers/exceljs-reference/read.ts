/**
 * The reference reader for the differential test: the importer's former exceljs path (package
 * rewriting + exceljs's full loader), kept only in the tests.
 */
import ExcelJS from 'exceljs';
import { csvToSheet } from '../../../main/import/workbook/csv';
import { isPercentFormat } from '../../../main/import/workbook/percent';
import { checkFile, ImportRefusal, refuse } from '../../../main/import/workbook/safety';
import type { Cell, MergedRange, RawSheet, RawWorkbook } from '../../../shared/import/types';
import { preparePackage } from './package';

export type { Cell, RawSheet, RawWorkbook } from '../../../shared/import/types';

const EMPTY: Cell = Object.freeze({ t: 'empty' }) as Cell;
const DAY_MS = 86_400_000;
/** Days between the 1900 and 1904 date systems' day zero. */
const DAYS_1904 = 1462;

function richTextToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    return (v as { richText: Array<{ text?: string }> }).richText.map((r) => r.text ?? '').join('');
  }
  return v == null ? '' : String(v);
}

function dateCell(d: Date, dayShift: number): Cell {
  const t = d.getTime() + dayShift * DAY_MS;
  if (!Number.isFinite(t)) return EMPTY;
  const x = new Date(t);
  return { t: 'date', year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
}

/**
 * One exceljs cell value as a Cell. `dayShift` corrects dates of 1904-system files that exceljs
 * read as 1900-system (it only recognises date1904="1", not "true").
 */
export function cellFromExcel(value: unknown, numFmt: string | undefined, dayShift = 0, formulaText?: string): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return { t: 'number', v: value, percent: isPercentFormat(numFmt) };
  if (typeof value === 'string') return value === '' ? EMPTY : { t: 'text', v: value };
  if (typeof value === 'boolean') return { t: 'bool', v: value };
  if (value instanceof Date) return dateCell(value, dayShift);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const formula = formulaText ?? String(o.formula ?? o.sharedFormula ?? '');
      if (o.result === undefined || o.result === null) return { t: 'formula-no-result', formula };
      return cellFromExcel(o.result, numFmt, dayShift);
    }
    if (typeof o.error === 'string') return { t: 'error', v: o.error };
    if ('richText' in o) {
      const text = richTextToString(o);
      return text === '' ? EMPTY : { t: 'text', v: text };
    }
    if ('hyperlink' in o || 'text' in o) {
      const text = richTextToString(o.text);
      return text === '' ? EMPTY : { t: 'text', v: text };
    }
  }
  return { t: 'text', v: String(value) };
}

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function sheetMerges(ws: ExcelJS.Worksheet): MergedRange[] {
  const out: MergedRange[] = [];
  // exceljs keeps merges in a private map of Range objects; reading their model is cheap,
  // unlike ws.model (which serialises the whole sheet).
  const merges = (ws as unknown as { _merges?: Record<string, { model?: MergedRange; range?: string }> })._merges;
  for (const m of Object.values(merges ?? {})) {
    if (m?.model && Number.isFinite(m.model.top)) {
      const { top, left, bottom, right } = m.model;
      out.push({ top, left, bottom, right });
    } else if (typeof m?.range === 'string') {
      const [a, b] = m.range.split(':');
      const p = parseRef(a);
      const q = parseRef(b ?? a);
      if (p && q) out.push({ top: p.row, left: p.col, bottom: q.row, right: q.col });
    }
  }
  return out;
}

function readSheet(ws: ExcelJS.Worksheet, dayShift: number, overrides?: Map<string, Cell>): RawSheet {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // only the master holds the value
      const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
      cells[colNumber - 1] = cellFromExcel(cell.value, cell.numFmt, dayShift, formula);
    });
    for (let i = 0; i < cells.length; i++) if (!cells[i]) cells[i] = EMPTY;
    rows[rowNumber - 1] = cells;
  });
  for (const [ref, cell] of overrides ?? []) {
    const at = parseRef(ref);
    if (!at) continue;
    const cells = rows[at.row - 1] ?? [];
    rows[at.row - 1] = cells;
    cells[at.col - 1] = cell;
    for (let i = 0; i < cells.length; i++) if (!cells[i]) cells[i] = EMPTY;
  }
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    while (cells.length > 0 && cells[cells.length - 1].t === 'empty') cells.pop();
    rows[i] = cells;
  }
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return { name: ws.name, hidden: ws.state !== 'visible' && ws.state !== undefined, rows, merges: sheetMerges(ws) };
}

/**
 * Reads a workbook (.xlsx) or CSV file. Throws ImportRefusal when the file is refused by the
 * safety checks or cannot be read.
 */
export async function readWorkbookWithExceljs(bytes: Buffer | Uint8Array, fileName: string): Promise<RawWorkbook> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const checked = await checkFile(buf, fileName);
  if (checked.kind === 'csv') return { kind: 'csv', date1904: false, sheets: [csvToSheet(buf, fileName)] };

  const wb = new ExcelJS.Workbook();
  let pkg: Awaited<ReturnType<typeof preparePackage>>;
  try {
    pkg = await preparePackage(buf, checked.zip, checked.sheets);
    // exceljs's typings predate Node's generic Buffer.
    await wb.xlsx.load(pkg.bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    if (e instanceof ImportRefusal) throw e;
    throw refuse('unreadable');
  }
  const exceljs1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  const dayShift = pkg.date1904 && !exceljs1904 ? DAYS_1904 : 0;
  try {
    const read = new Map(wb.worksheets.map((ws) => [ws.name, readSheet(ws, dayShift, pkg.overrides.get(ws.name))]));
    // In workbook order, chart sheets included (they hold no cells: listed, then skipped).
    const sheets: RawSheet[] = [];
    for (const s of pkg.sheets) {
      if (s.kind === 'chartsheet') sheets.push({ name: s.name, hidden: s.hidden, rows: [], merges: [], chart: true });
      const sheet = read.get(s.name);
      if (s.kind === 'worksheet' && sheet) {
        sheets.push(sheet);
        read.delete(s.name);
      }
    }
    sheets.push(...read.values());
    return { kind: 'xlsx', date1904: pkg.date1904, sheets };
  } catch {
    throw refuse('unreadable');
  }
}
