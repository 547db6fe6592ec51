import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
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
  if (lastParsed?.key === key) return lastParsed.wb;
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

/** What crosses the worker boundary for a failure. */
export interface WorkerFailure {
  refusal?: { code: string; message: string; details?: unknown };
  /** an unexpected failure, with the worker's stack for the log */
  message?: string;
  stack?: string;
}

export function toError(f: WorkerFailure): Error {
  if (f.refusal) return new ImportRefusal(f.refusal.code as never, f.refusal.message, f.refusal.details as never);
  const e = new Error(f.message ?? 'The file could not be read.');
  if (f.stack) e.stack = f.stack;
  return e;
}

function startWorker(): Worker {
  // The built worker beside the bundled main process (unpacked from the app's asar archive when
  // packaged: a worker thread loads its file from disk), or one named by the benchmark.
  const bundled =
    process.env.KPI_IMPORT_WORKER ??
    path.join(__dirname, 'import-worker.cjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  if (fs.existsSync(bundled)) return new Worker(bundled);
  // Running from the TypeScript sources (tsx, vitest, Playwright): compile the worker on the fly
  // with tsx's require hook.
  const source = path.join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
}

type Job = {
  jobId: string;
  resolve: (wb: ParsedWorkbook | null) => void;
  reject: (e: Error) => void;
  onPhase?: (p: ParsePhase) => void;
};

/** One worker thread and the jobs it runs; it keeps the last file it read. */
class ParseThread {
  private worker: Worker | null = null;
  private seq = 0;
  readonly jobs = new Map<number, Job>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker();
    w.on(
      'message',
      (m: { seq: number; phase?: ParsePhase; result?: PackedWorkbook; failure?: WorkerFailure; pong?: boolean }) => {
        const job = this.jobs.get(m.seq);
        if (!job) return;
        if (m.phase) {
          job.onPhase?.(m.phase);
          return;
        }
        this.jobs.delete(m.seq);
        if (m.pong) job.resolve(null);
        else if (m.result) job.resolve(unpackMonths(m.result));
        else job.reject(toError(m.failure ?? {}));
      },
    );
    w.on('error', (e) => {
      if (this.worker === w) this.failAll(e);
    });
    w.on('exit', () => {
      if (this.worker !== w) return;
      this.worker = null;
      this.failAll(
        new AppError(
          'internal',
          'The import stopped unexpectedly, perhaps because the file is too large for this computer, and nothing was saved; please try again.',
        ),
      );
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private failAll(e: Error) {
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }

  run(jobId: string, req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<ParsedWorkbook> {
    return this.send(jobId, { req }, onPhase) as Promise<ParsedWorkbook>;
  }

  /** Starts the thread if needed and resolves once it has loaded its code. */
  async ready(): Promise<void> {
    await this.send('warm-up', { ping: true });
  }

  private send(
    jobId: string,
    message: { req: ParseRequest } | { ping: true },
    onPhase?: (p: ParsePhase) => void,
  ): Promise<ParsedWorkbook | null> {
    const w = this.start();
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.jobs.set(seq, { jobId, resolve, reject, onPhase });
      w.postMessage({ seq, ...message });
    });
  }

  /** Lets the thread drop the workbook it keeps for a commit that follows a preview. */
  forget(): void {
    this.worker?.postMessage({ forget: true });
  }

  get running(): boolean {
    return this.worker !== null;
  }

  has(jobId: string): boolean {
    return [...this.jobs.values()].some((j) => j.jobId === jobId);
  }

  /** Terminates the thread; its jobs are rejected as cancelled, and the next job gets a new one. */
  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new AppError('cancelled', 'The import was cancelled.'));
    await w?.terminate();
  }
}

/**
 * Parses files in worker threads: a large workbook is read in two halves by two threads side by
 * side (see workbook/split.ts), anything else by one. Cancelling a job terminates its threads;
 * fresh ones start with the next job.
 */
export class WorkbookParser {
  private threads = [new ParseThread(), new ParseThread()];
  private active = new Map<string, { cancelled: boolean }>();
  private lastWasLarge = false;
  /** The halves of the last large workbook parsed, by the file's hash. */
  private lastSplit: { hash: string; halves: [ParseRequest, ParseRequest] } | null = null;
  private closed = false;

  async parse(jobId: string, req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<ParsedWorkbook> {
    const state = { cancelled: false };
    this.active.set(jobId, state);
    try {
      return await this.run(jobId, req, state, onPhase);
    } finally {
      if (this.active.get(jobId) === state) this.active.delete(jobId);
    }
  }

  private async run(
    jobId: string,
    req: ParseRequest,
    state: { cancelled: boolean },
    onPhase?: (p: ParsePhase) => void,
  ): Promise<ParsedWorkbook> {
    // The same file again (a preview after a mapping change, then its commit) is split once: the
    // threads still hold its halves as read, so neither is read again.
    const kept = this.lastSplit?.hash === req.hash ? this.lastSplit.halves : null;
    const halves: [ParseRequest, ParseRequest] | null = kept
      ? [
          { ...kept[0], options: req.options },
          { ...kept[1], options: req.options },
        ]
      : await splitRequest(req);
    this.lastSplit = halves ? { hash: req.hash, halves } : null;
    this.lastWasLarge = halves !== null;
    if (state.cancelled) throw new AppError('cancelled', 'The import was cancelled.');
    if (!halves) return this.threads[0].run(jobId, req, onPhase);
    let checking = 0;
    const [a, b] = await Promise.all(
      halves.map((half, i) =>
        this.threads[i].run(jobId, half, (p) => {
          if (p === 'reading' && i === 0) onPhase?.('reading');
          if (p === 'checking' && ++checking === 2) onPhase?.('checking');
        }),
      ),
    );
    return mergeHalves(a, b, req.options);
  }

  /** Stops a running parse; true when there was one. */
  cancel(jobId: string): boolean {
    const state = this.active.get(jobId);
    if (!state) return false;
    state.cancelled = true;
    for (const t of this.threads) if (t.has(jobId)) void t.stop();
    return true;
  }

  /**
   * Starts both threads ahead of the first file and resolves when they have loaded their code
   * (exceljs and the importer: about a second of a cold start that would otherwise fall on the
   * user's first import). A failure to start shows again, with its message, on the first parse.
   */
  async warm(): Promise<void> {
    if (this.closed) return;
    await Promise.all(this.threads.map((t) => t.ready())).catch(() => undefined);
  }

  /**
   * The file kept between a preview and its commit is no longer needed (after a commit). After a
   * large workbook the threads are replaced by fresh ones, which gives their memory (hundreds of
   * MB) back to the system and keeps the next import from paying for a cold start.
   */
  forget(): Promise<void> {
    this.lastSplit = null;
    if (this.lastWasLarge) {
      this.lastWasLarge = false;
      return Promise.all(this.threads.map((t) => t.stop())).then(() => this.warm());
    }
    for (const t of this.threads) t.forget();
    return Promise.resolve();
  }
  /** How many of the two threads are started (for the tests). */
  get threadsRunning(): number {
    return this.threads.filter((t) => t.running).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.stop()));
  }
}
