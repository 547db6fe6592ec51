import { AppError } from '../../shared/errors';
import type { Ctx } from '../context';
import { workspaceOf } from '../context';
import { defineHandlers } from '../ipc/dispatch';
import { WorkbookParser } from './parse';
import { deleteRange, exportRanges, importRanges, listRanges, rangeImpact, saveRange } from './ranges';
import {
  commitImport,
  deleteUpload,
  downloadUpload,
  lastUploadAccount,
  listUploads,
  loadSamples,
  type Parse,
  type Progress,
  previewImport,
} from './service';

/** One worker thread per backend parses the files, off the main process's thread. */
const parsers = new WeakMap<Ctx, WorkbookParser>();
function parserOf(ctx: Ctx): WorkbookParser {
  let p = parsers.get(ctx);
  if (!p) {
    p = new WorkbookParser();
    parsers.set(ctx, p);
  }
  return p;
}

/** Starts the import's worker threads ahead of the first file. */
export function warmImport(ctx: Ctx): Promise<void> {
  return parserOf(ctx).warm();
}

/** Stops the import's worker threads (the backend is closing). */
export async function closeImport(ctx: Ctx): Promise<void> {
  await parsers.get(ctx)?.close();
  parsers.delete(ctx);
}

const PHASES = ['reading', 'checking', 'saving', 'scoring', 'done'] as const;
function job(ctx: Ctx, jobId: string): { parse: Parse; progress: Progress } {
  const progress: Progress = (phase) =>
    ctx.emit({ type: 'progress', jobId, phase, done: PHASES.indexOf(phase), total: PHASES.length - 1 });
  return { parse: (req, onPhase) => parserOf(ctx).parse(jobId, req, onPhase), progress };
}

function session(ctx: Ctx) {
  return { customerId: workspaceOf(ctx), userId: ctx.session.userId };
}

export const importHandlers = defineHandlers({
  'import.preview': (ctx, input) => {
    const { parse, progress } = job(ctx, input.jobId);
    return previewImport(ctx.db, workspaceOf(ctx), input, parse, progress);
  },
  'import.commit': async (ctx, input) => {
    const { parse, progress } = job(ctx, input.jobId);
    try {
      return await commitImport(ctx.db, session(ctx), input, parse, progress);
    } finally {
      void parserOf(ctx).forget();
    }
  },
  'import.cancel': (ctx, { jobId }) => ({ cancelled: parserOf(ctx).cancel(jobId) }),
  'import.loadSamples': (ctx) =>
    loadSamples(ctx.db, session(ctx), (req, onPhase) => parserOf(ctx).parse('samples', req, onPhase)),

  'uploads.list': (ctx, { accountId }) => listUploads(ctx.db, workspaceOf(ctx), accountId),
  'uploads.lastAccount': (ctx) => lastUploadAccount(ctx.db, workspaceOf(ctx)),
  'uploads.download': (ctx, { uploadId }) => downloadUpload(ctx.db, workspaceOf(ctx), uploadId),
  'uploads.delete': (ctx, { uploadId }) => deleteUpload(ctx.db, workspaceOf(ctx), uploadId),

  // Reference ranges are shared by all workspaces (the seed's table has no customer column);
  // a workspace must still be open to change them.
  'ranges.list': (ctx) => {
    workspaceOf(ctx);
    return listRanges(ctx.db);
  },
  'ranges.save': (ctx, input) => {
    workspaceOf(ctx);
    return saveRange(ctx.db, ctx.session.userId, input);
  },
  'ranges.delete': (ctx, { id }) => {
    workspaceOf(ctx);
    return deleteRange(ctx.db, id);
  },
  'ranges.previewImpact': (ctx, input) => rangeImpact(ctx.db, workspaceOf(ctx), input),
  'ranges.import': (ctx, { fileName, bytes }) => {
    workspaceOf(ctx);
    return importRanges(ctx.db, ctx.session.userId, fileName, bytes);
  },
  'ranges.export': (ctx, { format }) => {
    if (!ctx.session.customerId) throw new AppError('no_workspace', 'Create or open a workspace first.');
    return exportRanges(ctx.db, format);
  },
});
