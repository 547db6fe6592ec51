import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { ImportRefusal } from '../../shared/import/refusal';
import type { Cell } from '../../shared/import/types';
import {
  mergeHalves,
  type PackedWorkbook,
  type ParsedWorkbook,
  type ParsePhase,
  type ParseRequest,
  splitRequest,
  unpackMonths,
} from './parse';

/**
 * The import's worker threads: files are read and interpreted off the main process's thread,
 * within a time limit, and can be cancelled.
 */

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

/** The longest a file may take to be read and checked (the 2,000-account roll-up takes seconds). */
export const IMPORT_TIME_LIMIT_MS = 120_000;

export function timeLimitMessage(ms: number): string {
  const [n, unit] = ms >= 60_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.max(1, Math.round(ms / 1000)), 'second'];
  const limit = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return `This file took more than ${limit} to read, far longer than a KPI workbook takes, so it was stopped and nothing was saved; remove unused sheets or data, save it again in Excel and try again.`;
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

/** What a thread is asked: a file to parse, the first sheet's cells of a reference-range file, or a ping. */
export type ThreadMessage =
  | { req: ParseRequest }
  | { ranges: { bytes: Uint8Array; fileName: string } }
  | { ping: true };

type Job = {
  jobId: string;
  resolve: (wb: ParsedWorkbook | Cell[][] | null) => void;
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
      (m: {
        seq: number;
        phase?: ParsePhase;
        result?: PackedWorkbook;
        rows?: Cell[][];
        failure?: WorkerFailure;
        pong?: boolean;
      }) => {
        const job = this.jobs.get(m.seq);
        if (!job) return;
        if (m.phase) {
          job.onPhase?.(m.phase);
          return;
        }
        this.jobs.delete(m.seq);
        if (m.pong) job.resolve(null);
        else if (m.result) job.resolve(unpackMonths(m.result));
        else if (m.rows) job.resolve(m.rows);
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

  /** The cells of the first visible sheet of a file (a reference-range list). */
  firstSheet(jobId: string, file: { bytes: Uint8Array; fileName: string }): Promise<Cell[][]> {
    return this.send(jobId, { ranges: file }) as Promise<Cell[][]>;
  }

  /** Starts the thread if needed and resolves once it has loaded its code. */
  async ready(): Promise<void> {
    await this.send('warm-up', { ping: true });
  }

  private send(
    jobId: string,
    message: ThreadMessage,
    onPhase?: (p: ParsePhase) => void,
  ): Promise<ParsedWorkbook | Cell[][] | null> {
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
  /** `limits.timeMs`: the time limit of each job (the tests give a short one). */
  constructor(readonly limits: { timeMs: number } = { timeMs: IMPORT_TIME_LIMIT_MS }) {}
  private threads = [new ParseThread(), new ParseThread()];
  private active = new Map<string, { cancelled: boolean }>();
  private lastWasLarge = false;
  /** The halves of the last large workbook parsed, by the file's hash. */
  private lastSplit: { hash: string; halves: [ParseRequest, ParseRequest] } | null = null;
  private closed = false;

  async parse(jobId: string, req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<ParsedWorkbook> {
    return this.limited(jobId, (state) => this.run(jobId, req, state, onPhase));
  }

  /** The cells of the first visible sheet of a reference-range file, read on a thread within the time limit. */
  readFirstSheet(jobId: string, file: { bytes: Uint8Array; fileName: string }): Promise<Cell[][]> {
    return this.limited(jobId, () => this.threads[0].firstSheet(jobId, file));
  }

  /**
   * Runs a job within the time limit: past it, the job's threads are stopped (fresh ones start
   * with the next job) and it fails with a sentence; nothing has been stored by then.
   */
  private async limited<T>(jobId: string, work: (state: { cancelled: boolean }) => Promise<T>): Promise<T> {
    const state = { cancelled: false };
    this.active.set(jobId, state);
    let timer: NodeJS.Timeout | undefined;
    const overtime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        state.cancelled = true;
        reject(new AppError('refused', timeLimitMessage(this.limits.timeMs)));
        for (const t of this.threads) if (t.has(jobId)) void t.stop();
      }, this.limits.timeMs);
    });
    try {
      return await Promise.race([work(state), overtime]);
    } finally {
      clearTimeout(timer);
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
