import { importParser } from '../import/handlers';
import { defineHandlers } from '../ipc/dispatch';
import { deleteRange, exportRanges, importRanges, listRanges, rangeImpact, saveRange } from './service';

// Reference ranges are shared by all workspaces (the seed's table has no customer column); the
// channels are still scoped, so a workspace must be open to see or change them.
export const rangesHandlers = defineHandlers({
  'ranges.list': (ctx) => listRanges(ctx.db),
  'ranges.save': (ctx, ws, input) => saveRange(ctx.db, ws.userId, input),
  'ranges.delete': (ctx, _ws, { id }) => deleteRange(ctx.db, id),
  'ranges.previewImpact': (ctx, ws, input) => rangeImpact(ctx.db, ws.customerId, input),
  // The file is read on the import's worker thread, within the import's time limit.
  'ranges.import': (ctx, ws, { fileName, bytes }) =>
    importRanges(ctx.db, ws.userId, fileName, bytes, (f, b) =>
      importParser(ctx).readFirstSheet(`ranges:${Date.now()}`, { bytes: b, fileName: f }),
    ),
  'ranges.export': (ctx, _ws, { format }) => exportRanges(ctx.db, format),
});
