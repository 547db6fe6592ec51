/**
 * One worksheet's XML read into a raw sheet: cells typed as exceljs types them (shared strings,
 * numbers, dates by their number format, percents, booleans, errors, inline strings, formulas'
 * cached results), row and column numbers as Excel has them, merged ranges.
 */
import type { Cell, MergedRange, RawSheet } from '../../../shared/import/types';
import { isPercentFormat } from './percent';
import { type CellParts, readCell } from './sheet-cell';
import { attr, attrs, decodeEntities, scanXml, type XmlHandler } from './xml';

const EMPTY: Cell = Object.freeze({ t: 'empty' }) as Cell;
const DAY_MS = 86_400_000;

/** A date format: a date/time letter outside quotes and brackets (as exceljs decides). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  let inQuote = false;
  let inBracket = false;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (inQuote) {
      if (c === '"') inQuote = false;
    } else if (inBracket) {
      if (c === ']') inBracket = false;
    } else if (c === '"') inQuote = true;
    else if (c === '[') inBracket = fmt.indexOf(']', i) > 0;
    else if ('ymdhMsb'.includes(c)) return true;
  }
  return false;
}

/** "2025-01-01T00:00:00" (the text of a type "d" cell) as a date cell, else as text. */
export function isoDateCell(text: string): Cell {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return { t: 'date', year, month, day };
  }
  return t === '' ? EMPTY : { t: 'text', v: t };
}

/** An Excel serial day as a date cell (the 1900 system's day 0 is 1899-12-30, as exceljs counts). */
export function serialDate(serial: number, date1904: boolean): Cell {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return EMPTY;
  const d = new Date(ms);
  return { t: 'date', year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export type SheetContext = {
  shared: string[];
  formats: Array<string | undefined>;
  date1904: boolean;
  /** One frozen text cell per shared string, made when first met: the many cells repeating a name share it. */
  sharedCells?: Cell[];
  /** Each style's kind of number (see styleKind), found when first met. */
  styleKinds?: number[];
};

const PLAIN_STYLE = 0;
const PERCENT_STYLE = 1;
const DATE_STYLE = 2;

/** Whether a style's number format makes a number a date, a percent or neither (each format read once). */
function styleKind(ctx: SheetContext, style: number): number {
  const fmt = ctx.formats[style];
  if (fmt === undefined) return PLAIN_STYLE;
  if (!ctx.styleKinds) ctx.styleKinds = [];
  let kind = ctx.styleKinds[style];
  if (kind === undefined) {
    kind = isDateFormat(fmt) ? DATE_STYLE : isPercentFormat(fmt) ? PERCENT_STYLE : PLAIN_STYLE;
    ctx.styleKinds[style] = kind;
  }
  return kind;
}

function sharedCell(ctx: SheetContext, v: string | number): Cell {
  const i = Number(v);
  if (!ctx.sharedCells) ctx.sharedCells = [];
  const cells = ctx.sharedCells;
  let cell = cells[i];
  if (cell === undefined) {
    const s = ctx.shared[i] ?? '';
    cell = s === '' ? EMPTY : (Object.freeze({ t: 'text', v: s }) as Cell);
    if (Number.isInteger(i) && i >= 0 && i < ctx.shared.length) cells[i] = cell;
  }
  return cell;
}

/** Column number of an A1 reference's letters (1-based), or 0. */
function refColumn(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c === 36 /* $ */ - 0) continue;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}
function refRow(ref: string): number {
  let i = 0;
  while (i < ref.length && !(ref.charCodeAt(i) >= 48 && ref.charCodeAt(i) <= 57)) i++;
  const n = Number(ref.slice(i));
  return Number.isInteger(n) ? n : 0;
}

/** A merged range "A1:C2" (or a single cell "B4"), or null when it is not one. */
function mergedRange(ref: string): MergedRange | null {
  const [a, b] = ref.split(':');
  const left = refColumn(a ?? '');
  const top = refRow(a ?? '');
  const right = b ? refColumn(b) : left;
  const bottom = b ? refRow(b) : top;
  return left && top && right && bottom ? { top, left, bottom, right } : null;
}

function cellValue(
  type: string,
  style: number,
  v: string | null,
  inline: string | null,
  formula: string | null,
  ctx: SheetContext,
): Cell {
  if (type === 'inlineStr') {
    const s = inline ?? v ?? '';
    return s === '' ? EMPTY : { t: 'text', v: s };
  }
  if (v === null) return formula !== null ? { t: 'formula-no-result', formula } : EMPTY;
  switch (type) {
    case 's':
      return sharedCell(ctx, v);
    case 'str':
      return v === '' ? EMPTY : { t: 'text', v };
    case 'b':
      return { t: 'bool', v: v.trim() === '1' || v.trim() === 'true' };
    case 'e':
      return { t: 'error', v: v.trim() };
    case 'd':
      return isoDateCell(v);
    default: {
      if (v.trim() === '') return formula !== null ? { t: 'formula-no-result', formula } : EMPTY;
      const n = Number(v);
      if (!Number.isFinite(n)) return { t: 'text', v };
      return numericCell(style, n, ctx);
    }
  }
}

/** A number in a cell of the given style: a date, a percent or a plain number. */
function numericCell(style: number, n: number, ctx: SheetContext): Cell {
  const kind = styleKind(ctx, style);
  if (kind === DATE_STYLE) return serialDate(n, ctx.date1904);
  return { t: 'number', v: n, percent: kind === PERCENT_STYLE };
}

/** A number or shared-string cell whose value was read as a number: what cellValue gives for its text. */
function numberCell(type: string, style: number, n: number, ctx: SheetContext): Cell {
  return type === 's' ? sharedCell(ctx, n) : numericCell(style, n, ctx);
}

/** The attributes of a cell: its reference, type and style. */
const CELL_ATTRS = ['r', 't', 's'];

/**
 * A reader of one worksheet's XML: the handler to run over its text (whole, or fed as it is
 * inflated), then `sheet()` gives the raw sheet.
 */
export function sheetReader(
  name: string,
  hidden: boolean,
  ctx: SheetContext,
): { handler: XmlHandler; sheet: () => RawSheet } {
  const rows: Cell[][] = [];
  const merges: MergedRange[] = [];
  const cellAttrs: Array<string | undefined> = [];
  let rowNo = 0;
  let colNo = 0;
  let inData = false;
  let inCell = false;
  let cType = '';
  let cStyle = 0;
  let cRef = 0;
  let v: string | null = null;
  let f: string | null = null;
  let inline: string | null = null;
  let inV = false;
  let inF = false;
  let inT = false;
  let inPh = 0;
  const parts: CellParts = { col: 0, row: 0, type: 'n', style: 0, v: null, num: Number.NaN, f: null };
  /** A cell's place: its reference's column and row (0 when it has none: the next column, the same row). */
  const placeCell = (col: number, row: number) => {
    colNo = col > 0 ? col : colNo + 1;
    if (row > 0 && row !== rowNo) rowNo = row;
    if (rowNo === 0) rowNo = 1;
    cRef = colNo;
  };
  const storeCell = (cell: Cell) => {
    if (cell.t === 'empty' || rowNo > 1_048_576 || cRef > 16_384) return;
    const cells = rows[rowNo - 1] ?? [];
    rows[rowNo - 1] = cells;
    cells[cRef - 1] = cell;
  };
  // Most cells are read whole by readCell (./sheet-cell.ts); the events below read the others.
  const handler: XmlHandler = {
    open(tagName, tag, selfClosing) {
      if (tagName === 'sheetData') inData = !selfClosing;
      else if (!inData) {
        const merge = tagName === 'mergeCell' ? mergedRange(attr(tag, 'ref') ?? '') : null;
        if (merge) merges.push(merge);
      } else if (tagName === 'row') {
        const r = Number(attr(tag, 'r'));
        rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
        colNo = 0;
      } else if (tagName === 'c') {
        attrs(tag, CELL_ATTRS, cellAttrs);
        const [ref, t, s] = cellAttrs;
        placeCell(ref ? refColumn(ref) : 0, ref ? refRow(ref) : 0);
        cType = t ?? 'n';
        cStyle = Number(s ?? 0) || 0;
        v = null;
        f = null;
        inline = null;
        inCell = true;
      } else if (!inCell) return;
      else if (tagName === 'v') {
        inV = true;
        v = v ?? '';
      } else if (tagName === 'f') {
        inF = true;
        f = f ?? '';
      } else if (tagName === 'is') inline = inline ?? '';
      else if (tagName === 'rPh') inPh++;
      else if (tagName === 't') inT = true;
    },
    close(tagName) {
      if (tagName === 'sheetData') inData = false;
      else if (tagName === 'c' && inCell) {
        inCell = false;
        storeCell(cellValue(cType, cStyle, v, inline, f, ctx));
      } else if (tagName === 'v') inV = false;
      else if (tagName === 'f') inF = false;
      else if (tagName === 't') inT = false;
      else if (tagName === 'rPh') inPh = Math.max(0, inPh - 1);
    },
    text(raw, cdata) {
      if (!inCell) return;
      const s = cdata ? raw : decodeEntities(raw);
      if (inV) v += s;
      else if (inF) f += s;
      else if (inT && !inPh && inline !== null) inline += s;
    },
    element(xml, at) {
      if (!inData || inCell) return -1;
      const end = readCell(xml, at, parts);
      if (end < 0) return -1;
      placeCell(parts.col, parts.row);
      storeCell(
        Number.isNaN(parts.num)
          ? cellValue(parts.type, parts.style, parts.v, null, parts.f, ctx)
          : numberCell(parts.type, parts.style, parts.num, ctx),
      );
      return end;
    },
  };
  return { handler, sheet: () => ({ name, hidden, rows: densify(rows), merges }) };
}

/** Reads one worksheet's whole XML into a raw sheet. */
export function readSheetXml(xml: string, name: string, hidden: boolean, ctx: SheetContext): RawSheet {
  const reader = sheetReader(name, hidden, ctx);
  scanXml(xml, reader.handler);
  return reader.sheet();
}

/** Fills holes with the empty cell and drops trailing empty rows. */
function densify(rows: Cell[][]): Cell[][] {
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    for (let j = 0; j < cells.length; j++) if (!cells[j]) cells[j] = EMPTY;
    rows[i] = cells;
  }
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}
