import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../../main/db/open';
import {
  dailyNotice,
  NOTICE_KEY,
  noticeText,
  OPEN_TODAY,
  type OpenWorkspace,
} from '../../../main/electron/daily-notice';
import { WindowEvents } from '../../../main/electron/window-events';
import { startExecution } from '../../../main/playbooks/executions';
import { runMenuAction } from '../../../renderer/shell/DesktopEvents';
import { useApp } from '../../../renderer/store';
import type { AppEvent } from '../../../shared/contract';
import { kpi, useCsmWorkspace } from './setup';

/** A notification as Electron's answers: it records what it says, whether it was shown, its click. */
class FakeNotice {
  static made: FakeNotice[] = [];
  shown = false;
  private click: (() => void) | null = null;
  constructor(readonly o: { title: string; body: string }) {
    FakeNotice.made.push(this);
  }
  on(_event: 'click', listener: () => void) {
    this.click = listener;
    return this;
  }
  show() {
    this.shown = true;
  }
  clickIt() {
    this.click?.();
  }
}

describe('the daily notice of overdue steps (issue 13, point 4, desktop)', () => {
  const s = useCsmWorkspace();
  let db: Db;
  let clock: Date;
  let ws: OpenWorkspace;
  const sent: AppEvent[] = [];
  const events = new WindowEvents((e) => sent.push(e));

  beforeEach(async () => {
    FakeNotice.made = [];
    sent.length = 0;
    events.markReady();
    // Ana owns TechCorp; its VoC Sprint started on 1 October: week 1 is due 8 October, week 2 on the 15th.
    await kpi(
      ...['account', 'set', '--db', s.db, '--customer', 'Samples', '--account', 'TechCorp Solutions'],
      ...['--owner', 'ana@acme.com'],
    );
    db = await openDb(s.db);
    startExecution(db, 1, {
      userId: s.ana,
      accountId: s.accountId,
      playbookId: 'voc-sprint',
      triggeredBy: 'manual',
      now: new Date('2025-10-01T10:00:00.000Z'),
    });
    ws = { db, customerId: 1, userId: s.ana };
  });
  afterEach(async () => {
    await db.close();
  });

  const notices = (timeZone = 'UTC') =>
    dailyNotice({
      workspace: () => ws,
      notify: (o) => new FakeNotice(o),
      now: () => clock,
      timeZone,
      openToday: () => events.post(OPEN_TODAY), // as main.ts wires it
    });
  const lastDay = () =>
    (db.raw.prepare('SELECT value FROM app_state WHERE key = ?').get(NOTICE_KEY(1)) as { value: string } | undefined)
      ?.value;

  it('tells once a day: not twice the same day (nor after a restart), again the next day', () => {
    const n = notices();
    clock = new Date('2025-10-16T08:00:00Z');
    expect(n.check()).toBe('shown');
    expect(FakeNotice.made.map((x) => [x.o.title, x.o.body, x.shown])).toEqual([
      ['2 playbook steps are overdue', 'Samples: open Today to see them.', true],
    ]);
    expect(lastDay()).toBe('2025-10-16');
    clock = new Date('2025-10-16T21:00:00Z');
    expect(n.check()).toBe('already-told');
    expect(notices().check()).toBe('already-told'); // the day is kept in the file, not in memory
    expect(FakeNotice.made).toHaveLength(1);
    clock = new Date('2025-10-17T07:00:00Z');
    expect(n.check()).toBe('shown');
    expect(FakeNotice.made).toHaveLength(2);
    expect(lastDay()).toBe('2025-10-17');
  });

  it('counts the local calendar day: 02:00 UTC is still the day before in New York', () => {
    clock = new Date('2025-10-16T14:00:00Z');
    expect(notices('America/New_York').check()).toBe('shown');
    clock = new Date('2025-10-17T02:00:00Z'); // 22:00 on the 16th in New York
    expect(notices('America/New_York').check()).toBe('already-told');
    expect(notices('Europe/Berlin').check()).toBe('shown'); // 04:00 on the 17th in Berlin
  });

  it('tells nothing when nothing is overdue for the user, and keeps no day then', () => {
    clock = new Date('2025-10-05T08:00:00Z'); // week 1 is due on the 8th
    expect(notices().check()).toBe('nothing-overdue');
    clock = new Date('2025-10-16T08:00:00Z');
    ws = { db, customerId: 1, userId: s.bo }; // Bo owns nothing and plays no role
    expect(notices().check()).toBe('nothing-overdue');
    expect(FakeNotice.made).toHaveLength(0);
    expect(lastDay()).toBeUndefined();
    ws = { db, customerId: 1, userId: s.ana, locked: true };
    expect(notices().check()).toBe('locked');
    ws = { db, customerId: 1, userId: s.ana };
    expect(notices().check()).toBe('shown'); // the same day, once there is something to tell
  });

  it('a click sends the window to Today', () => {
    clock = new Date('2025-10-16T08:00:00Z');
    expect(notices().check()).toBe('shown');
    expect(sent).toEqual([]);
    FakeNotice.made[0].clickIt();
    expect(sent).toEqual([{ type: 'menu', action: 'go-today' }]);
    // the window carries it out as a menu command: the route becomes Today
    useApp.setState({ activeId: 1, loaded: true, route: { view: 'portfolio' }, toasts: [] });
    const e = sent[0];
    if (e.type !== 'menu') throw new Error('not a menu event');
    expect(runMenuAction(e.action)).toBeNull();
    expect(useApp.getState().route).toEqual({ view: 'today' });
  });

  it('start: checks now and then every hour; stop ends it', () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    let cleared = 0;
    clock = new Date('2025-10-16T08:00:00Z');
    const n = dailyNotice({
      workspace: () => ws,
      notify: (o) => new FakeNotice(o),
      now: () => clock,
      timeZone: 'UTC',
      openToday: () => {},
      setInterval: (fn, ms) => timers.push({ fn, ms }),
      clearInterval: () => cleared++,
    });
    n.start();
    expect(FakeNotice.made).toHaveLength(1);
    expect(timers.map((t) => t.ms)).toEqual([60 * 60 * 1000]);
    clock = new Date('2025-10-16T09:00:00Z');
    timers[0].fn();
    expect(FakeNotice.made).toHaveLength(1);
    clock = new Date('2025-10-17T00:30:00Z');
    timers[0].fn();
    expect(FakeNotice.made).toHaveLength(2);
    n.stop();
    expect(cleared).toBe(1);
  });

  it('says "1 playbook step is overdue" for one', () => {
    expect(noticeText(1, 'Globex')).toEqual({
      title: '1 playbook step is overdue',
      body: 'Globex: open Today to see it.',
    });
    expect(noticeText(3, 'Globex').title).toBe('3 playbook steps are overdue');
  });
});
