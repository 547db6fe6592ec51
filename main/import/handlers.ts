import type { ScopedCtx } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import { WorkbookParser } from './parse';
import { commitImport, loadSamples, type Parse, type Progress, previewImport } from './service';

/** The import's worker threads, one pool per backend, parse the files off the main process's thread. */
const parsers = new WeakMap<ScopedCtx, WorkbookParser>();
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
    try {
      return await commitImport(ctx.db, ws, input, parse, progress);
    } finally {
      void parserOf(ctx).forget();
    }
  },
  'import.cancel': (ctx, { jobId }) => ({ cancelled: parserOf(ctx).cancel(jobId) }),
  'import.loadSamples': (ctx, ws) =>
    loadSamples(ctx.db, ws, (req, onPhase) => parserOf(ctx).parse('samples', req, onPhase)),
});
