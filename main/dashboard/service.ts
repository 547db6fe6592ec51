import type BetterSqlite3 from 'better-sqlite3';
import type {
  AccountDashboard,
  KpiHistory,
  KpiPoint,
  Portfolio,
  PortfolioRow,
  UploadRef,
} from '../../shared/channels/dashboard';
import { AppError } from '../../shared/errors';
import { normalizeName } from '../../shared/names';
import { kpiKey, type Status, statusOf } from '../../shared/scoring';
import { getAccount } from '../accounts/service';
import type { Db } from '../db/open';
import { effectiveByMonth, loadAccountSeries, loadRanges, type SeriesRow, ymKey, ymText } from '../scoring/service';
import { categoryWeightsOf, staleLimitOf } from '../settings/service';

/**
 * Read models of the dashboards. SQLite does the aggregation (newest months per account); the
 * renderer gets only what it draws. Every query is scoped to the workspace (customer_id).
 */

// --- months as integers (year * 100 + month) ---------------------------------------------------

const ymOf = (k: number) => ymText(Math.floor(k / 100), k % 100);
const parseYm = (s: string) => {
  const [y, m] = s.split('-').map(Number);
  return ymKey(y, m);
};
/** Months from a to b (b later: positive). */
export const monthsBetween = (a: number, b: number) =>
  (Math.floor(b / 100) - Math.floor(a / 100)) * 12 + ((b % 100) - (a % 100));
/** The month `n` months after k (n may be negative). */
export const addMonths = (k: number, n: number) => {
  const i = Math.floor(k / 100) * 12 + (k % 100) - 1 + n;
  return Math.floor(i / 12) * 100 + (i % 12) + 1;
};
/** The `count` months ending at `end`, oldest first. */
const monthsEndingAt = (end: number, count: number) =>
  Array.from({ length: count }, (_, i) => addMonths(end, i - count + 1));

export const SPARK_MONTHS = 12;

/** One statement prepared once per connection. */
function prepared(db: Db, key: string, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(db.raw);
  if (!cache) {
    cache = new Map();
    statements.set(db.raw, cache);
  }
  let s = cache.get(key);
  if (!s) {
    s = db.raw.prepare(sql);
    cache.set(key, s);
  }
  return s;
}
const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

// --- portfolio ------------------------------------------------------------------------------------

/**
 * One row per active account: the newest 13 stored months (the latest, the one before it, and
 * the sparkline window) folded by SQLite into one string per account, read through an index that
 * starts with health_trends.account_id; the newest upload through kpi_uploads'
 * (customer_id, account_id, ...) index. The unary `+` keeps SQLite from choosing
 * idx_health_trends_customer (customer_id, year, month) for the subquery, which would read every
 * month of every account of the workspace once per account; the workspace check stays.
 * With the index (account_id, year, month, customer_id, overall_health_score) the subquery reads
 * 13 index entries per account and nothing else (bench/ui.ts measures both).
 */
export const PORTFOLIO_SQL = `
SELECT a.account_id, a.account_name, a.revenue, a.industry, a.region,
  (SELECT MAX(u.uploaded_at) FROM kpi_uploads u
    WHERE u.customer_id = a.customer_id AND u.account_id = a.account_id) AS last_upload,
  (SELECT group_concat(r.ym || ':' || r.s, ',')
     FROM (SELECT h.year * 100 + h.month AS ym, h.overall_health_score AS s
             FROM health_trends h
            WHERE h.account_id = a.account_id AND +h.customer_id = a.customer_id
            ORDER BY h.year DESC, h.month DESC
            LIMIT ${SPARK_MONTHS + 1}) r) AS recent,
  a.owner_user_id, o.user_name AS owner_name, a.renewal_date, a.segment
FROM accounts a
LEFT JOIN users o ON o.user_id = a.owner_user_id AND o.customer_id = a.customer_id
WHERE a.customer_id = ? AND a.account_status = 'active'
ORDER BY a.account_name COLLATE NOCASE`;

type PortfolioDbRow = [
  number,
  string,
  number | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
];

export function portfolio(db: Db, customerId: number, today: Date = new Date()): Portfolio {
  const raw = prepared(db, 'portfolio', PORTFOLIO_SQL).raw(true).all(customerId) as PortfolioDbRow[];
  const todayYm = ymKey(today.getFullYear(), today.getMonth() + 1);
  const staleAfterMonths = staleLimitOf(db, customerId);

  // Newest first, per account.
  const recents: Array<Array<[number, number]>> = raw.map((r) => {
    if (!r[6]) return [];
    const list = r[6].split(',').map((p) => {
      const i = p.indexOf(':');
      return [Number(p.slice(0, i)), Number(p.slice(i + 1))] as [number, number];
    });
    return list.sort((x, y) => y[0] - x[0]);
  });
  let latest = 0;
  for (const list of recents) if (list.length && list[0][0] > latest) latest = list[0][0];
  const window = latest ? monthsEndingAt(latest, SPARK_MONTHS) : [];
  const windowStart = window[0] ?? 0;

  const industries = new Set<string>();
  const regions = new Set<string>();
  const segments = new Set<string>();
  const owners = new Map<number, string>();
  const rows: PortfolioRow[] = raw.map((r, i) => {
    const list = recents[i];
    const [lm, ls] = list[0] ?? [null, null];
    const [pm, ps] = list[1] ?? [null, null];
    const spark: Array<number | null> = window.length ? new Array(window.length).fill(null) : [];
    for (const [ym, s] of list) {
      if (ym < windowStart) break;
      spark[monthsBetween(windowStart, ym)] = s;
    }
    if (r[3]) industries.add(r[3]);
    if (r[4]) regions.add(r[4]);
    if (r[10]) segments.add(r[10]);
    if (r[7] != null && r[8] != null) owners.set(r[7], r[8]);
    return {
      id: r[0],
      name: r[1],
      revenue: r[2] ? Number(r[2]) : null,
      industry: r[3],
      region: r[4],
      latestMonth: lm != null ? ymOf(lm) : null,
      score: ls,
      status: ls != null ? statusOf(ls) : null,
      previousMonth: pm != null ? ymOf(pm) : null,
      change: ls != null && ps != null ? Math.round((ls - ps) * 100) / 100 : null,
      spark,
      lastUpload: r[5],
      stale: lm != null && monthsBetween(lm, todayYm) > staleAfterMonths,
      ownerId: r[8] != null ? r[7] : null,
      owner: r[8],
      renewal: r[9],
      segment: r[10],
    };
  });
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return {
    rows,
    window: window.map(ymOf),
    latestMonth: latest ? ymOf(latest) : null,
    today: ymOf(todayYm),
    staleAfterMonths,
    industries: sorted(industries),
    regions: sorted(regions),
    segments: sorted(segments),
    owners: [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

// --- account ----------------------------------------------------------------------------------------

function uploadsOf(db: Db, customerId: number, accountId: number): Map<number, UploadRef> {
  const rows = prepared(
    db,
    'uploads',
    `SELECT upload_id, version, original_filename, uploaded_at, period_year, period_month
       FROM kpi_uploads WHERE customer_id = ? AND account_id = ?`,
  )
    .raw(true)
    .all(customerId, accountId) as Array<[number, number, string | null, string, number | null, number | null]>;
  return new Map(
    rows.map((u) => [
      u[0],
      {
        uploadId: u[0],
        version: u[1],
        fileName: u[2],
        uploadedAt: u[3],
        period: u[4] != null && u[5] != null ? ymText(u[4], u[5]) : null,
      },
    ]),
  );
}

/** The order categories are shown in: the workspace's weights first, then any other by name. */
function categoryOrder(db: Db, customerId: number, names: Iterable<string>): string[] {
  const configured = Object.keys(categoryWeightsOf(db, customerId) ?? {}).map(normalizeName);
  const rank = (c: string) => {
    const i = configured.indexOf(normalizeName(c));
    return i < 0 ? configured.length : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function accountDashboard(db: Db, customerId: number, accountId: number, month?: string): AccountDashboard {
  const a = getAccount(db, customerId, accountId);
  const account = {
    id: a.account_id,
    name: a.account_name,
    revenue: Number(a.revenue ?? 0),
    industry: a.industry,
    region: a.region,
    active: a.account_status !== 'inactive',
  };

  const overall = prepared(
    db,
    'trend',
    `SELECT year, month, overall_health_score FROM health_trends
      WHERE customer_id = ? AND account_id = ? ORDER BY year, month`,
  )
    .raw(true)
    .all(customerId, accountId) as Array<[number, number, number]>;
  const cats = prepared(
    db,
    'trendCategories',
    `SELECT year, month, category, score FROM health_trend_categories
      WHERE customer_id = ? AND account_id = ? ORDER BY year, month, id`,
  )
    .raw(true)
    .all(customerId, accountId) as Array<[number, number, string, number]>;
  const byMonth = new Map<number, Record<string, number>>();
  for (const [y, m, c, s] of cats) {
    const k = ymKey(y, m);
    let rec = byMonth.get(k);
    if (!rec) {
      rec = {};
      byMonth.set(k, rec);
    }
    rec[c] = s;
  }
  const trend = overall.map(([y, m, s]) => ({
    month: ymText(y, m),
    overall: s,
    categories: byMonth.get(ymKey(y, m)) ?? {},
  }));
  const categories = categoryOrder(
    db,
    customerId,
    cats.map((c) => c[2]),
  );

  const series = effectiveByMonth(loadAccountSeries(db, customerId, accountId));
  const months = [...series.keys()].sort((x, y) => x - y);
  let target: number | null = months.length ? months[months.length - 1] : null;
  if (month) {
    target = parseYm(month);
    if (!series.has(target)) throw new AppError('not_found', `${a.account_name} has no KPI data for ${month}.`);
  }
  const sparkMonths = target != null ? monthsEndingAt(target, SPARK_MONTHS) : [];
  const kpiSparks: Record<string, Array<number | null>> = {};
  if (target != null) {
    for (const key of series.get(target)!.keys()) kpiSparks[key] = new Array(sparkMonths.length).fill(null);
    sparkMonths.forEach((ym, i) => {
      const m = series.get(ym);
      if (!m) return;
      for (const [key, r] of m) {
        const spark = kpiSparks[key];
        if (spark) spark[i] = r.value;
      }
    });
  }

  const uploads = uploadsOf(db, customerId, accountId);
  let lastUpload: UploadRef | null = null;
  for (const u of uploads.values()) if (!lastUpload || u.uploadId > lastUpload.uploadId) lastUpload = u;

  return {
    account,
    months: months.map(ymOf),
    month: target != null ? ymOf(target) : null,
    trend,
    categories,
    sparkMonths: sparkMonths.map(ymOf),
    kpiSparks,
    lastUpload,
  };
}

// --- one KPI -----------------------------------------------------------------------------------------

const asStatus = (s: string | null): Status | null => (s === 'Healthy' || s === 'Risk' || s === 'Critical' ? s : null);

/**
 * One KPI of one account over time: each month's value from the most recent upload carrying one
 * (spec 6), its stored status and score, where it came from and what it replaced.
 */
export function kpiHistory(db: Db, customerId: number, accountId: number, kpi: string, category?: string): KpiHistory {
  const a = getAccount(db, customerId, accountId);
  const rows = loadAccountSeries(db, customerId, accountId);
  const wantedName = normalizeName(kpi);
  const wantedCat = category ? normalizeName(category) : null;
  const mine = rows.filter(
    (r) => normalizeName(r.name) === wantedName && (wantedCat === null || normalizeName(r.category) === wantedCat),
  );
  if (!mine.length) {
    throw new AppError('not_found', `${a.account_name} has no KPI named "${kpi}"${category ? ` in ${category}` : ''}.`);
  }
  // Without a category, the KPI of that name in the first category found.
  const key = kpiKey(mine[0].category, mine[0].name);
  const sameKpi = mine.filter((r) => kpiKey(r.category, r.name) === key);
  const byMonth = effectiveByMonth(sameKpi);
  const uploads = uploadsOf(db, customerId, accountId);
  const ref = (uploadId: number): UploadRef =>
    uploads.get(uploadId) ?? { uploadId, version: 0, fileName: null, uploadedAt: '', period: null };

  const points: KpiPoint[] = [...byMonth.keys()]
    .sort((x, y) => x - y)
    .map((ym) => {
      const chosen = byMonth.get(ym)!.get(key) as SeriesRow;
      const others = sameKpi
        .filter((r) => ymKey(r.year, r.month) === ym && r.id !== chosen.id)
        .sort((x, y) => y.uploadId - x.uploadId)
        .map((r) => ({ ...ref(r.uploadId), value: r.value }));
      return {
        month: ymOf(ym),
        value: chosen.value,
        status: asStatus(chosen.status),
        score: chosen.score,
        source: ref(chosen.uploadId),
        superseded: others,
      };
    });
  const latest = [...sameKpi].sort((x, y) => y.uploadId - x.uploadId)[0];
  const range = loadRanges(db).get(wantedName) ?? null;
  return {
    accountId,
    accountName: a.account_name,
    // In the reference range's spelling where one matches (the upload keeps the workbook's own).
    kpi: range?.kpiName ?? latest.name,
    category: latest.category,
    range,
    points,
  };
}
