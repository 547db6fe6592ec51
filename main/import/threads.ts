import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { ImportRefusal } from '../../shared/import/refusal';
import type { Cell } from '../../shared/import/types';
import {
  assemble,
  LastWorkbook,
  type PackedWorkbook,
  type ParsedWorkbook,
  type ParsePhase,
  type ParseRequest,
  type PartsEnd,
  unpackMonths,
} from './parse';

/**
 * The import's worker thread: files are read and interpreted off the main process's thread,
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

/** Workbooks from this size up leave the thread that read them replaced by a fresh one (see forget). */
export const LARGE_FILE_BYTES = 512 * 1024;

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
  /** A file's parse: the sheets received so far, put together with these options at the end. */
  parts?: ParsedWorkbook[];
  options?: ParseRequest['options'];
};

/** What the thread sends: a phase, a sheet, the end of a file, other answers, or a failure. */
type ThreadReply = {
  seq: number;
  phase?: ParsePhase;
  part?: PackedWorkbook;
  end?: PartsEnd;
  rows?: Cell[][];
  failure?: WorkerFailure;
  pong?: boolean;
};

/** A reply that ends its job: the workbook put together, the rows of a reference-range file, or a failure. */
function settle(job: Job, m: ThreadReply): void {
  if (m.pong) job.resolve(null);
  else if (m.end) {
    try {
      job.resolve(assemble(job.parts ?? [], m.end, job.options ?? {}));
    } catch (e) {
      job.reject(e as Error);
    }
  } else if (m.rows) job.resolve(m.rows);
  else job.reject(toError(m.failure ?? {}));
}

/** One worker thread and the jobs it runs. */
class ParseThread {
  private worker: Worker | null = null;
  private seq = 0;
  readonly jobs = new Map<number, Job>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker();
    w.on('message', (m: ThreadReply) => {
      const job = this.jobs.get(m.seq);
      if (!job) return;
      if (m.phase) job.onPhase?.(m.phase);
      else if (m.part) job.parts?.push(unpackMonths(m.part));
      else {
        this.jobs.delete(m.seq);
        settle(job, m);
      }
    });
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
      const parse = 'req' in message ? { parts: [], options: message.req.options } : {};
      this.jobs.set(seq, { jobId, resolve, reject, onPhase, ...parse });
      w.postMessage({ seq, ...message });
    });
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
 * Parses files in a worker thread. The interpretation a preview gets is kept here, on the main
 * process's side, for the commit that follows, so the commit neither reads the file again nor has
 * it sent across again. Cancelling a job terminates the thread; a fresh one starts with the next
 * job.
 */
export class WorkbookParser {
  /** `limits.timeMs`: the time limit of each job (the tests give a short one). */
  constructor(readonly limits: { timeMs: number } = { timeMs: IMPORT_TIME_LIMIT_MS }) {}
  private thread = new ParseThread();
  private last = new LastWorkbook();
  private lastWasLarge = false;
  private closed = false;

  async parse(jobId: string, req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<ParsedWorkbook> {
    const wb = await this.last.of(req, () => this.limited(jobId, () => this.thread.run(jobId, req, onPhase)));
    this.lastWasLarge = req.bytes.byteLength >= LARGE_FILE_BYTES;
    return wb;
  }

  /** The cells of the first visible sheet of a reference-range file, read on the thread within the time limit. */
  readFirstSheet(jobId: string, file: { bytes: Uint8Array; fileName: string }): Promise<Cell[][]> {
    return this.limited(jobId, () => this.thread.firstSheet(jobId, file));
  }

  /**
   * Runs a job within the time limit: past it, the thread is stopped (a fresh one starts with the
   * next job) and the job fails with a sentence; nothing has been stored by then.
   */
  private async limited<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const overtime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new AppError('refused', timeLimitMessage(this.limits.timeMs)));
        this.cancel(jobId);
      }, this.limits.timeMs);
    });
    try {
      return await Promise.race([work(), overtime]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops a running parse (the thread is terminated; its jobs fail as cancelled); true when there was one. */
  cancel(jobId: string): boolean {
    if (!this.thread.has(jobId)) return false;
    void this.thread.stop();
    return true;
  }

  /**
   * Starts the thread ahead of the first file and resolves when it has loaded its code (about a
   * second of a cold start that would otherwise fall on the user's first import). A failure to
   * start shows again, with its message, on the first parse.
   */
  async warm(): Promise<void> {
    if (this.closed) return;
    await this.thread.ready().catch(() => undefined);
  }

  /**
   * The file kept between a preview and its commit is no longer needed (after a commit, or the
   * preview was cancelled). After a large workbook the thread is replaced by a fresh one, which
   * gives its memory (hundreds of MB) back to the system and keeps the next import from paying for
   * a cold start.
   */
  forget(): Promise<void> {
    this.last.forget();
    if (!this.lastWasLarge) return Promise.resolve();
    this.lastWasLarge = false;
    return this.thread.stop().then(() => this.warm());
  }

  /** Whether the thread is started (for the tests). */
  get threadRunning(): boolean {
    return this.thread.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.last.forget();
    await this.thread.stop();
  }
}
