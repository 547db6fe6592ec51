import { defineHandlers } from '../ipc/dispatch';
import { exportWorkspaceFile } from './export';
import { importWorkspaceFile, inspectWorkspaceFile } from './import';

/** A file name a person recognises: "ACME 2026-12-04.kpiw". */
function kpiwName(workspace: string): string {
  const printable = [...workspace].map((ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('');
  const safe = printable.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Workspace';
  return `${safe} ${new Date().toISOString().slice(0, 10)}.kpiw`;
}

export const workspaceFilesHandlers = defineHandlers({
  'workspaceFiles.export': (ctx, ws, { passphrase }) => {
    const r = exportWorkspaceFile(ctx.db, ws.customerId, passphrase);
    return { fileName: kpiwName(r.workspace), bytes: r.bytes };
  },
  // unscoped: reading or adding a workspace file does not need one open
  'workspaceFiles.inspect': (ctx, { fileName, bytes, passphrase }) =>
    inspectWorkspaceFile(ctx.db, bytes, { fileName, passphrase }),
  'workspaceFiles.import': (ctx, input) => importWorkspaceFile(ctx.db, input.bytes, input),
});
