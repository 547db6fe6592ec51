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
import { checkFile } from './workbook/safety';
import { balance, withOnlySheets, worksheetParts } from './workbook/split';

/**
 * Turning a file into interpreted rows, the slow part of an import. In the app it runs in worker
 * threads (the main process keeps answering the window while a large workbook is read) and can be
 * cancelled; the command line reads in-process. Both run the same two functions, readWorkbook and
 * interpretWorkbook.
 */
export type ParsePhase = 'reading' | 'checking';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
  hash: string;
  options: InterpretOptions;
  /** One of the halves of a split workbook: its emptied sheets are not a refusal. */
  partial?: boolean;
}

/** An interpretation with the sheet order of the file and how long reading and interpreting took. */
export type ParsedWorkbook = InterpretedWorkbook & { sheetOrder?: string[]; readMs?: number; interpretMs?: number };

/**
 * In-process parse, with a one-file cache of its result so that preview and commit read the
 * workbook once (the same file with other options is read again: reading is fast, holding every
 * cell is not).
 */
let lastParsed: { key: string; wb: ParsedWorkbook } | null = null;
export function forgetLastWorkbook(): void {
  lastParsed = null;
}
const cacheKey = (req: ParseRequest) => `${req.hash}\u0000${req.partial ? 1 : 0}\u0000${JSON.stringify(req.options)}`;

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

const emptyPart = (kind: RawWorkbook['kind'], date1904: boolean): ParsedWorkbook => ({
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
 * Reads and interprets a file sheet by sheet: each sheet's cells are dropped once it is
 * interpreted, so only one sheet's cells are held at a time. The parts are then put together as
 * one interpretation of the whole workbook (mergeParts).
 */
export async function parseInProcess(req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<ParsedWorkbook> {
  const key = cacheKey(req);
  // Read before (a preview, then its commit): nothing is read or interpreted this time.
  if (lastParsed?.key === key) return { ...lastParsed.wb, readMs: 0, interpretMs: 0 };
  lastParsed = null;
  onPhase?.('reading');
  const t0 = performance.now();
  let interpretMs = 0;
  let head: WorkbookHead = { kind: 'xlsx', date1904: false };
  const parts: ParsedWorkbook[] = [];
  const sheetOrder: string[] = [];
  for await (const item of streamWorkbook(req.bytes, req.fileName)) {
    if (isWorkbookHead(item)) {
      head = item;
      continue;
    }
    sheetOrder.push(item.name);
    const t = performance.now();
    parts.push(interpretOne(head.kind, head.date1904, item, req.options));
    interpretMs += performance.now() - t;
  }
  onPhase?.('checking');
  const t1 = performance.now();
  const wb = mergeParts(parts, sheetOrder, req.options, { partial: req.partial, ...head });
  wb.readMs = t1 - t0 - interpretMs;
  wb.interpretMs = interpretMs + performance.now() - t1;
  lastParsed = { key, wb };
  return wb;
}

/**
 * The two halves' interpretations as one, exactly as the single-threaded reading gives it, in the
 * workbook's sheet order. A sheet interpreted by one half (the other saw it empty) is taken from
 * that half.
 */
export function mergeHalves(a: ParsedWorkbook, b: ParsedWorkbook, options: InterpretOptions = {}): ParsedWorkbook {
  const merged = mergeParts([a, b], a.sheetOrder ?? [], options, a);
  const { sheetOrder: _, ...rest } = merged;
  return {
    ...rest,
    readMs: Math.max(a.readMs ?? 0, b.readMs ?? 0),
    interpretMs: Math.max(a.interpretMs ?? 0, b.interpretMs ?? 0),
  };
}

/**
 * Interpretations of parts of a workbook (single sheets, or the halves read by two threads) as
 * one, exactly as the reading of the whole gives it, in the workbook's sheet order. The parts keep
 * their duplicate KPI rows (deferDuplicates): they are found here, across all sheets, and reported
 * where the single reading reports them. A part of a split workbook (`partial`) keeps them still,
 * and may hold no KPI sheet.
 */
export function mergeParts(
  parts: ParsedWorkbook[],
  order: string[],
  options: InterpretOptions,
  how: { partial?: boolean; kind: RawWorkbook['kind']; date1904: boolean },
): ParsedWorkbook {
  const at = (sheet: string) => {
    const i = order.indexOf(sheet);
    return i < 0 ? order.length : i;
  };
  const sheets = parts.flatMap((p) => p.sheets.map((s) => ({ ...s }))).sort((x, y) => at(x.name) - at(y.name));
  const interpreted = new Set(sheets.map((s) => s.name));
  const skipped = new Map<string, { sheet: string; reason: string }>();
  for (const s of parts.flatMap((p) => p.skipped)) {
    if (interpreted.has(s.sheet)) continue;
    const known = skipped.get(s.sheet);
    // An emptied half says "no header row"; the half that read the sheet may say more (hidden).
    if (!known || (known.reason !== s.reason && s.reason.startsWith('hidden'))) skipped.set(s.sheet, s);
  }
  const totals = workbookTotals(sheets);
  const duplicates: Issue[] = [];
  if (!how.partial) {
    // Each part spelled an account as it first met it; the workbook's first spelling counts.
    const spelling = new Map(totals.accounts.map((n) => [normalizeName(n), n]));
    const seen = new Map<string, { sheet: string; row: number }>();
    for (const s of sheets) {
      for (const r of s.rows) if (r.account) r.account = spelling.get(normalizeName(r.account)) ?? r.account;
      s.rows = checkDuplicates(s.rows, kpiColumnOf(s.mapping), seen, (i) => duplicates.push(i));
    }
  }
  // A duplicate row is reported before its values are read: its value warnings go.
  const dropped = new Set(duplicates.map((i) => `${i.sheet}\u0000${i.row}`));
  const issues = parts
    .flatMap((p) => p.issues)
    .filter((i) => i.message !== NO_ACCOUNT_COLUMN_WARNING && !dropped.has(`${i.sheet}\u0000${i.row}`))
    .concat(duplicates)
    // Within a sheet the single reading goes row by row (the header row's warnings first).
    .sort((x, y) => at(x.sheet) - at(y.sheet) || (x.row ?? 0) - (y.row ?? 0));
  const merged: ParsedWorkbook = {
    kind: how.kind,
    date1904: how.date1904,
    sheets,
    skipped: [...skipped.values()].sort((x, y) => at(x.sheet) - at(y.sheet)),
    issues: how.partial ? issues : [...issues, ...noAccountColumnWarnings(sheets, options)],
    ...totals,
    sheetOrder: order,
  };
  if (!merged.sheets.length && !how.partial)
    throw new ImportRefusal('no-kpi-sheet', NO_KPI_SHEET_MESSAGE, { skipped: merged.skipped });
  return merged;
}

/** Workbooks from this size up are read by two threads at once. */
export const SPLIT_FROM_BYTES = 512 * 1024;

/** The two halves of a large workbook, or null when it is small, a CSV, or has a single sheet. */
export async function splitRequest(
  req: ParseRequest,
  fromBytes = SPLIT_FROM_BYTES,
): Promise<[ParseRequest, ParseRequest] | null> {
  if (req.bytes.byteLength < fromBytes || /\.csv$/i.test(req.fileName)) return null;
  const buf = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
  // The whole file passes the safety checks before anything is rewritten (throws a refusal).
  if ((await checkFile(buf, req.fileName)).kind !== 'xlsx') return null;
  const parts = worksheetParts(buf);
  if (!parts || parts.length < 2) return null;
  const [one, two] = balance(parts);
  return [
    { ...req, bytes: withOnlySheets(buf, one), hash: `${req.hash}:1`, partial: true },
    { ...req, bytes: withOnlySheets(buf, two), hash: `${req.hash}:2`, partial: true },
  ];
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
