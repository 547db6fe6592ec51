/**
 * Reads a workbook or CSV file into a plain RawWorkbook (no exceljs objects), after the safety
 * checks of ./safety.ts. xlsx files are read by our own reader (./xlsx.ts); `cellFromExcel` maps
 * exceljs values (kept for callers that hold them).
 */
import type { Cell, RawSheet, RawWorkbook } from '../../../shared/import/types';
import { csvToSheet } from './csv';
import { isPercentFormat } from './percent';
import { checkFile, ImportRefusal, refuse } from './safety';
import { streamXlsx } from './xlsx';

export type { Cell, RawSheet, RawWorkbook } from '../../../shared/import/types';

const EMPTY: Cell = Object.freeze({ t: 'empty' }) as Cell;
const DAY_MS = 86_400_000;

export { isPercentFormat } from './percent';

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

/** What streamWorkbook yields first: the kind of file and its date system. */
export type WorkbookHead = { kind: RawWorkbook['kind']; date1904: boolean };

/**
 * Reads a workbook (.xlsx) or CSV file sheet by sheet, after the safety checks: first its head
 * (kind and date system), then each sheet as it is read, so that a caller holding one sheet at a
 * time never holds every cell of the workbook. Throws ImportRefusal when the file is refused by
 * the safety checks or cannot be read.
 */
export async function* streamWorkbook(
  bytes: Buffer | Uint8Array,
  fileName: string,
): AsyncGenerator<WorkbookHead | RawSheet, void, undefined> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const checked = await checkFile(buf, fileName);
  if (checked.kind === 'csv') {
    yield { kind: 'csv', date1904: false };
    yield csvToSheet(buf, fileName);
    return;
  }
  try {
    for await (const item of streamXlsx(buf, checked.zip)) {
      yield 'rows' in item ? item : { kind: 'xlsx', date1904: item.date1904 };
    }
  } catch (e) {
    if (e instanceof ImportRefusal) throw e;
    throw refuse('unreadable');
  }
}

export const isWorkbookHead = (item: WorkbookHead | RawSheet): item is WorkbookHead => !('rows' in item);

/**
 * Reads a whole workbook (.xlsx) or CSV file. Throws ImportRefusal when the file is refused by the
 * safety checks or cannot be read.
 */
export async function readWorkbook(bytes: Buffer | Uint8Array, fileName: string): Promise<RawWorkbook> {
  const wb: RawWorkbook = { kind: 'xlsx', date1904: false, sheets: [] };
  for await (const item of streamWorkbook(bytes, fileName)) {
    if (isWorkbookHead(item)) Object.assign(wb, item);
    else wb.sheets.push(item);
  }
  return wb;
}

/**
 * The cells of the first visible sheet of a file (a reference-range list): the sheets after it are
 * never read.
 */
export async function readFirstSheet(bytes: Buffer | Uint8Array, fileName: string): Promise<Cell[][]> {
  let first: RawSheet | null = null;
  for await (const item of streamWorkbook(bytes, fileName)) {
    if (isWorkbookHead(item) || item.chart) continue;
    first ??= item;
    if (!item.hidden) return item.rows;
  }
  return first?.rows ?? [];
}
