import type { AppEvent } from '../shared/contract';
import type { Ctx } from './context';
import { type Db, openDb } from './db/open';
import { closeImport, warmImport } from './import/handlers';
import { dispatch } from './ipc/dispatch';
import { handlers } from './ipc/handlers';
import { activate, listWorkspaces, restoreSession } from './workspaces/service';

/**
 * The backend as every transport sees it: one database, one session, one dispatch. The Electron
 * main process, the browser preview and the tests all start it the same way.
 */
export interface Backend {
  ctx: Ctx;
  invoke(channel: unknown, payload: unknown): ReturnType<typeof dispatch>;
  subscribe(listener: (event: AppEvent) => void): () => void;
  close(): Promise<void>;
}

export async function startBackend(
  dbFile: string,
  options: { desktop?: boolean; nativeBinding?: string; warmImport?: boolean } = {},
): Promise<Backend> {
  const db: Db = await openDb(dbFile, { nativeBinding: options.nativeBinding });
  const listeners = new Set<(event: AppEvent) => void>();
  const ctx: Ctx = {
    db,
    session: restoreSession(db),
    desktop: options.desktop ?? false,
    emit: (event) => {
      for (const l of listeners) l(event);
    },
    openWorkspace: (workspaceId) => {
      const pick = workspaceId ?? listWorkspaces(db, { customerId: null, userId: null }).workspaces[0]?.id ?? null;
      activate(db, ctx.session, pick);
      return listWorkspaces(db, ctx.session);
    },
  };
  // The window and the browser preview start the import's threads now, so that the first file
  // dropped is not slowed by their start; tests and the command line start them when needed.
  if (options.warmImport) void warmImport(ctx);
  return {
    ctx,
    invoke: (channel, payload) => dispatch(handlers, ctx, channel, payload),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await closeImport(ctx);
      await db.close();
    },
  };
}
