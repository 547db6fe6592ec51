import type { ScoreReceipt, StatusImpact } from '../../shared/channels/scoring';
import { AppError } from '../../shared/errors';
import { explainChange, formatChange, type Status } from '../../shared/scoring';
import { activeAccounts, getAccount } from '../accounts/service';
import { all, type Db } from '../db/open';
import { categoryWeightsOf } from '../settings/service';
import { effectiveByMonth, loadAccountSeries, loadRanges, type SeriesRow, scoreMonth, ymKey, ymText } from './service';

const parseYm = (s: string) => {
  const [y, m] = s.split('-').map(Number);
  return ymKey(y, m);
};
const ymOf = (k: number) => ymText(Math.floor(k / 100), k % 100);

/**
 * The score receipt of an account for a month: every KPI's value, band, score, weight and share,
 * every category, the overall, and the change since the previous month with data, broken down
 * per KPI so that the parts sum to the change.
 */
export function explainAccountMonth(db: Db, customerId: number, accountId: number, month?: string): ScoreReceipt {
  const account = getAccount(db, customerId, accountId);
  const rows = loadAccountSeries(db, customerId, accountId);
  const byMonth = effectiveByMonth(rows);
  const months = [...byMonth.keys()].sort((a, b) => a - b);
  if (!months.length)
    throw new AppError('not_found', `${account.account_name} has no KPI data yet: import a workbook first.`);
  const target = month ? parseYm(month) : months[months.length - 1];
  const current = byMonth.get(target);
  if (!current) throw new AppError('not_found', `${account.account_name} has no KPI data for ${month}.`);
  const prevKey = months.filter((m) => m < target).pop() ?? null;
  const previous = prevKey != null ? byMonth.get(prevKey)! : null;

  const ranges = loadRanges(db);
  const weights = categoryWeightsOf(db, customerId);
  const now = scoreMonth(current, ranges, weights);
  const before = previous ? scoreMonth(previous, ranges, weights) : null;
  const change = explainChange(before, now);
  const versions = new Map(
    all(
      db,
      db.k
        .selectFrom('kpi_uploads')
        .select(['upload_id', 'version'])
        .where('account_id', '=', accountId)
        .where('customer_id', '=', customerId),
    ).map((u) => [u.upload_id, u.version]),
  );
  const source = (r: SeriesRow | undefined) =>
    r
      ? { uploadId: r.uploadId, uploadVersion: versions.get(r.uploadId) ?? null }
      : { uploadId: null, uploadVersion: null };

  return {
    accountId,
    accountName: account.account_name,
    month: ymOf(target),
    previousMonth: prevKey != null ? ymOf(prevKey) : null,
    months: months.map(ymOf),
    overall: now.overall,
    status: now.status,
    previousOverall: before?.overall ?? null,
    change: change.change,
    changeText: formatChange(change, 5),
    totalKpis: now.totalKpis,
    validKpis: now.validKpis,
    categories: now.categories.map((c) => ({ ...c })),
    kpis: now.kpis.map((k) => ({
      key: k.key,
      name: k.name, // the range's spelling where one matches (scoreAccountMonth)
      category: k.category,
      value: k.value,
      missing: k.score !== null ? null : !k.range ? 'no range' : 'no value',
      range: k.range,
      status: k.status,
      score: k.score,
      band: k.band,
      weight: k.weight,
      shareOfCategory: k.shareOfCategory,
      contribution: k.contribution,
      previousValue: previous?.get(k.key)?.value ?? null,
      ...source(current.get(k.key)),
    })),
    contributions: change.contributions,
    unweightedCategories: now.unweightedCategories,
    inputs: {
      kpis: [...current.entries()].map(([key, r]) => ({
        key,
        name: r.name,
        category: r.category,
        value: r.value,
        weight: r.weight,
        impactLevel: r.impactLevel,
      })),
      ranges: [...new Set(now.kpis.map((k) => k.range).filter((r) => r !== null))],
      categoryWeights: weights,
    },
  };
}

/**
 * What a settings change would do before it is saved: for each active account, the status it
 * shows now (its latest scored month) against the status it would show with the proposed settings
 * (its latest month that would be scored then), and the accounts whose status changes, including
 * an account that would get its first score or lose its only one.
 *
 * A preview runs as the user types, so it reads as little history as it can: one indexed query
 * for every account's latest scored month and latest upload period, then only the months from the
 * latest scored one on; an account's whole history only when it has no score now or would lose it.
 */
export function statusImpact(
  db: Db,
  customerId: number,
  proposal: { categoryWeights?: Record<string, number>; ranges?: ReturnType<typeof loadRanges> },
): StatusImpact {
  const accounts = activeAccounts(db, customerId);
  const ranges = loadRanges(db);
  const weights = categoryWeightsOf(db, customerId);
  const next = { ranges: proposal.ranges ?? ranges, weights: proposal.categoryWeights ?? weights };
  const latestScored = latestPerAccount(
    db,
    'SELECT account_id, MAX(year * 100 + month) FROM health_trends WHERE customer_id = ? GROUP BY account_id',
    customerId,
  );
  const latestPeriod = latestPerAccount(
    db,
    'SELECT account_id, MAX(period_year * 100 + period_month) FROM kpi_uploads WHERE customer_id = ? GROUP BY account_id',
    customerId,
  );
  const impact: StatusImpact = { changed: 0, scored: 0, examples: [] };
  for (const a of accounts) {
    const scoredMonth = latestScored.get(a.account_id) ?? null;
    const newest = Math.max(scoredMonth ?? 0, latestPeriod.get(a.account_id) ?? 0);
    if (!newest) continue;
    // The months from the latest scored one to the newest upload period (usually one month).
    let byMonth = effectiveByMonth(
      loadAccountSeries(db, customerId, a.account_id, scoredMonth ? monthsBetween(scoredMonth, newest) : undefined),
    );
    const from = scoredMonth ? scoreMonth(byMonth.get(scoredMonth) ?? new Map(), ranges, weights) : null;
    let to = latestScore(byMonth, next.ranges, next.weights);
    if (!to && scoredMonth) {
      byMonth = effectiveByMonth(loadAccountSeries(db, customerId, a.account_id));
      to = latestScore(byMonth, next.ranges, next.weights);
    }
    const fromStatus = from?.status ?? null;
    const toStatus = to?.status ?? null;
    if (fromStatus || toStatus) impact.scored++;
    if (fromStatus !== toStatus) {
      impact.changed++;
      if (impact.examples.length < 5) {
        impact.examples.push({
          accountName: a.account_name,
          from: fromStatus as Status | null,
          to: toStatus as Status | null,
          fromScore: from?.overall ?? null,
          toScore: to?.overall ?? null,
        });
      }
    }
  }
  return impact;
}

function latestPerAccount(db: Db, query: string, customerId: number): Map<number, number> {
  return new Map(db.raw.prepare(query).raw(true).all(customerId) as Array<[number, number]>);
}

/** `[year, month]` of every month from `fromYm` to `toYm` (both `year * 100 + month`), inclusive. */
function monthsBetween(fromYm: number, toYm: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = fromYm; k <= toYm; k = k % 100 === 12 ? k + 89 : k + 1) out.push([Math.floor(k / 100), k % 100]);
  return out;
}

/** The score of the newest month that has one with these settings, or null. */
function latestScore(
  byMonth: Map<number, Map<string, SeriesRow>>,
  ranges: ReturnType<typeof loadRanges>,
  weights: Record<string, number> | null,
) {
  for (const ym of [...byMonth.keys()].sort((x, y) => y - x)) {
    const score = scoreMonth(byMonth.get(ym)!, ranges, weights);
    if (score.status) return score;
  }
  return null;
}
