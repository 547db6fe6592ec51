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
  | { view: 'account'; accountId: number; month?: string }
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
  loadWorkspaces(): Promise<void>;
  switchWorkspace(id: number): Promise<void>;
  navigate(route: Route, options?: { fromRow?: number }): void;
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
function savedRoute(workspaceId: number | null): Route | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(ROUTE_KEY) ?? 'null') as { workspaceId?: unknown; route?: Route };
    const r = saved?.route;
    if (saved?.workspaceId !== workspaceId || !r || !VIEWS.has(r.view)) return null;
    if ((r.view === 'account' || r.view === 'kpi') && typeof r.accountId !== 'number') return null;
    if (r.view === 'kpi' && typeof r.kpi !== 'string') return null;
    return r;
  } catch {
    return null;
  }
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
  async loadWorkspaces() {
    const list = await call('workspaces.list', {});
    // the first load after a reload reopens the screen the window was on
    // issue 13: Today is the start screen once the workspace has accounts
    const hasData = (list.workspaces.find((w) => w.id === list.activeId)?.accountCount ?? 0) > 0;
    const route = get().loaded ? null : (savedRoute(list.activeId) ?? (hasData ? ({ view: 'today' } as Route) : null));
    set({ workspaces: list.workspaces, activeId: list.activeId, loaded: true, ...(route ? { route } : {}) });
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
  },
  navigate(route, options) {
    set((s) => ({
      route,
      returnRow:
        options?.fromRow ??
        (route.view === 'account' || route.view === 'kpi' || route.view === 'portfolio' ? s.returnRow : null),
      lastAccountId: route.view === 'account' || route.view === 'kpi' ? route.accountId : s.lastAccountId,
    }));
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
