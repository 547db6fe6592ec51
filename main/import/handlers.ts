import { AppError } from '../../shared/errors';
import type { ScopedCtx } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import { log } from '../log';
import { commitImport, loadSamples, type Parse, type Progress, previewImport } from './service';
import { WorkbookParser } from './threads';

/** The import's worker threads, one pool per backend, parse the files off the main process's thread. */
const parsers = new WeakMap<ScopedCtx, WorkbookParser>();
/** The import's worker threads of a backend (the reference-range import reads its files on them too). */
export function importParser(ctx: ScopedCtx): WorkbookParser {
  return parserOf(ctx);
}
function parserOf(ctx: ScopedCtx): WorkbookParser {
  let p = parsers.get(ctx);
  if (!p) {
    p = new WorkbookParser();
    parsers.set(ctx, p);
  }
  return p;
}

/** Starts the import's worker threads ahead of the first file. */
export function warmImport(ctx: ScopedCtx): Promise<void> {
  return parserOf(ctx).warm();
}

/** Stops the import's worker threads (the backend is closing). */
export async function closeImport(ctx: ScopedCtx): Promise<void> {
  await parsers.get(ctx)?.close();
  parsers.delete(ctx);
}

const PHASES = ['reading', 'checking', 'saving', 'scoring', 'done'] as const;
function job(ctx: ScopedCtx, jobId: string): { parse: Parse; progress: Progress } {
  const progress: Progress = (phase) =>
    ctx.emit({ type: 'progress', jobId, phase, done: PHASES.indexOf(phase), total: PHASES.length - 1 });
  return { parse: (req, onPhase) => parserOf(ctx).parse(jobId, req, onPhase), progress };
}

export const importHandlers = defineHandlers({
  'import.preview': (ctx, ws, input) => {
    const { parse, progress } = job(ctx, input.jobId);
    return previewImport(ctx.db, ws.customerId, input, parse, progress);
  },
  'import.commit': async (ctx, ws, input) => {
    const { parse, progress } = job(ctx, input.jobId);
    // The log keeps every import: file, size, result and where the time went (main/log.ts).
    const file = { fileName: input.fileName, sizeBytes: input.bytes.byteLength, period: input.period };
    const started = performance.now();
    try {
      const report = await commitImport(ctx.db, ws, input, parse, progress);
      log.info('import', {
        ...file,
        result: report.alreadyImported ? 'already imported' : 'stored',
        uploads: report.uploads.length,
        accountsCreated: report.accountsCreated.length,
        durationMs: report.durationMs,
        timings: report.timings,
      });
      return report;
    } catch (err) {
      // A refusal is an answer, not a fault (the dispatch logs unexpected errors with their stack).
      const result = err instanceof AppError ? err.code : 'failed';
      log.info('import', {
        ...file,
        result,
        message: (err as Error)?.message,
        ms: Math.round(performance.now() - started),
      });
      throw err;
    } finally {
      void parserOf(ctx).forget();
    }
  },
  'import.cancel': (ctx, { jobId }) => ({ cancelled: parserOf(ctx).cancel(jobId) }),
  'import.loadSamples': (ctx, ws) =>
    loadSamples(ctx.db, ws, (req, onPhase) => parserOf(ctx).parse('samples', req, onPhase)),
});
