import type { DesktopEvent } from '../../shared/contract';
import { localDate } from '../../shared/today/dates';
import { type Db, first, run } from '../db/open';
import { today } from '../today/service';

/**
 * The desktop app's daily notice (issue 13, point 4): one OS notification a day for the signed-in
 * user's overdue playbook steps; clicking it brings the window forward on Today. Plain: the
 * notification, the clock and the timers are handed in (main.ts gives Electron's), so that it is
 * tested without Electron. At most once per local calendar day per workspace: the day of the last
 * notice is kept in app_state (`daily-notice:<workspace id>`); a day with nothing overdue keeps
 * nothing, so a step that falls overdue later that day is still told.
 */

export const CHECK_EVERY_MS = 60 * 60 * 1000;
export const NOTICE_KEY = (customerId: number) => `daily-notice:${customerId}`;
/** What the window is told when the notice is clicked: open Today, as the menu's View items do. */
export const OPEN_TODAY: DesktopEvent = { type: 'menu', action: 'go-today' };

/** What is shown: Electron's Notification answers to this. */
export interface NoticeLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface OpenWorkspace {
  db: Db;
  customerId: number;
  /** The signed-in user (null: nobody, everyone's steps when no account has an owner). */
  userId: number | null;
  /** A guarded workspace with nobody signed in: nothing is told. */
  locked?: boolean;
}

export interface DailyNoticeDeps {
  /** The open workspace, or null when none is (or the database cannot be read). */
  workspace(): OpenWorkspace | null;
  /** Makes a notification (Electron: `new Notification(o)`). */
  notify(o: { title: string; body: string }): NoticeLike;
  now(): Date;
  /** The user's time zone (IANA); default the system's. */
  timeZone?: string;
  /** The notice was clicked: the window forward, on Today. */
  openToday(): void;
  /** A failed check (logged by the caller); default: ignored. */
  onError?(error: unknown): void;
  setInterval?(fn: () => void, ms: number): unknown;
  clearInterval?(handle: unknown): void;
}

export type CheckOutcome = 'shown' | 'no-workspace' | 'locked' | 'already-told' | 'nothing-overdue';

/** "3 playbook steps are overdue" / "1 playbook step is overdue", in the workspace's name. */
export function noticeText(count: number, workspaceName: string): { title: string; body: string } {
  return {
    title: `${count} playbook ${count === 1 ? 'step is' : 'steps are'} overdue`,
    body: `${workspaceName}: open Today to see ${count === 1 ? 'it' : 'them'}.`,
  };
}

function readDay(db: Db, key: string): string | null {
  return first(db, db.k.selectFrom('app_state').select('value').where('key', '=', key))?.value ?? null;
}

function writeDay(db: Db, key: string, day: string): void {
  run(
    db,
    db.k
      .insertInto('app_state')
      .values({ key, value: day })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: day })),
  );
}

function workspaceName(db: Db, customerId: number): string {
  return (
    first(db, db.k.selectFrom('customers').select('customer_name').where('customer_id', '=', customerId))
      ?.customer_name ?? 'KPI Dashboard'
  );
}

/** The daily notice's checks: `check` once; `start` checks now and then every hour; `stop`. */
export function dailyNotice(deps: DailyNoticeDeps) {
  // Electron drops a notification's click handler when the object is collected: keep the last one.
  let shown: NoticeLike | null = null;
  let timer: unknown = null;

  function check(): CheckOutcome {
    const ws = deps.workspace();
    if (!ws) return 'no-workspace';
    if (ws.locked) return 'locked';
    const now = deps.now();
    const day = localDate(now, deps.timeZone);
    const key = NOTICE_KEY(ws.customerId);
    if (readDay(ws.db, key) === day) return 'already-told';
    const view = today(ws.db, ws.customerId, { userId: ws.userId, now, timeZone: deps.timeZone });
    if (view.overdueCount === 0) return 'nothing-overdue';
    const notice = deps.notify(noticeText(view.overdueCount, workspaceName(ws.db, ws.customerId)));
    notice.on('click', () => deps.openToday());
    writeDay(ws.db, key, day);
    notice.show();
    shown = notice;
    return 'shown';
  }

  function safeCheck(): CheckOutcome | null {
    try {
      return check();
    } catch (e) {
      deps.onError?.(e);
      return null;
    }
  }

  return {
    check,
    start(): void {
      if (timer != null) return;
      safeCheck();
      timer = (deps.setInterval ?? setInterval)(safeCheck, CHECK_EVERY_MS);
    },
    stop(): void {
      if (timer != null) (deps.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout)))(timer);
      timer = null;
    },
    /** The notice shown last (kept for its click). */
    get last(): NoticeLike | null {
      return shown;
    },
  };
}
