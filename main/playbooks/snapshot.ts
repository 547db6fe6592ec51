import { normalizeName } from '../../shared/names';
import { all, type Db, first } from '../db/open';
import { effectiveByMonth, loadAccountSeries, type SeriesRow, ymKey, ymText } from '../scoring/service';

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
function snapshotOf(cur: Trend | undefined, prev: Trend | undefined, rows: SeriesRow[]): AccountSnapshot {
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
 * Each wanted account's latest scored month as year * 100 + month, with its overall health
 * (SQLite gives a bare column's value from the row of the single MAX()): one pass over the
 * covering index idx_health_trends_account_ym.
 */
const LATEST_CTE = `
  latest AS (
    SELECT account_id, MAX(year * 100 + month) AS ym, overall_health_score
      FROM health_trends
     WHERE customer_id = ? AND account_id IN (SELECT value FROM json_each(?))
     GROUP BY account_id)`;

/** Each account's latest two scored months (n = 1 the latest, n = 2 the one before), for the accounts in the JSON list. */
const LATEST_TWO_SQL = `
  WITH ${LATEST_CTE}
  SELECT account_id, ym / 100 AS year, ym % 100 AS month, overall_health_score, 1 AS n FROM latest
  UNION ALL
  SELECT h.account_id, MAX(h.year * 100 + h.month) / 100, MAX(h.year * 100 + h.month) % 100, h.overall_health_score, 2
    FROM health_trends h JOIN latest l ON l.account_id = h.account_id
   WHERE h.customer_id = ? AND h.year * 100 + h.month < l.ym
   GROUP BY h.account_id`;

/**
 * Every stored value of each account's latest scored month, with its KPI row: one statement for
 * all the accounts (through kpis by account and kpi_time_series' UNIQUE (kpi_id, month, year)).
 */
const LATEST_VALUES_SQL = `
  WITH ${LATEST_CTE}
  SELECT ts.id, ts.kpi_id, ts.year, ts.month, ts.value, ts.health_status, ts.health_score,
         k.account_id, k.upload_id, COALESCE(k.kpi_parameter, ''), COALESCE(k.category, ''), k.weight, k.impact_level
    FROM latest l
    JOIN kpis k ON k.account_id = l.account_id
    JOIN kpi_time_series ts ON ts.kpi_id = k.kpi_id AND ts.month = l.ym % 100 AND ts.year = l.ym / 100
   WHERE ts.customer_id = ?`;
/** Only the KPIs of these names as written (a JSON list): the values of the others are not looked up. */
const ONLY_NAMED = ` AND k.kpi_parameter IN (SELECT value FROM json_each(?))`;

type TrendRow = Trend & { account_id: number; n: number };

/**
 * Each account's latest two scored months, [latest, the one before] (the one before missing
 * when it has one scored month; no entry when it has none), for the accounts named.
 */
export function latestTrends(db: Db, customerId: number, accountIds: readonly number[]): Map<number, Trend[]> {
  const ids = JSON.stringify(accountIds);
  const trends = new Map<number, Trend[]>();
  for (const t of db.raw.prepare(LATEST_TWO_SQL).all(customerId, ids, customerId) as TrendRow[]) {
    const list = trends.get(t.account_id) ?? [];
    list[t.n - 1] = t;
    trends.set(t.account_id, list);
  }
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
  const ids = JSON.stringify(accountIds);
  const valueParams: unknown[] = [customerId, ids, customerId];
  let valuesSql = LATEST_VALUES_SQL;
  if (only) {
    valuesSql += ONLY_NAMED;
    valueParams.push(spellingsOf(db, ids, only));
  }
  const trends = latestTrends(db, customerId, accountIds);
  const rows = new Map<number, SeriesRow[]>();
  for (const v of db.raw
    .prepare(valuesSql)
    .raw(true)
    .all(...valueParams) as unknown[][]) {
    const accountId = v[7] as number;
    const list = rows.get(accountId) ?? [];
    list.push({
      id: v[0] as number,
      kpiId: v[1] as number,
      year: v[2] as number,
      month: v[3] as number,
      value: v[4] as number | null,
      status: v[5] as string | null,
      score: v[6] as number | null,
      accountId,
      uploadId: v[8] as number,
      name: v[9] as string,
      category: v[10] as string,
      weight: v[11] as string | null,
      impactLevel: v[12] as string | null,
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
