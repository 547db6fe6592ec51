import { create } from 'zustand';
import type { Workspace } from '../shared/contract';
import { ApiError, call } from './api';

export type Route =
  | { view: 'portfolio' }
  | { view: 'today' }
  | { view: 'accounts' }
  | { view: 'import' }
  | { view: 'playbooks'; executionId?: string }
  | { view: 'settings' }
  | { view: 'account'; accountId: number; month?: string; section?: string }
  | { view: 'kpi'; accountId: number; kpi: string; category?: string };

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

interface AppState {
  workspaces: Workspace[];
  activeId: number | null;
  loaded: boolean;
  route: Route;
  toasts: Toast[];
  /** Bumped after any change of stored data, so open screens reload what they show. */
  dataVersion: number;
  /**
   * The portfolio row (account id) the user opened an account from, given focus again back on the
   * portfolio; kept while they go on to the account's KPIs, dropped on any other screen.
   */
  returnRow: number | null;
  /** The account last opened or imported into: where the upload history opens. */
  lastAccountId: number | null;
  /** A file dropped on the window, waiting for the import screen. */
  pendingFile: File | null;
  setPendingFile(file: File | null): void;
  /** A .kpiw file given to the app (dropped, opened with it), for Settings → Workspace file. */
  pendingWorkspaceFile: File | null;
  setPendingWorkspaceFile(file: File | null): void;
  loadWorkspaces(): Promise<void>;
  switchWorkspace(id: number): Promise<void>;
  /**
   * Shows another screen, as a new entry of the browser's history (Back and Forward move between
   * screens); `replace` changes the current entry instead (another section of the same account).
   */
  navigate(route: Route, options?: { fromRow?: number; replace?: boolean }): void;
  toast(kind: Toast['kind'], text: string, action?: Toast['action']): void;
  dismiss(id: number): void;
  dataChanged(): void;
}

let toastId = 0;

/**
 * The screen on view (and its account, execution or month) is kept for the window's session, so a
 * reload, in the browser or the desktop app, opens the same screen again in the same workspace.
 */
const ROUTE_KEY = 'kpi-route';
const VIEWS = new Set<Route['view']>([
  'today',
  'portfolio',
  'accounts',
  'import',
  'playbooks',
  'settings',
  'account',
  'kpi',
]);
/** The route kept in a saved entry (session storage, a history entry) of this workspace, if valid. */
export function routeOf(saved: unknown, workspaceId: number | null): Route | null {
  const entry = saved as { workspaceId?: unknown; route?: Route } | null;
  const r = entry?.route;
  if (!entry || entry.workspaceId !== workspaceId || !r || !VIEWS.has(r.view)) return null;
  if ((r.view === 'account' || r.view === 'kpi') && typeof r.accountId !== 'number') return null;
  if (r.view === 'kpi' && typeof r.kpi !== 'string') return null;
  return r;
}
function savedRoute(workspaceId: number | null): Route | null {
  try {
    return routeOf(JSON.parse(sessionStorage.getItem(ROUTE_KEY) ?? 'null'), workspaceId);
  } catch {
    return null;
  }
}
/** Writes the route into the browser's history: a new entry, or the current one with `replace`. */
function recordRoute(workspaceId: number | null, route: Route, replace: boolean) {
  try {
    if (replace) history.replaceState({ workspaceId, route }, '');
    else history.pushState({ workspaceId, route }, '');
  } catch {
    // no history (tests outside a browser): Back simply leaves
  }
}
/** What a change of route does to the focus memory (the row to return to, the last account). */
function routeState(s: Pick<AppState, 'returnRow' | 'lastAccountId'>, route: Route, fromRow?: number) {
  return {
    route,
    returnRow:
      fromRow ?? (route.view === 'account' || route.view === 'kpi' || route.view === 'portfolio' ? s.returnRow : null),
    lastAccountId: route.view === 'account' || route.view === 'kpi' ? route.accountId : s.lastAccountId,
  };
}
function saveRoute(workspaceId: number | null, route: Route) {
  try {
    sessionStorage.setItem(ROUTE_KEY, JSON.stringify({ workspaceId, route }));
  } catch {
    // storage unavailable: a reload opens the portfolio
  }
}

export const useApp = create<AppState>((set, get) => ({
  workspaces: [],
  activeId: null,
  loaded: false,
  route: { view: 'portfolio' },
  toasts: [],
  dataVersion: 0,
  returnRow: null,
  lastAccountId: null,
  pendingFile: null,
  setPendingFile(file) {
    set({ pendingFile: file });
  },
  pendingWorkspaceFile: null,
  setPendingWorkspaceFile(file) {
    set({ pendingWorkspaceFile: file });
  },
  async loadWorkspaces() {
    const list = await call('workspaces.list', {});
    // the first load after a reload reopens the screen the window was on
    const first = !get().loaded;
    // issue 13: Today is the start screen once the workspace has accounts
    const hasData = (list.workspaces.find((w) => w.id === list.activeId)?.accountCount ?? 0) > 0;
    const route = first ? (savedRoute(list.activeId) ?? (hasData ? ({ view: 'today' } as Route) : null)) : null;
    set({ workspaces: list.workspaces, activeId: list.activeId, loaded: true, ...(route ? { route } : {}) });
    if (first) recordRoute(list.activeId, get().route, true);
  },
  async switchWorkspace(id) {
    const list = await call('workspaces.switch', { workspaceId: id });
    set((s) => ({
      workspaces: list.workspaces,
      activeId: list.activeId,
      route: { view: 'portfolio' },
      returnRow: null,
      lastAccountId: null,
      dataVersion: s.dataVersion + 1,
    }));
    recordRoute(list.activeId, { view: 'portfolio' }, false);
  },
  navigate(route, options) {
    set((s) => routeState(s, route, options?.fromRow));
    recordRoute(get().activeId, route, options?.replace ?? false);
  },
  toast(kind, text, action) {
    const id = ++toastId;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, text, action }] }));
    setTimeout(() => get().dismiss(id), action ? 10_000 : kind === 'error' ? 8000 : 4000);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  dataChanged() {
    set((s) => ({ dataVersion: s.dataVersion + 1 }));
    void get().loadWorkspaces();
  },
}));

// Back and Forward: the entry's route, when it is of the open workspace (another's is passed over).
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', (e) => {
    const s = useApp.getState();
    const route = s.loaded ? routeOf(e.state, s.activeId) : null;
    if (route) useApp.setState(routeState(s, route));
  });
}

useApp.subscribe((s, before) => {
  if (s.loaded && (s.route !== before.route || s.activeId !== before.activeId)) saveRoute(s.activeId, s.route);
});

/**
 * Runs a change of stored data: on success every open screen reloads what it shows and `done` is
 * shown (a sentence, or one made from the result); a failure is shown with its message, as a
 * toast or, given `onError` (a dialog's action), where that puts it. Resolves to the result, or
 * undefined when the change failed.
 */
export async function applyChange<T>(
  work: Promise<T>,
  done?: string | ((result: T) => string),
  kind: Toast['kind'] = 'success',
  onError: (e: unknown) => void = reportError,
): Promise<T | undefined> {
  try {
    const result = await work;
    const app = useApp.getState();
    app.dataChanged();
    if (done) app.toast(kind, typeof done === 'string' ? done : done(result));
    return result;
  } catch (e) {
    onError(e);
    return undefined;
  }
}

/** The sentence to show for an error (an ApiError's message is written for the user). */
export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
}

/** Shows an error as a toast with its message. */
export function reportError(e: unknown): void {
  useApp.getState().toast('error', errorMessage(e));
}
