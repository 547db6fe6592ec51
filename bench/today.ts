/**
 * `npm run bench:today`: Today (issue 13, point 4) on the 2,000-account workspace of bench:ui
 * (bench/big-workspace.ts), with a book of business on top: 20 people owning the active accounts
 * in turn, a renewal date on every fourth account, and 300 running playbooks started over the
 * last 30 days (their CSM the account's owner, as a start maps it; every third with a Product
 * Manager too).
 *
 * Prints the today service's times (median of 5 after a warm-up) for everyone's Today and for one
 * person's, as the page asks for them: the sections (today.get, against the dashboards' 50 ms
 * query goal) and, apart, the playbooks that fire and are not running (today.triggers: the
 * trigger evaluation of every account in scope); and the whole, as the command line's today.
 *
 * Then, in Chromium through the browser preview (the built renderer in dist/renderer), as the
 * workspace's first person (the one of "one person's" above): the time from a click on Today (from the Accounts screen) to its
 * sections on screen and to its playbooks that fire, and the same from a click on "Show
 * everyone's", against the dashboards' 500 ms first render.
 *
 * Options: --accounts N (2000), --months N (36), --runs N (5), --no-page (the service only),
 * --keep FILE (keep the workspace in FILE and reuse it when FILE exists: for repeated runs).
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { type Db, openDb } from '../main/db/open';
import { startExecution } from '../main/playbooks/executions';
import { writeRolePeople } from '../main/playbooks/people';
import { type TodayOptions, today, todayTriggers } from '../main/today/service';
import { startWebServer } from '../main/web/server';
import type { TodayView } from '../shared/channels/today';
import { PLAYBOOKS } from '../shared/playbooks/catalogue';
import { addDays, localDate } from '../shared/today/dates';
import { buildWorkspace, rng } from './big-workspace';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ACCOUNTS = opt('accounts', 2000);
const MONTHS = opt('months', 36);
const RUNS = opt('runs', 5);
/** The dashboards' goals (issue 5): a query under 50 ms, the first render under 500 ms. */
const QUERY_GOAL_MS = 50;
const PAGE_GOAL_MS = 500;
const PEOPLE = 20;
const RUNNING = 300;

const ms = (x: number) => `${x.toFixed(0)} ms`;
const goal = (x: number, g: number) => `${ms(x)}   goal ${g} ms, ratio ${(x / g).toFixed(2)}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (label: string, value: string) => console.log(`${label.padEnd(48)} ${value}`);

/** Median of RUNS timed calls, after one warm-up call; with the last answer. */
function timed<T>(fn: () => T): { ms: number; value: T } {
  let value = fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), value };
}

/** People, owners, renewals and running playbooks on top of the scored workspace. */
function bookOfBusiness(db: Db, customerId: number): { people: number[]; running: number } {
  const raw = db.raw;
  const random = rng(7);
  const addUser = raw.prepare('INSERT INTO users (customer_id, user_name, email) VALUES (?, ?, ?)');
  // The workspace's own user first: the one the browser preview signs in as.
  const people = (
    raw.prepare('SELECT user_id FROM users WHERE customer_id = ? ORDER BY user_id').all(customerId) as Array<{
      user_id: number;
    }>
  ).map((u) => u.user_id);
  for (let i = people.length; i < PEOPLE; i++)
    people.push(Number(addUser.run(customerId, `CSM ${i + 1}`, `csm${i + 1}@bench.test`).lastInsertRowid));
  const accounts = (
    raw
      .prepare(
        "SELECT account_id FROM accounts WHERE customer_id = ? AND account_status = 'active' ORDER BY account_id",
      )
      .all(customerId) as Array<{ account_id: number }>
  ).map((a) => a.account_id);
  const setOwner = raw.prepare('UPDATE accounts SET owner_user_id = ?, renewal_date = ? WHERE account_id = ?');
  const todayDate = localDate(new Date());
  raw.transaction(() => {
    accounts.forEach((id, i) => {
      const renewal = i % 4 === 0 ? addDays(todayDate, Math.floor(random() * 180)) : null;
      setOwner.run(people[i % PEOPLE], renewal, id);
    });
  })();
  let running = 0;
  for (let i = 0; i < RUNNING && i < accounts.length; i++) {
    const accountId = accounts[Math.floor((i * accounts.length) / RUNNING)];
    const def = PLAYBOOKS[i % PLAYBOOKS.length];
    const executionId = startExecution(db, customerId, {
      accountId,
      playbookId: def.id,
      triggeredBy: 'manual',
      now: new Date(Date.now() - Math.floor(random() * 30) * 86_400_000),
    });
    if (i % 3 === 0) writeRolePeople(db, customerId, executionId, 'Product Manager', [people[(i + 1) % PEOPLE]]);
    running++;
  }
  raw.exec('ANALYZE');
  return { people, running };
}

interface Shown {
  sel: string;
  /** The text `sel`'s element ends with, when any. */
  text?: string;
}

/**
 * Clicks what `click` finds in the page and, for each of `shown`, the milliseconds until it is on
 * screen (its element found and, given `text`, its text ending so), then the next frame.
 */
function clickUntil(page: Page, click: string, shown: Shown[]): Promise<number[]> {
  return page.evaluate(
    ([click, shown]) =>
      new Promise<number[]>((resolve) => {
        const t0 = performance.now();
        const at: Array<number | undefined> = shown.map(() => undefined);
        (document.querySelector(click) as HTMLElement).click();
        const check = () => {
          shown.forEach((s, i) => {
            const el = document.querySelector(s.sel);
            if (at[i] === undefined && el && (el.textContent ?? '').trim().endsWith(s.text ?? '')) at[i] = -1;
          });
          requestAnimationFrame(() => {
            const now = performance.now() - t0;
            for (let i = 0; i < at.length; i++) if (at[i] === -1) at[i] = now;
            if (at.every((x) => x !== undefined)) resolve(at as number[]);
            else check();
          });
        };
        check();
      }),
    [click, shown] as const,
  );
}

/**
 * The service's two answers the page asks for, as it asks (today.get without the playbooks that
 * fire, and today.triggers apart), against the dashboards' query goal; and the whole (the command
 * line's today).
 */
function serviceTimes(who: string, scope: TodayOptions, db: Db, customerId: number, wholeMs: number): void {
  const sections = timed(() => today(db, customerId, { ...scope, triggers: false })).ms;
  const triggers = timed(() => todayTriggers(db, customerId, scope)).ms;
  line(`  service: sections (today.get, median of ${RUNS})`, goal(sections, QUERY_GOAL_MS));
  line('  service: playbooks that fire (today.triggers)', ms(triggers));
  line(`  service: the whole (${who}, the command line's)`, ms(wholeMs));
}

const SECTIONS = 'section.today-section';
/** The playbooks that fire, loaded apart: on screen when their answer, of the scope asked, is in. */
const fires = (scope: 'mine' | 'everyone') =>
  `section.today-section[data-kind="trigger"][data-scope="${scope}"][aria-busy="false"]`;

function report(label: string, times: number[][], withGoal = true): void {
  const first = median(times.map((t) => t[0]));
  const all = median(times.map((t) => t[1]));
  line(`${label} -> sections (median of ${RUNS})`, withGoal ? goal(first, PAGE_GOAL_MS) : ms(first));
  line(`${label} -> playbooks that fire`, withGoal ? goal(all, PAGE_GOAL_MS) : ms(all));
}

/** Today in the page: opened from the Accounts screen, and the switch to everyone's and back. */
async function pageTimes(file: string): Promise<void> {
  const server = await startWebServer({ dbFile: file });
  const browser = await chromium.launch({
    executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(server.url);
    await page.locator(fires('mine')).waitFor({ timeout: 120_000 });
    const opens: number[][] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.getByRole('button', { name: 'Accounts', exact: true }).click();
      await page.getByRole('table', { name: 'Accounts' }).waitFor();
      await page.getByRole('button', { name: /^Today/ }).evaluate((b) => b.setAttribute('data-bench', 'today'));
      opens.push(await clickUntil(page, 'nav button[data-bench="today"]', [{ sel: SECTIONS }, { sel: fires('mine') }]));
    }
    report('page: open Today', opens);
    const box = '.today .screen-head input[type="checkbox"]';
    const subtitle = '.today .subtitle';
    const on: number[][] = [];
    const off: number[][] = [];
    for (let i = 0; i < RUNS; i++) {
      on.push(await clickUntil(page, box, [{ sel: subtitle, text: 'every account' }, { sel: fires('everyone') }]));
      off.push(await clickUntil(page, box, [{ sel: subtitle, text: 'your accounts' }, { sel: fires('mine') }]));
    }
    report(`page: "Show everyone's"`, on);
    report("page: back to one person's", off, false);
    await page.locator(box).check();
    await page.locator(fires('everyone')).waitFor();
    line("  everyone's rows on screen", String(await page.locator('.today li').count()));
  } finally {
    await browser.close();
    await server.close();
  }
}

const counts = (v: TodayView) => {
  const by = new Map<string, number>();
  for (const i of v.items) by.set(i.kind, (by.get(i.kind) ?? 0) + 1);
  return [...by].map(([k, n]) => `${n} ${k}`).join(', ');
};

function newWorkspace(db: Db): { customerId: number; people: number[] } {
  const t0 = performance.now();
  const { customerId, values } = buildWorkspace(db, { accounts: ACCOUNTS, months: MONTHS });
  const { people, running } = bookOfBusiness(db, customerId);
  console.log(
    `Workspace: ${ACCOUNTS} accounts x 67 KPIs x ${MONTHS} months (${values.toLocaleString('en')} values), ` +
      `${PEOPLE} people owning the active accounts, ${running} running playbooks; built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  return { customerId, people };
}

/** The workspace a run with --keep left: its Bench workspace and people, first the workspace's own user. */
function keptWorkspace(db: Db): { customerId: number; people: number[] } {
  const ws = db.raw.prepare("SELECT customer_id FROM customers WHERE customer_name = 'Bench'").get() as {
    customer_id: number;
  };
  const people = (
    db.raw.prepare('SELECT user_id FROM users WHERE customer_id = ? ORDER BY user_id').all(ws.customer_id) as Array<{
      user_id: number;
    }>
  ).map((u) => u.user_id);
  console.log(`Workspace: kept from an earlier run (${people.length} people)\n`);
  return { customerId: ws.customer_id, people };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-today-'));
  const ki = args.indexOf('--keep');
  const file = ki >= 0 ? path.resolve(args[ki + 1]) : path.join(dir, 'bench.db');
  try {
    const reuse = fs.existsSync(file);
    const db = await openDb(file);
    const { customerId, people } = reuse ? keptWorkspace(db) : newWorkspace(db);
    const everyone = timed(() => today(db, customerId, { everyone: true }));
    line("everyone's Today: items", `${everyone.value.items.length}: ${counts(everyone.value)}`);
    line('  JSON', `${(JSON.stringify(everyone.value).length / 1024).toFixed(0)} KB`);
    serviceTimes("everyone's", { everyone: true }, db, customerId, everyone.ms);
    const mine = timed(() => today(db, customerId, { userId: people[0] }));
    line("one person's Today: items", `${mine.value.items.length}: ${counts(mine.value)}`);
    serviceTimes("one person's", { userId: people[0] }, db, customerId, mine.ms);
    await db.close();
    if (!args.includes('--no-page')) await pageTimes(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
