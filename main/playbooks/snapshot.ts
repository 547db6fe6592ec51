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

function latestTrends(db: Db, customerId: number, accountId: number) {
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

/** The trigger evaluation's input: the latest scored month only. */
export function latestSnapshot(db: Db, customerId: number, accountId: number): AccountSnapshot {
  const [cur, prev] = latestTrends(db, customerId, accountId);
  if (!cur) return EMPTY();
  const rows = loadAccountSeries(db, customerId, accountId, [[cur.year, cur.month]]);
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
