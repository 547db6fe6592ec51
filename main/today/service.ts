import type { TodayItem, TodayKind, TodayView } from '../../shared/channels/today';
import { fmtHealth, plural } from '../../shared/format';
import { round2, STATUS_RANK, statusOf } from '../../shared/scoring';
import { addDays, daysBetween, localDate, monthsBetween } from '../../shared/today/dates';
import { all, type Db } from '../db/open';
import { latestTrends } from '../playbooks/snapshot';
import { evaluateWorkspace } from '../playbooks/triggers';
import { ymText } from '../scoring/service';
import { staleLimitOf } from '../settings/service';
import { type ActiveAccount, stepItems } from './steps';

/**
 * Issue 13, point 4: Today, what a CSM has to do: playbook steps overdue or due this week,
 * renewals in the next 90 days, accounts whose status worsened in their latest month, playbooks
 * that fire and are not running, accounts whose data is stale. For the user's accounts, or
 * everyone's when no account has an owner (or when asked); the steps are those the user is
 * responsible for by RACI (point 5, see steps.ts), on any account.
 */

export const RENEWAL_WINDOW_DAYS = 90;

export interface TodayOptions {
  userId?: number | null;
  everyone?: boolean;
  asOf?: string;
  timeZone?: string;
  now?: Date;
  /** False: without the playbooks that fire (the page asks for them apart: todayTriggers). */
  triggers?: boolean;
}

interface AccountFacts {
  id: number;
  name: string;
  renewal: string | null;
  /** The latest two scored months, oldest first: [YYYY-MM, overall]. */
  trend: Array<[string, number]>;
}

const KIND_ORDER: Record<TodayKind, number> = { step: 0, renewal: 1, status: 2, trigger: 3, stale: 4 };
/** Health as the user reads it everywhere: one decimal ("45.0", not "45"). */
const one = (n: number) => fmtHealth(n);

/**
 * Each account's latest two scored months, oldest first (all Today reads: the health, its change
 * and the latest month), as the trigger evaluation reads them.
 */
function latestTwo(db: Db, customerId: number, accountIds: number[]): Map<number, Array<[string, number]>> {
  const trends = new Map<number, Array<[string, number]>>();
  for (const [id, two] of latestTrends(db, customerId, accountIds)) {
    trends.set(
      id,
      two
        .filter((t) => t != null)
        .reverse()
        .map((t) => [ymText(t.year, t.month), Number(t.overall_health_score)]),
    );
  }
  return trends;
}

/** The active accounts in scope, with their renewal date and scored months; and every active account. */
function accountsInScope(
  db: Db,
  customerId: number,
  opts: TodayOptions,
  withTrends = true,
): { scope: TodayView['scope']; accounts: AccountFacts[]; active: Map<number, ActiveAccount> } {
  const rows = all(
    db,
    db.k
      .selectFrom('accounts')
      .select(['account_id', 'account_name', 'owner_user_id', 'renewal_date'])
      .where('customer_id', '=', customerId)
      .where('account_status', '=', 'active'),
  );
  const owned = rows.some((a) => a.owner_user_id != null);
  const mine = !opts.everyone && owned && opts.userId != null;
  const kept = mine ? rows.filter((a) => a.owner_user_id === opts.userId) : rows;
  const trends = withTrends
    ? latestTwo(
        db,
        customerId,
        kept.map((a) => a.account_id),
      )
    : new Map<number, Array<[string, number]>>();
  return {
    scope: mine ? 'mine' : 'everyone',
    active: new Map(rows.map((a) => [a.account_id, { name: a.account_name, ownerId: a.owner_user_id }])),
    accounts: kept.map((a) => ({
      id: a.account_id,
      name: a.account_name,
      renewal: a.renewal_date,
      trend: trends.get(a.account_id) ?? [],
    })),
  };
}

function renewalItems(accounts: AccountFacts[], asOf: string): TodayItem[] {
  const out: TodayItem[] = [];
  const last = addDays(asOf, RENEWAL_WINDOW_DAYS);
  for (const a of accounts) {
    if (!a.renewal || a.renewal < asOf || a.renewal > last) continue;
    const latest = a.trend.at(-1);
    const prev = a.trend.at(-2);
    const health = latest ? latest[1] : null;
    const daysLeft = daysBetween(asOf, a.renewal);
    const trend = latest && prev ? round2(latest[1] - prev[1]) : null;
    out.push({
      kind: 'renewal',
      account: a.name,
      accountId: a.id,
      title: `Renews ${daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`}${health != null ? `, health ${one(health)} (${statusOf(health)})` : ', no health score'}`,
      due: a.renewal,
      overdue: false,
      daysLeft,
      health,
      status: health != null ? statusOf(health) : null,
      trend,
    });
  }
  return out;
}

function statusItems(accounts: AccountFacts[]): TodayItem[] {
  const out: TodayItem[] = [];
  for (const a of accounts) {
    const latest = a.trend.at(-1);
    const prev = a.trend.at(-2);
    if (!latest || !prev) continue;
    const from = statusOf(prev[1]);
    const to = statusOf(latest[1]);
    if (STATUS_RANK[to] <= STATUS_RANK[from]) continue;
    out.push({
      kind: 'status',
      account: a.name,
      accountId: a.id,
      title: `Status worsened from ${from} to ${to} in ${latest[0]} (health ${one(prev[1])} → ${one(latest[1])})`,
      due: null,
      overdue: false,
      month: latest[0],
      from,
      to,
      health: latest[1],
    });
  }
  return out;
}

/** As the portfolio: the newest score more than the workspace's stale limit before the month of asOf. */
function staleItems(accounts: AccountFacts[], asOf: string, staleLimit: number): TodayItem[] {
  const out: TodayItem[] = [];
  for (const a of accounts) {
    const latest = a.trend.at(-1);
    if (!latest) continue;
    const monthsOld = monthsBetween(latest[0], asOf.slice(0, 7));
    if (monthsOld <= staleLimit) continue;
    out.push({
      kind: 'stale',
      account: a.name,
      accountId: a.id,
      title: `No new data since ${latest[0]} (${plural(monthsOld, 'month')})`,
      due: null,
      overdue: false,
      latestMonth: latest[0],
      monthsOld,
    });
  }
  return out;
}

/** Playbooks whose conditions hold for an account and that are not running there (read-only). */
function triggerItems(db: Db, customerId: number, accounts: AccountFacts[], now: Date): TodayItem[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const view = evaluateWorkspace(db, customerId, {
    dryRun: true,
    brief: true,
    now,
    accountIds: [...byId.keys()],
  });
  const out: TodayItem[] = [];
  for (const a of view.accounts) {
    const account = byId.get(a.accountId);
    if (!account) continue;
    for (const p of a.playbooks) {
      if (!p.fires || (p.outcome === 'blocked' && p.executionId)) continue;
      out.push({
        kind: 'trigger',
        account: account.name,
        accountId: account.id,
        title: `${p.playbookName} fires: ${p.reason}`,
        due: null,
        overdue: false,
        playbookId: p.playbookId,
        playbook: p.playbookName,
        reason: p.reason,
      });
    }
  }
  return out;
}

/** Overdue first, then by due date (undated last), then by kind and account. */
export function sortToday(items: TodayItem[]): TodayItem[] {
  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.account.localeCompare(b.account),
  );
}

/** The day Today looks from, and the moment the trigger safeguards are read at. */
function dayOf(opts: TodayOptions): { asOf: string; at: Date } {
  const now = opts.now ?? new Date();
  const asOf = opts.asOf ?? localDate(now, opts.timeZone);
  return { asOf, at: opts.asOf ? new Date(`${asOf}T12:00:00Z`) : now };
}

export function today(db: Db, customerId: number, opts: TodayOptions = {}): TodayView {
  const { asOf, at } = dayOf(opts);
  const { scope, accounts, active } = accountsInScope(db, customerId, opts);
  const stepScope = { accounts: active, userId: scope === 'mine' ? (opts.userId ?? null) : null };
  const items = sortToday([
    ...stepItems(db, customerId, stepScope, asOf, opts.timeZone),
    ...renewalItems(accounts, asOf),
    ...statusItems(accounts),
    ...(opts.triggers === false ? [] : triggerItems(db, customerId, accounts, at)),
    ...staleItems(accounts, asOf, staleLimitOf(db, customerId)),
  ]);
  return { asOf, items, scope, overdueCount: items.filter((i) => i.kind === 'step' && i.overdue).length };
}

/**
 * Today's playbooks that fire and are not running, alone: the slow part of a large workspace's
 * Today (the trigger evaluation of every account in scope), which the page loads beside the rest
 * so that the other sections show at once.
 */
export function todayTriggers(db: Db, customerId: number, opts: TodayOptions = {}): TodayView {
  const { asOf, at } = dayOf(opts);
  const { scope, accounts } = accountsInScope(db, customerId, opts, false);
  return { asOf, scope, items: sortToday(triggerItems(db, customerId, accounts, at)), overdueCount: 0 };
}
