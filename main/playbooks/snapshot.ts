import { normalizeName } from '../../shared/names';
import { all, type Db, first } from '../db/open';
import {
  type EffectiveRow,
  effectiveByMonth,
  loadAccountSeries,
  type SeriesRow,
  ymKey,
  ymText,
} from '../scoring/service';

/**
 * What the playbooks read of an account's KPIs: its latest scored month (the latest
 * health_trends row), that month's effective KPI values by normalised name (spec 6 of
 * scoring.md), and the overall health of that month and of the scored month before it.
 */
export interface AccountSnapshot {
  month: string | null;
  kpis: Map<string, number>;
  health: number | null;
  previousMonth: string | null;
  previousHealth: number | null;
}

const EMPTY = (): AccountSnapshot => ({
  month: null,
  kpis: new Map(),
  health: null,
  previousMonth: null,
  previousHealth: null,
});

function latestTwoOf(db: Db, customerId: number, accountId: number) {
  return all(
    db,
    db.k
      .selectFrom('health_trends')
      .select(['year', 'month', 'overall_health_score'])
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId)
      .orderBy('year', 'desc')
      .orderBy('month', 'desc')
      .limit(2),
  );
}

const num = (v: unknown): number | null => (v == null || !Number.isFinite(Number(v)) ? null : Number(v));

export type Trend = { year: number; month: number; overall_health_score: unknown };

/** A snapshot from an account's latest two scored months and the value rows of the latest. */
function snapshotOf(cur: Trend | undefined, prev: Trend | undefined, rows: EffectiveRow[]): AccountSnapshot {
  if (!cur) return EMPTY();
  const month = effectiveByMonth(rows).get(ymKey(cur.year, cur.month));
  const kpis = new Map<string, number>();
  for (const r of month?.values() ?? []) {
    const key = normalizeName(r.name);
    if (r.value != null && Number.isFinite(Number(r.value)) && !kpis.has(key)) kpis.set(key, Number(r.value));
  }
  return {
    month: ymText(cur.year, cur.month),
    kpis,
    health: num(cur.overall_health_score),
    previousMonth: prev ? ymText(prev.year, prev.month) : null,
    previousHealth: prev ? num(prev.overall_health_score) : null,
  };
}

/** The trigger evaluation's input: the latest scored month only. */
export function latestSnapshot(db: Db, customerId: number, accountId: number): AccountSnapshot {
  const [cur, prev] = latestTwoOf(db, customerId, accountId);
  if (!cur) return EMPTY();
  return snapshotOf(cur, prev, loadAccountSeries(db, customerId, accountId, [[cur.year, cur.month]]));
}

/**
 * Each account's latest two scored months, for the accounts in the JSON list: two steps back on
 * the covering index idx_health_trends_account_ym per account (a few thousand index seeks,
 * instead of a grouped pass over every month of every account).
 */
const LATEST_TWO_SQL = `
  SELECT h.account_id, h.year, h.month, h.overall_health_score
    FROM json_each(?) a
    JOIN health_trends h ON h.trend_id IN (
      SELECT trend_id FROM health_trends
       WHERE account_id = a.value AND customer_id = ?
       ORDER BY year DESC, month DESC LIMIT 2)`;

/**
 * Every stored value of each account's latest scored month (a JSON list of [account, year,
 * month], from latestTrends), with what choosing the effective value needs of its KPI row: one
 * statement for all the accounts (through kpis by account and kpi_time_series' UNIQUE (kpi_id,
 * month, year)).
 */
export const LATEST_VALUES_SQL = `
  WITH latest AS (SELECT value ->> 0 AS account_id, value ->> 1 AS year, value ->> 2 AS month FROM json_each(?))
  SELECT ts.kpi_id, ts.year, ts.month, ts.value, k.account_id, k.upload_id,
         COALESCE(k.kpi_parameter, ''), COALESCE(k.category, '')
    FROM latest l
    JOIN kpis k ON k.account_id = l.account_id
    JOIN kpi_time_series ts ON ts.kpi_id = k.kpi_id AND ts.month = l.month AND ts.year = l.year
   WHERE ts.customer_id = ?`;
/** Only the KPIs of these names as written (a JSON list): the values of the others are not looked up. */
export const ONLY_NAMED = ` AND k.kpi_parameter IN (SELECT value FROM json_each(?))`;

type TrendRow = Trend & { account_id: number };

const laterFirst = (a: Trend, b: Trend) => b.year - a.year || b.month - a.month;

/**
 * Each account's latest two scored months, [latest, the one before] (the one before missing
 * when it has one scored month; no entry when it has none), for the accounts named.
 */
export function latestTrends(db: Db, customerId: number, accountIds: readonly number[]): Map<number, Trend[]> {
  const trends = new Map<number, Trend[]>();
  for (const t of db.raw.prepare(LATEST_TWO_SQL).all(JSON.stringify(accountIds), customerId) as TrendRow[]) {
    const list = trends.get(t.account_id);
    if (list) list.push(t);
    else trends.set(t.account_id, [t]);
  }
  for (const list of trends.values()) list.sort(laterFirst);
  return trends;
}

/**
 * The KPI names, as the accounts' workbooks write them, that normalise to one of `only`: the
 * spellings the values statement looks for (a KPI's name is matched as scoring.md says, case
 * and spacing aside, without calling back into JavaScript for each of the KPI rows).
 */
function spellingsOf(db: Db, ids: string, only: readonly string[]): string {
  const wanted = new Set(only.map(normalizeName));
  const names = db.raw
    .prepare('SELECT DISTINCT kpi_parameter FROM kpis WHERE account_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(ids) as Array<string | null>;
  return JSON.stringify(names.filter((n) => n != null && wanted.has(normalizeName(n))));
}

/**
 * latestSnapshot for many accounts at once: the same snapshots, read with three statements for
 * all of them instead of three per account (the trigger evaluation of a whole workspace, Today).
 * With `only` (KPI names), a snapshot holds those KPIs' values alone: what the triggers read.
 */
export function latestSnapshots(
  db: Db,
  customerId: number,
  accountIds: number[],
  only?: readonly string[],
): Map<number, AccountSnapshot> {
  const trends = latestTrends(db, customerId, accountIds);
  const latest = [...trends].map(([id, [cur]]) => [id, cur.year, cur.month]);
  const valueParams: unknown[] = [JSON.stringify(latest), customerId];
  let valuesSql = LATEST_VALUES_SQL;
  if (only) {
    valuesSql += ONLY_NAMED;
    valueParams.push(spellingsOf(db, JSON.stringify(accountIds), only));
  }
  const rows = new Map<number, EffectiveRow[]>();
  for (const v of db.raw
    .prepare(valuesSql)
    .raw(true)
    .all(...valueParams) as unknown[][]) {
    const accountId = v[4] as number;
    const list = rows.get(accountId) ?? [];
    list.push({
      kpiId: v[0] as number,
      year: v[1] as number,
      month: v[2] as number,
      value: v[3] as number | null,
      uploadId: v[5] as number,
      name: v[6] as string,
      category: v[7] as string,
    });
    rows.set(accountId, list);
  }
  return new Map(
    accountIds.map((id) => {
      const [cur, prev] = trends.get(id) ?? [];
      return [id, snapshotOf(cur, prev, rows.get(id) ?? [])];
    }),
  );
}

/**
 * Adds to `kpis` each KPI's value of the latest month up to `upTo` (a ymKey) that has one, for
 * the KPIs it does not hold yet (a quarterly KPI keeps its last value).
 */
function fillLatest(kpis: Map<string, number>, byMonth: Map<number, Map<string, SeriesRow>>, upTo: number): void {
  const months = [...byMonth.keys()].filter((k) => k <= upTo).sort((a, b) => b - a);
  for (const k of months) {
    for (const r of byMonth.get(k)!.values()) {
      const key = normalizeName(r.name);
      if (r.value != null && Number.isFinite(Number(r.value)) && !kpis.has(key)) kpis.set(key, Number(r.value));
    }
  }
}

/**
 * The baseline's and the report's "latest values": each KPI's value in the latest scored month,
 * or, when that month has none for it (a quarterly KPI), its most recent earlier value; and the
 * latest overall health.
 */
export function latestValues(
  db: Db,
  customerId: number,
  accountId: number,
  latest: AccountSnapshot = latestSnapshot(db, customerId, accountId),
): AccountSnapshot {
  const snap = { ...latest, kpis: new Map(latest.kpis) };
  if (!snap.month) return snap;
  const [y, m] = snap.month.split('-').map(Number);
  fillLatest(snap.kpis, effectiveByMonth(loadAccountSeries(db, customerId, accountId)), ymKey(y, m));
  return snap;
}

/**
 * The latest values as they were at a moment (ISO): as latestValues, from the uploads made by
 * then only (kpi_uploads.uploaded_at <= at); the health is the stored one of that latest month.
 * For reports of executions completed before their values were kept at completion.
 */
export function valuesAsOf(db: Db, customerId: number, accountId: number, at: string): AccountSnapshot {
  const uploads = new Set(
    all(
      db,
      db.k
        .selectFrom('kpi_uploads')
        .select('upload_id')
        .where('customer_id', '=', customerId)
        .where('account_id', '=', accountId)
        .where('uploaded_at', '<=', at),
    ).map((u) => u.upload_id),
  );
  const rows = loadAccountSeries(db, customerId, accountId).filter((r) => uploads.has(r.uploadId));
  const byMonth = effectiveByMonth(rows);
  const latest = Math.max(0, ...byMonth.keys());
  const out = EMPTY();
  if (!latest) return out;
  const year = Math.floor(latest / 100);
  const month = latest % 100;
  fillLatest(out.kpis, byMonth, latest);
  const trend = first(
    db,
    db.k
      .selectFrom('health_trends')
      .select('overall_health_score')
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId)
      .where('year', '=', year)
      .where('month', '=', month),
  );
  return { ...out, month: ymText(year, month), health: trend ? num(trend.overall_health_score) : null };
}
