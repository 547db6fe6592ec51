/**
 * CSV files: one sheet, every cell text (or empty). Quotes, embedded separators and newlines,
 * comma / semicolon / tab separator detected from the content, UTF-8 with or without BOM
 * (UTF-16 with a BOM and Windows-1252 are read too).
 */
import type { Cell, RawSheet } from '../../../shared/import/types';
import { pointDecimal, writesDecimalComma } from './csv-numbers';
import { MAX_CELLS, MAX_ROWS, refuse } from './safety';

export type Separator = ',' | ';' | '\t';

const EMPTY: Cell = Object.freeze({ t: 'empty' }) as Cell;

/** Bytes to text: strips a byte-order mark; falls back to Windows-1252 when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Windows-1252 code points of the bytes 0x80-0x9F (the rest is Latin-1). Node's decoder maps them as Latin-1. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return out;
}

/**
 * Parses CSV text into rows of fields (RFC 4180 quoting; CRLF, LF or CR line ends). With `onRow`
 * each row is handed over as it is parsed instead of being collected.
 */
export function parseCsv(
  text: string,
  sep: Separator,
  maxRows = Number.POSITIVE_INFINITY,
  onRow?: (fields: string[]) => void,
): string[][] {
  const rows: string[][] = [];
  let count = 0;
  const push = (r: string[]) => {
    count++;
    if (onRow) onRow(r);
    else rows.push(r);
  };
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let fieldStart = true;
  const sepCode = sep.charCodeAt(0);
  while (i < n && count < maxRows) {
    const ch = text[i];
    if (fieldStart && ch === '"') {
      // A quoted field: up to the closing quote; "" is a quote.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fieldStart = false;
      continue;
    }
    if (ch === sep) {
      row.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(field);
      push(row);
      row = [];
      field = '';
      fieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    // An unquoted field: up to the next separator or line end (a quote inside it is literal).
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === sepCode || c === 10 || c === 13) break;
      j++;
    }
    field += text.slice(i, j);
    fieldStart = false;
    i = j;
  }
  if (count < maxRows && (field !== '' || row.length > 0)) {
    row.push(field);
    push(row);
  }
  return rows;
}

/**
 * The separator that splits the first lines most consistently into more than one field (the
 * header line decides most). Comma wins ties.
 */
export function detectSeparator(text: string): Separator {
  const sample = text.slice(0, 64 * 1024);
  let best: { sep: Separator; score: number; fields: number } = { sep: ',', score: -1, fields: 0 };
  for (const sep of [',', ';', '\t'] as Separator[]) {
    const lines = parseCsv(sample, sep, 40)
      .filter((r) => r.some((f) => f.trim() !== ''))
      .slice(0, 20);
    if (lines.length === 0) continue;
    const counts = new Map<number, number>();
    for (const l of lines) counts.set(l.length, (counts.get(l.length) ?? 0) + 1);
    let modal = 1;
    let modalCount = 0;
    for (const [fields, c] of counts) {
      if (c > modalCount || (c === modalCount && fields > modal)) {
        modal = fields;
        modalCount = c;
      }
    }
    if (modal < 2) continue;
    // The header line counts double: the separator is "detected from the header line".
    const header = lines.find((l) => l.length > 1) ?? lines[0];
    const score = modalCount + (header.length === modal ? 2 : 0);
    if (score > best.score || (score === best.score && modal > best.fields)) best = { sep, score, fields: modal };
  }
  return best.sep;
}

/** The sheet name of a CSV file: its file name without folder and extension. */
export function sheetNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]+$/, '');
  return stem.trim() || base;
}

/**
 * Whether CSV text holds more than `maxRows` rows or `maxCells` fields, counted as parseCsv splits
 * them, in one pass that allocates nothing: a file over the limits is refused before a cell is made.
 */
export function csvOverLimits(text: string, sep: Separator, maxRows = MAX_ROWS, maxCells = MAX_CELLS): boolean {
  const sepCode = sep.charCodeAt(0);
  const n = text.length;
  let rows = 0;
  let fields = 0;
  let fieldStart = true;
  let rowOpen = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (fieldStart && c === 34 /* " */) {
      let q = i + 1;
      for (;;) {
        q = text.indexOf('"', q);
        if (q < 0) {
          q = n;
          break;
        }
        if (text.charCodeAt(q + 1) !== 34) break;
        q += 2;
      }
      // An empty quoted field at the very end adds no row (as in parseCsv).
      if (q > i + 1) rowOpen = true;
      i = q + 1;
      fieldStart = false;
    } else if (c === sepCode) {
      fields++;
      fieldStart = true;
      rowOpen = true;
      i++;
    } else if (c === 10 || c === 13) {
      fields++;
      rows++;
      if (rows > maxRows || fields > maxCells) return true;
      fieldStart = true;
      rowOpen = false;
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      fieldStart = false;
      rowOpen = true;
      i++;
    }
  }
  if (rowOpen) {
    fields++;
    rows++;
  }
  return rows > maxRows || fields > maxCells;
}

/**
 * A CSV file as a raw sheet: every non-empty field a text cell, each row turned into cells as it
 * is parsed. The workbook's cell and row limits hold: a file over them is refused as soon as the
 * parse passes them, before the rest is read. A file that writes its numbers with a decimal comma
 * (judged on its first 64 KB, see csv-numbers.ts) has them read in the point convention.
 */
export function csvToSheet(bytes: Uint8Array, fileName: string): RawSheet {
  const text = decodeText(bytes);
  const sep = detectSeparator(text);
  if (csvOverLimits(text, sep)) throw refuse('too-many-cells');
  const decimalComma = writesDecimalComma(parseCsv(text.slice(0, 64 * 1024), sep, 2000));
  const rows: Cell[][] = [];
  let cells = 0;
  parseCsv(text, sep, Number.POSITIVE_INFINITY, (fields) => {
    cells += fields.length;
    if (rows.length >= MAX_ROWS || cells > MAX_CELLS) throw refuse('too-many-cells');
    const row = fields.map((f): Cell => {
      if (f === '') return EMPTY;
      const point = decimalComma ? pointDecimal(f) : f;
      return point === f ? { t: 'text', v: f } : { t: 'text', v: f, point };
    });
    while (row.length > 0 && row[row.length - 1].t === 'empty') row.pop();
    rows.push(row);
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return { name: sheetNameFromFile(fileName), hidden: false, rows, merges: [] };
}
