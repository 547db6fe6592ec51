import type { AppEvent } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { Ctx, Session } from './context';
import { type Db, type OpenOptions, openDb } from './db/open';
import { closeImport, warmImport } from './import/handlers';
import { dispatch } from './ipc/dispatch';
import { handlers } from './ipc/handlers';
import { log } from './log';
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

export interface BackendOptions {
  desktop?: boolean;
  nativeBinding?: string;
  warmImport?: boolean;
  /** The first open of the day backs the file up (the desktop app and the browser preview). */
  dailyBackup?: boolean;
}

/**
 * Opens the database; a damaged one is left as it is (never replaced by an empty one) and the
 * backend starts in recovery: only the recovery channels (the backups and their restore) answer.
 */
async function openOrRecover(dbFile: string, options: OpenOptions): Promise<{ db: Db | null; damaged: string | null }> {
  try {
    return { db: await openDb(dbFile, options), damaged: null };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'damaged') throw e;
    log.error('db.damaged', { db: dbFile, error: e.message });
    return { db: null, damaged: e.message };
  }
}

export async function startBackend(dbFile: string, options: BackendOptions = {}): Promise<Backend> {
  const openOptions: OpenOptions = { nativeBinding: options.nativeBinding, dailyBackup: options.dailyBackup };
  const opened = await openOrRecover(dbFile, openOptions);
  let current = opened.db;
  let damaged = opened.damaged;
  const listeners = new Set<(event: AppEvent) => void>();
  const session: Session = current ? restoreSession(current) : { customerId: null, userId: null };
  const ctx: Ctx = {
    get db(): Db {
      if (!current) throw new AppError('damaged', damaged ?? 'The database cannot be opened.');
      return current;
    },
    set db(next: Db) {
      current = next;
    },
    dbFile,
    get damaged() {
      return damaged;
    },
    openOptions,
    replaceDb: (next) => {
      current = next;
      damaged = null;
      Object.assign(ctx.session, restoreSession(next));
    },
    session,
    desktop: options.desktop ?? false,
    emit: (event) => {
      for (const l of listeners) l(event);
    },
    openWorkspace: (workspaceId) => {
      const db = ctx.db;
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
      await current?.close();
    },
  };
}
