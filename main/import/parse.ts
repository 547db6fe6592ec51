import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { type InterpretedWorkbook, type InterpretOptions, interpretWorkbook } from '../../shared/import/interpret';
import { ImportRefusal } from '../../shared/import/refusal';
import type { RawWorkbook } from '../../shared/import/types';
import { readWorkbook } from './workbook/read';

/**
 * Turning a file into interpreted rows, the slow part of an import. In the app it runs in a
 * worker thread (the main process keeps answering the window while a large workbook is read)
 * and can be cancelled; the command line reads in-process. Both run the same two functions.
 */
export type ParsePhase = 'reading' | 'checking';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
  hash: string;
  options: InterpretOptions;
}

/** In-process parse, with a one-file cache so that preview and commit read the workbook once. */
let lastRaw: { hash: string; raw: RawWorkbook } | null = null;
export async function parseInProcess(
  req: ParseRequest,
  onPhase?: (p: ParsePhase) => void,
): Promise<InterpretedWorkbook> {
  onPhase?.('reading');
  const raw = lastRaw?.hash === req.hash ? lastRaw.raw : await readWorkbook(req.bytes, req.fileName);
  lastRaw = { hash: req.hash, raw };
  onPhase?.('checking');
  // Throws ImportRefusal('no-kpi-sheet') when no sheet holds KPIs.
  return interpretWorkbook(raw, req.options);
}

/** What crosses the worker boundary for a failure. */
export interface WorkerFailure {
  refusal?: { code: string; message: string; details?: unknown };
  message?: string;
}

export function toError(f: WorkerFailure): Error {
  if (f.refusal) return new ImportRefusal(f.refusal.code as never, f.refusal.message, f.refusal.details as never);
  return new Error(f.message ?? 'The file could not be read.');
}

function startWorker(): Worker {
  const bundled = path.join(__dirname, 'import-worker.cjs');
  if (fs.existsSync(bundled)) return new Worker(bundled);
  // Running from the TypeScript sources (tsx, vitest, Playwright): compile the worker on the fly
  // with tsx's require hook.
  const source = path.join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
}

/**
 * One long-lived worker thread that parses files; cancelling a job terminates the worker (a
 * fresh one starts with the next job). The worker keeps the last file read, so preview and
 * commit of the same file read it once.
 */
export class WorkbookParser {
  private worker: Worker | null = null;
  private seq = 0;
  private jobs = new Map<
    number,
    {
      jobId: string;
      resolve: (wb: InterpretedWorkbook) => void;
      reject: (e: Error) => void;
      onPhase?: (p: ParsePhase) => void;
    }
  >();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker();
    w.on('message', (m: { seq: number; phase?: ParsePhase; result?: InterpretedWorkbook; failure?: WorkerFailure }) => {
      const job = this.jobs.get(m.seq);
      if (!job) return;
      if (m.phase) {
        job.onPhase?.(m.phase);
        return;
      }
      this.jobs.delete(m.seq);
      if (m.result) job.resolve(m.result);
      else job.reject(toError(m.failure ?? {}));
    });
    w.on('error', (e) => this.failAll(e));
    w.on('exit', () => {
      this.worker = null;
      this.failAll(new AppError('cancelled', 'The import was cancelled.'));
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private failAll(e: Error) {
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }

  parse(jobId: string, req: ParseRequest, onPhase?: (p: ParsePhase) => void): Promise<InterpretedWorkbook> {
    const w = this.start();
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.jobs.set(seq, { jobId, resolve, reject, onPhase });
      w.postMessage({ seq, req });
    });
  }

  /** Stops a running parse; true when there was one. */
  cancel(jobId: string): boolean {
    const running = [...this.jobs.values()].some((j) => j.jobId === jobId);
    if (running && this.worker) void this.worker.terminate();
    return running;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
