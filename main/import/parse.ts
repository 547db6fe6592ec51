import {
  checkDuplicates,
  type InterpretedWorkbook,
  type InterpretOptions,
  type Issue,
  interpretWorkbook,
  kpiColumnOf,
  NO_ACCOUNT_COLUMN_WARNING,
  NO_KPI_SHEET_MESSAGE,
  noAccountColumnWarnings,
  workbookTotals,
} from '../../shared/import/interpret';
import { ImportRefusal, isImportRefusal } from '../../shared/import/refusal';
import type { RawSheet, RawWorkbook } from '../../shared/import/types';
import { normalizeName } from '../../shared/names';

import { isWorkbookHead, streamWorkbook, type WorkbookHead } from './workbook/read';

/**
 * Turning a file into interpreted rows, the slow part of an import. In the app it runs in a worker
 * thread (the main process keeps answering the window while a large workbook is read) and can be
 * cancelled; the command line reads in-process. Both run the same two functions, readWorkbook and
 * interpretWorkbook.
 */
export type ParsePhase = 'reading' | 'checking';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
  hash: string;
  options: InterpretOptions;
  /**
   * The caller takes the interpretation for itself (a commit: the store empties its rows as it
   * writes them), so it is not kept for another call.
   */
  take?: boolean;
}

/** An interpretation and how long reading and interpreting took. */
export type ParsedWorkbook = InterpretedWorkbook & { readMs?: number; interpretMs?: number };

/**
 * The interpretation a preview read, kept for its commit, so that the workbook is read once (the
 * same file with other options is read again: reading is fast, holding every cell is not). Each
 * parser keeps one: the in-process reading (the command line) and the app's import thread.
 */
export class LastWorkbook {
  private last: { key: string; wb: ParsedWorkbook } | null = null;
  private static key(req: ParseRequest) {
    return `${req.hash}\u0000${JSON.stringify(req.options)}`;
  }
  /**
   * The interpretation of `req`: the one kept, if it is this one (given up when the caller takes
   * it), else what `read` makes of the file, kept unless the caller takes it. The file kept before
   * is let go before another is read.
   */
  async of(req: ParseRequest, read: () => Promise<ParsedWorkbook>): Promise<ParsedWorkbook> {
    const key = LastWorkbook.key(req);
    const last = this.last;
    if (last?.key === key) {
      if (req.take) this.last = null;
      return { ...last.wb, readMs: 0, interpretMs: 0 };
    }
    this.last = null;
    const wb = await read();
    if (!req.take) this.last = { key, wb };
    return wb;
  }
  forget(): void {
    this.last = null;
  }
}

const inProcess = new LastWorkbook();

/**
 * One sheet interpreted on its own (its duplicate KPI rows kept, found across sheets by
 * mergeParts); a sheet that is not a KPI sheet comes back as skipped.
 */
function interpretOne(kind: RawWorkbook['kind'], date1904: boolean, sheet: RawSheet, options: InterpretOptions) {
  try {
    return interpretWorkbook({ kind, date1904, sheets: [sheet] }, { ...options, deferDuplicates: true });
  } catch (e) {
    if (!isImportRefusal(e) || e.code !== 'no-kpi-sheet') throw e;
    return { ...emptyPart(kind, date1904), skipped: e.details?.skipped ?? [] };
  }
}

/** A workbook part with nothing in it: a sheet that is not a KPI sheet, or a file none of whose sheets is. */
export const emptyPart = (kind: RawWorkbook['kind'], date1904: boolean): ParsedWorkbook => ({
  kind,
  date1904,
  sheets: [],
  skipped: [],
  issues: [],
  months: [],
  accounts: [],
  titleText: [],
});

/**
 * Reads and interprets a file in this process (the command line), sheet by sheet (readParts),
 * and puts the sheets together as one interpretation of the whole workbook (mergeParts).
 */
export async function parseInProcess(req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<ParsedWorkbook> {
  // Read before (a preview, then its commit): nothing is read or interpreted this time.
  return inProcess.of(req, () => readAndInterpret(req, onPhase));
}

/** Reads and interprets a file sheet by sheet and puts the sheets together (parseInProcess without its cache). */
async function readAndInterpret(req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<ParsedWorkbook> {
  const parts: ParsedWorkbook[] = [];
  const end = await readParts(req, (part) => parts.push(part), onPhase);
  return assemble(parts, end, req.options);
}

/** What reading a file sheet by sheet ends with: the workbook's head, its sheet order, the time taken. */
export type PartsEnd = WorkbookHead & { sheetOrder: string[]; readMs: number; interpretMs: number };

/**
 * Reads a file sheet by sheet and hands each sheet's interpretation to `onPart` as soon as it is
 * made (the import thread sends it to the main process while it reads the next): each sheet's
 * cells are dropped once it is interpreted, so only one sheet's cells are held at a time.
 */
export async function readParts(
  req: ParseRequest,
  onPart: (part: ParsedWorkbook) => void,
  onPhase?: (p: ParsePhase) => void,
): Promise<PartsEnd> {
  onPhase?.('reading');
  const t0 = performance.now();
  let interpretMs = 0;
  let head: WorkbookHead = { kind: 'xlsx', date1904: false };
  const sheetOrder: string[] = [];
  for await (const item of streamWorkbook(req.bytes, req.fileName)) {
    if (isWorkbookHead(item)) {
      head = item;
      continue;
    }
    sheetOrder.push(item.name);
    const t = performance.now();
    const part = interpretOne(head.kind, head.date1904, item, req.options);
    interpretMs += performance.now() - t;
    onPart(part);
  }
  onPhase?.('checking');
  return { ...head, sheetOrder, readMs: performance.now() - t0 - interpretMs, interpretMs };
}

/** The sheets' interpretations put together as the whole workbook's (mergeParts), with the time taken. */
export function assemble(parts: ParsedWorkbook[], end: PartsEnd, options: InterpretOptions): ParsedWorkbook {
  const t = performance.now();
  const wb = mergeParts(parts, end.sheetOrder, options, end);
  wb.readMs = end.readMs;
  wb.interpretMs = end.interpretMs + performance.now() - t;
  return wb;
}

/**
 * The workbook's sheets, each interpreted on its own, as one interpretation of the whole, exactly
 * as interpreting all sheets at once gives it. The parts keep their duplicate KPI rows
 * (deferDuplicates): they are found here, across all sheets, and reported where that reading
 * reports them.
 */
function mergeParts(
  parts: ParsedWorkbook[],
  order: string[],
  options: InterpretOptions,
  how: { kind: RawWorkbook['kind']; date1904: boolean },
): ParsedWorkbook {
  const at = (sheet: string) => {
    const i = order.indexOf(sheet);
    return i < 0 ? order.length : i;
  };
  const sheets = parts.flatMap((p) => p.sheets.map((s) => ({ ...s })));
  const totals = workbookTotals(sheets);
  const duplicates: Issue[] = [];
  // Each part spelled an account as it first met it; the workbook's first spelling counts.
  const spelling = new Map(totals.accounts.map((n) => [normalizeName(n), n]));
  const seen = new Map<string, { sheet: string; row: number }>();
  for (const s of sheets) {
    for (const r of s.rows) if (r.account) r.account = spelling.get(normalizeName(r.account)) ?? r.account;
    s.rows = checkDuplicates(s.rows, kpiColumnOf(s.mapping), seen, (i) => duplicates.push(i));
  }
  // A duplicate row is reported before its values are read: its value warnings go.
  const dropped = new Set(duplicates.map((i) => `${i.sheet}\u0000${i.row}`));
  const issues = parts
    .flatMap((p) => p.issues)
    .filter((i) => i.message !== NO_ACCOUNT_COLUMN_WARNING && !dropped.has(`${i.sheet}\u0000${i.row}`))
    .concat(duplicates)
    // Within a sheet the reading goes row by row (the header row's warnings first).
    .sort((x, y) => at(x.sheet) - at(y.sheet) || (x.row ?? 0) - (y.row ?? 0));
  const merged: ParsedWorkbook = {
    kind: how.kind,
    date1904: how.date1904,
    sheets,
    skipped: parts.flatMap((p) => p.skipped),
    issues: [...issues, ...noAccountColumnWarnings(sheets, options)],
    ...totals,
  };
  if (!merged.sheets.length) throw new ImportRefusal('no-kpi-sheet', NO_KPI_SHEET_MESSAGE, { skipped: merged.skipped });
  return merged;
}

/**
 * The month values of every row packed into one Float64Array per sheet for the trip out of the
 * worker: hundreds of thousands of small { year, month, value } objects are the costliest part of
 * a structured clone, a typed array is copied in one go. unpackMonths restores them.
 */
export type PackedWorkbook = ParsedWorkbook & { packed?: Array<{ counts: Uint16Array; values: Float64Array }> };

export function packMonths(wb: ParsedWorkbook): PackedWorkbook {
  const packed = wb.sheets.map((s) => {
    const counts = new Uint16Array(s.rows.length);
    let n = 0;
    for (const r of s.rows) n += r.months.length;
    const values = new Float64Array(n * 3);
    let at = 0;
    s.rows.forEach((r, i) => {
      counts[i] = r.months.length;
      for (const m of r.months) {
        values[at++] = m.year;
        values[at++] = m.month;
        values[at++] = m.value;
      }
    });
    return { counts, values };
  });
  return { ...wb, sheets: wb.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, months: [] })) })), packed };
}

export function unpackMonths(wb: PackedWorkbook): ParsedWorkbook {
  const { packed, ...rest } = wb;
  if (!packed) return wb;
  rest.sheets.forEach((s, i) => {
    const { counts, values } = packed[i];
    let at = 0;
    s.rows.forEach((r, j) => {
      const months = new Array(counts[j]);
      for (let k = 0; k < counts[j]; k++) {
        months[k] = { year: values[at], month: values[at + 1], value: values[at + 2] };
        at += 3;
      }
      r.months = months;
    });
  });
  return rest;
}
