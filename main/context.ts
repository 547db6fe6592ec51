import type { AppEvent, WorkspaceList } from '../shared/contract';
import type { Db, OpenOptions } from './db/open';

/**
 * The main process's session: which workspace (customer) and user are active. Only the dispatch
 * reads the workspace from here (and the few unscoped handlers that change it): a scoped handler
 * is handed the workspace, never takes it from a payload or looks it up.
 */
export interface Session {
  customerId: number | null;
  userId: number | null;
  /** A guarded workspace (a user has a password) with nobody signed in: scoped channels refused. */
  locked?: boolean;
  /** When the session was last used (ms), for the idle lock. */
  lastSeen?: number;
}

export interface Ctx {
  /** The open database; while it is damaged (see `damaged`), reading it throws AppError 'damaged'. */
  db: Db;
  /** The database file, known even while it cannot be opened. */
  dbFile: string;
  /** Why the database could not be opened (damaged at start), or null: only recovery channels answer then. */
  readonly damaged: string | null;
  /** How the database is (re)opened: a restore reopens it the same way. */
  openOptions: OpenOptions;
  /** Puts a freshly opened database in place of the current one (a restore) and reopens the session on it. */
  replaceDb(next: Db): void;
  session: Session;
  /** Pushes an event (progress) to the window that asked. */
  emit(event: AppEvent): void;
  desktop: boolean;
  /**
   * Opens a workspace in the session (null: the first there is, or none) and answers with the
   * list. For a scoped handler that changes what is open, such as deleting the workspace.
   */
  openWorkspace(workspaceId: number | null): WorkspaceList;
}

/** What a workspace-scoped handler gets instead of the session: the open workspace and its user. */
export interface Scope {
  /** The open workspace (a `customers` row). */
  customerId: number;
  /** The signed-in user, when there is one. */
  userId: number | null;
}

/** The backend as a scoped handler sees it: everything but the session. */
export type ScopedCtx = Omit<Ctx, 'session'>;
