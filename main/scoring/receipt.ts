import type { ScoreReceipt, StatusImpact } from '../../shared/channels/scoring';
import { AppError } from '../../shared/errors';
import { explainChange, formatChange, type Status, scoreAccountMonth } from '../../shared/scoring';
import { getAccount } from '../accounts/service';
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
      name: k.name,
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
 * What a settings change would do before it is saved: each active account's latest month scored
 * with the current settings and with the proposed ones, and the accounts whose status changes.
 */
export function statusImpact(
  db: Db,
  customerId: number,
  proposal: { categoryWeights?: Record<string, number>; ranges?: ReturnType<typeof loadRanges> },
): StatusImpact {
  const accounts = all(
    db,
    db.k
      .selectFrom('accounts')
      .select(['account_id', 'account_name'])
      .where('customer_id', '=', customerId)
      .where('account_status', '=', 'active'),
  );
  const ranges = loadRanges(db);
  const weights = categoryWeightsOf(db, customerId);
  const impact: StatusImpact = { changed: 0, scored: 0, examples: [] };
  // Each account's latest scored month, in one indexed query; then only that month's values are
  // read (a preview runs as the user types: it must not read a workspace's whole history).
  const latestOf = new Map(
    (
      db.raw
        .prepare(
          'SELECT account_id, MAX(year * 100 + month) FROM health_trends WHERE customer_id = ? GROUP BY account_id',
        )
        .raw(true)
        .all(customerId) as Array<[number, number]>
    ).map(([id, ym]) => [id, ym]),
  );
  for (const a of accounts) {
    const latest = latestOf.get(a.account_id);
    if (latest == null) continue;
    const byMonth = effectiveByMonth(
      loadAccountSeries(db, customerId, a.account_id, [[Math.floor(latest / 100), latest % 100]]),
    );
    if (!byMonth.has(latest)) continue;
    const kpis = [...byMonth.get(latest)!.entries()].map(([key, r]) => ({
      key,
      name: r.name,
      category: r.category,
      value: r.value,
      weight: r.weight,
      impactLevel: r.impactLevel,
    }));
    const from = scoreAccountMonth({ kpis, ranges, categoryWeights: weights });
    const to = scoreAccountMonth({
      kpis,
      ranges: proposal.ranges ?? ranges,
      categoryWeights: proposal.categoryWeights ?? weights,
    });
    impact.scored++;
    if (from.status !== to.status) {
      impact.changed++;
      if (impact.examples.length < 5) {
        impact.examples.push({
          accountName: a.account_name,
          from: from.status as Status | null,
          to: to.status as Status | null,
          fromScore: from.overall,
          toScore: to.overall,
        });
      }
    }
  }
  return impact;
}
