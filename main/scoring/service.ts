import type BetterSqlite3 from 'better-sqlite3';
import type { EvaluationView } from '../../shared/channels/playbooks';
import { normalizeName } from '../../shared/names';
import {
  type AccountMonthScore,
  HEALTH_TREND_COLUMNS,
  indexRanges,
  type KpiInput,
  kpiKey,
  type Range,
  round2,
  scoreAccountMonth,
  scoreValue,
} from '../../shared/scoring';
import { all, type Db, inTransaction } from '../db/open';
import { prepared } from '../db/statements';
import { categoryWeightsOf } from '../settings/service';
import { NAMED_COLUMNS, type ScoreStatements, scoreStatements } from './score-statements';

/**
 * Stored health scores: kpi_time_series.health_status/health_score for every stored value, and
 * health_trends (+ health_trend_categories for every category) per account and month, following
 * ../shared/spec/scoring.md. Reads an account's rows once, scores them in memory, and writes only
 * what changed, in one transaction.
 */

export function loadRanges(db: Db): Map<string, Range> {
  const rows = all(db, db.k.selectFrom('kpi_reference_ranges').selectAll());
  return indexRanges(rows.map(toRange));
}

export function toRange(r: {
  kpi_name: string;
  unit: string;
  higher_is_better: number;
  critical_min: number;
  critical_max: number;
  risk_min: number;
  risk_max: number;
  healthy_min: number;
  healthy_max: number;
}): Range {
  return {
    kpiName: r.kpi_name,
    unit: r.unit,
    higherIsBetter: !!r.higher_is_better,
    criticalMin: Number(r.critical_min),
    criticalMax: Number(r.critical_max),
    riskMin: Number(r.risk_min),
    riskMax: Number(r.risk_max),
    healthyMin: Number(r.healthy_min),
    healthyMax: Number(r.healthy_max),
  };
}

/** One stored value with what identifies and weighs its KPI. */
export interface SeriesRow {
  id: number;
  accountId: number;
  year: number;
  month: number;
  value: number | null;
  status: string | null;
  score: number | null;
  kpiId: number;
  uploadId: number;
  name: string;
  category: string;
  weight: string | null;
  impactLevel: string | null;
}

// Reading an account's values: its KPI rows once (the strings), then the values as plain numbers,
// so that a re-score allocates a string per KPI row and not per monthly value. Values are found
// through their KPI rows (kpis by account, then kpi_time_series by its UNIQUE (kpi_id, month,
// year)), so kpi_time_series needs no index of its own beyond the seed's: every index there is
// paid for on each of the hundreds of thousands of rows an import writes.
export const KPIS_SQL = `SELECT kpi_id, upload_id, COALESCE(kpi_parameter, ''), COALESCE(category, ''), weight, impact_level
  FROM kpis WHERE account_id = ?`;
export const VALUES_SQL = `SELECT ts.id, ts.kpi_id, ts.year, ts.month, ts.value, ts.health_status, ts.health_score
  FROM kpis k JOIN kpi_time_series ts ON ts.kpi_id = k.kpi_id
  WHERE ts.customer_id = ? AND k.account_id = ?`;

function seriesStatement(db: Db, key: number | 'kpis'): BetterSqlite3.Statement {
  const filter =
    typeof key === 'number' && key > 0
      ? ` AND (${Array.from({ length: key }, () => '(ts.year = ? AND ts.month = ?)').join(' OR ')})`
      : '';
  return prepared(db.raw, key === 'kpis' ? KPIS_SQL : VALUES_SQL + filter, 'raw');
}

/** Every stored value of one account (any month, or the given months). */
export function loadAccountSeries(
  db: Db,
  customerId: number,
  accountId: number,
  months?: Array<[number, number]>,
): SeriesRow[] {
  const kpis = new Map<number, unknown[]>();
  for (const k of seriesStatement(db, 'kpis').all(accountId) as unknown[][]) kpis.set(k[0] as number, k);
  const params: unknown[] = [customerId, accountId];
  for (const [y, m] of months ?? []) params.push(y, m);
  const out: SeriesRow[] = [];
  for (const v of seriesStatement(db, months?.length ?? 0).all(...params) as unknown[][]) {
    const k = kpis.get(v[1] as number);
    if (!k) continue;
    out.push({
      id: v[0] as number,
      accountId,
      year: v[2] as number,
      month: v[3] as number,
      value: v[4] as number | null,
      status: v[5] as string | null,
      score: v[6] as number | null,
      kpiId: v[1] as number,
      uploadId: k[1] as number,
      name: k[2] as string,
      category: k[3] as string,
      weight: k[4] as string | null,
      impactLevel: k[5] as string | null,
    });
  }
  return out;
}

export const ymKey = (year: number, month: number) => year * 100 + month;
/** Each month's text ("2025-09") made once: imports and scoring ask for it per row-month, hundreds of thousands of times. */
const YM_TEXTS = new Map<number, string>();
export function ymText(year: number, month: number): string {
  const key = year * 100 + month;
  let text = YM_TEXTS.get(key);
  if (text === undefined) {
    text = `${year}-${String(month).padStart(2, '0')}`;
    if (Number.isInteger(month) && month >= 1 && month <= 12 && YM_TEXTS.size < 10_000) YM_TEXTS.set(key, text);
  }
  return text;
}

/** What choosing a month's effective value reads of a value row. */
export type EffectiveRow = Pick<SeriesRow, 'kpiId' | 'year' | 'month' | 'value' | 'uploadId' | 'name' | 'category'>;

/**
 * Spec 6: for each month and KPI (normalised category + name), the value of the most recent
 * upload that carries one; a KPI present only without a value still counts in total_kpis.
 */
export function effectiveByMonth<R extends EffectiveRow>(rows: R[]): Map<number, Map<string, R>> {
  const keyCache = new Map<number, string>();
  const out = new Map<number, Map<string, R>>();
  for (const r of rows) {
    let key = keyCache.get(r.kpiId);
    if (key === undefined) {
      key = kpiKey(r.category, r.name);
      keyCache.set(r.kpiId, key);
    }
    const ym = ymKey(r.year, r.month);
    let month = out.get(ym);
    if (!month) {
      month = new Map();
      out.set(ym, month);
    }
    const cur = month.get(key);
    if (!cur) {
      month.set(key, r);
      continue;
    }
    const curHas = cur.value != null;
    const newHas = r.value != null;
    if ((newHas && !curHas) || (newHas === curHas && r.uploadId > cur.uploadId)) month.set(key, r);
  }
  return out;
}

export function scoreMonth(
  month: Map<string, SeriesRow>,
  ranges: Map<string, Range>,
  weights: Record<string, number> | null,
): AccountMonthScore {
  const kpis: KpiInput[] = [];
  for (const [key, r] of month) {
    kpis.push({
      key,
      name: r.name,
      category: r.category,
      value: r.value,
      weight: r.weight,
      impactLevel: r.impactLevel,
    });
  }
  return scoreAccountMonth({ kpis, ranges, categoryWeights: weights });
}

export interface ScoreSummary {
  accounts: number;
  months: number;
  valuesRescored: number;
  trendsWritten: number;
  trendsRemoved: number;
  unweightedCategories: string[];
}

const same = (a: number | null, b: number | null) => (a == null ? b == null : b != null && Math.abs(a - b) < 0.005);

export interface RecomputeScope {
  accountIds?: number[];
  months?: Array<[number, number]>;
  /**
   * Rows the caller has just written and scored, for accounts that had no other values: they
   * are used as they are instead of being read back.
   */
  fresh?: Map<number, SeriesRow[]>;
}

/** What one re-score run shares between its steps: the inputs, the statements and the running summary. */
interface ScoreRun {
  db: Db;
  customerId: number;
  scope: RecomputeScope;
  ranges: Map<string, Range>;
  weights: Record<string, number> | null;
  now: string;
  st: ScoreStatements;
  summary: ScoreSummary;
  unweighted: Set<string>;
}

/** Step 1: each stored value's own status and score, written where it changed. */
function rescoreValues(run: ScoreRun, rows: SeriesRow[]): void {
  const scoreCache = new Map<number, Range | null>();
  for (const r of rows) {
    let range = scoreCache.get(r.kpiId);
    if (range === undefined) {
      range = run.ranges.get(normalizeName(r.name)) ?? null;
      scoreCache.set(r.kpiId, range);
    }
    const s = r.value != null && range ? scoreValue(r.value, range) : null;
    const status = s?.status ?? null;
    if (status !== r.status || !same(s ? s.score : null, r.score)) {
      const score = s ? round2(s.score) : null;
      run.st.updateValue.run(status, score, run.now, r.id);
      r.status = status;
      r.score = score;
      run.summary.valuesRescored++;
    }
  }
}

/** An account's stored monthly scores: the trend rows and a fingerprint of each month's categories. */
interface StoredMonths {
  trends: Map<number, unknown[]>;
  cats: Map<number, string>;
}

function storedMonths(st: ScoreStatements, accountId: number): StoredMonths {
  const trends = new Map<number, unknown[]>();
  for (const t of st.existingTrends.raw(true).all(accountId) as unknown[][])
    trends.set(ymKey(t[0] as number, t[1] as number), t.slice(2));
  const cats = new Map<number, string>();
  for (const c of st.existingCats.raw(true).all(accountId) as unknown[][]) {
    const k = ymKey(c[0] as number, c[1] as number);
    cats.set(k, `${cats.get(k) ?? ''}${c[2]}=${c[3]}/${c[4]}/${c[5]};`);
  }
  return { trends, cats };
}

/** The months to score: those with values, plus the given months (or every stored one). */
function monthsInScope(
  byMonth: Map<number, unknown>,
  stored: StoredMonths,
  months: Array<[number, number]> | undefined,
): Set<number> {
  const out = new Set<number>(byMonth.keys());
  if (months) for (const [y, m] of months) out.add(ymKey(y, m));
  else for (const k of stored.trends.keys()) out.add(k);
  return out;
}

/** Step 2a: every category's score of one month (the five named ones and any other), rewritten if it changed. */
function writeCategories(
  run: ScoreRun,
  accountId: number,
  ym: number,
  result: AccountMonthScore | null,
  before: string | undefined,
): void {
  const year = Math.floor(ym / 100);
  const month = ym % 100;
  const cats = (result?.categories ?? []).filter((c) => c.score !== null);
  const catsNow = cats.map((c) => `${c.category}=${round2(c.score as number)}/${c.weight}/${c.validKpis};`).join('');
  if (catsNow === before) return;
  // Nothing stored for the month (a new account's, or a new month): nothing to delete.
  if (before !== undefined) run.st.deleteCats.run(accountId, year, month);
  for (const c of cats)
    run.st.insertCat.run(
      accountId,
      run.customerId,
      month,
      year,
      c.category,
      round2(c.score as number),
      c.weight,
      c.validKpis,
    );
}

/** A month's health_trends row (after the key columns), in the order the statements use. */
function trendRow(result: AccountMonthScore & { overall: number }): unknown[] {
  const named: Record<string, number | null> = {};
  for (const c of NAMED_COLUMNS) named[c] = null;
  for (const c of result.categories) {
    const col = HEALTH_TREND_COLUMNS[normalizeName(c.category)];
    if (col && c.score !== null) named[col] = round2(c.score);
  }
  return [round2(result.overall), ...NAMED_COLUMNS.map((c) => named[c]), result.totalKpis, result.validKpis];
}

/** Step 2b: one month's overall row, written if it changed, removed if the month no longer scores. */
function writeTrend(
  run: ScoreRun,
  accountId: number,
  ym: number,
  result: AccountMonthScore | null,
  prev: unknown[] | undefined,
): void {
  const year = Math.floor(ym / 100);
  const month = ym % 100;
  if (!result || result.overall === null) {
    if (prev) {
      run.st.deleteTrend.run(accountId, year, month);
      run.summary.trendsRemoved++;
    }
    return;
  }
  const next = trendRow(result as AccountMonthScore & { overall: number });
  const changed =
    !prev ||
    next.some((v, i) =>
      typeof v === 'number' || v === null ? !same(v as number | null, prev[i] as number | null) : v !== prev[i],
    );
  if (changed) {
    run.st.upsertTrend.run(accountId, run.customerId, month, year, ...next, run.now);
    run.summary.trendsWritten++;
  }
}

/** One account: its values, then each of its months in scope. Returns the values it scored. */
function rescoreAccount(run: ScoreRun, accountId: number, fresh?: SeriesRow[]): SeriesRow[] {
  const { db, customerId, scope } = run;
  const rows = fresh ?? loadAccountSeries(db, customerId, accountId, scope.months);
  run.summary.accounts++;
  // Rows just written were scored as they were written, against the same ranges.
  if (!fresh) rescoreValues(run, rows);
  const stored = storedMonths(run.st, accountId);
  const byMonth = effectiveByMonth(rows);
  for (const ym of monthsInScope(byMonth, stored, scope.months)) {
    run.summary.months++;
    const kpis = byMonth.get(ym);
    const result = kpis ? scoreMonth(kpis, run.ranges, run.weights) : null;
    for (const c of result?.unweightedCategories ?? []) run.unweighted.add(c);
    writeCategories(run, accountId, ym, result, stored.cats.get(ym));
    writeTrend(run, accountId, ym, result, stored.trends.get(ym));
  }
  return rows;
}

/**
 * A re-score run opened for a workspace and the given months: accounts are scored one at a time
 * (`account`, with rows just written when the caller has them), then `finish` runs the hooks once
 * for all of them and gives the summary. The caller holds the transaction. An import scores each
 * account right after writing it, so that it never holds more than one account's new rows.
 */
export function openScoreRun(db: Db, customerId: number, scope: RecomputeScope = {}) {
  const run: ScoreRun = {
    db,
    customerId,
    scope,
    ranges: loadRanges(db),
    weights: categoryWeightsOf(db, customerId),
    now: new Date().toISOString(),
    st: scoreStatements(db),
    summary: {
      accounts: 0,
      months: 0,
      valuesRescored: 0,
      trendsWritten: 0,
      trendsRemoved: 0,
      unweightedCategories: [],
    },
    unweighted: new Set<string>(),
  };
  const scored: number[] = [];
  const after: AfterScoring = {};
  return {
    /**
     * Scores one account: `rows` are its only values (just written), else they are read (the
     * months in scope). Returns the values it scored, every upload's.
     */
    account(accountId: number, rows?: SeriesRow[]): SeriesRow[] {
      scored.push(accountId);
      return rescoreAccount(run, accountId, rows);
    },
    finish(): ScoreSummary {
      for (const hook of onScored) hook(db, customerId, scored, after);
      run.summary.unweightedCategories = [...run.unweighted].sort();
      return run.summary;
    },
    after, // what the hooks found, after `finish`
  };
}

/**
 * Brings the stored scores of a workspace up to date: all its accounts, or the given ones, every
 * stored month (or the given months). One transaction; nested inside the caller's if there is one.
 */
export function recomputeScores(db: Db, customerId: number, scope: RecomputeScope = {}): ScoreSummary {
  const accountIds =
    scope.accountIds ??
    all(db, db.k.selectFrom('accounts').select('account_id').where('customer_id', '=', customerId)).map(
      (a) => a.account_id,
    );
  return inTransaction(db, () => {
    const run = openScoreRun(db, customerId, scope);
    for (const accountId of accountIds) run.account(accountId, scope.fresh?.get(accountId));
    return run.finish();
  });
}

/** What the hooks after a re-score leave for its caller: the triggers' evaluation, applied. */
export type AfterScoring = { triggers?: EvaluationView };
// Hooks run after a re-score (the playbook trigger evaluation), inside its transaction, with the
// accounts re-scored; what they find goes in `after` (an import reports the playbooks that now fire).
type ScoredHook = (db: Db, customerId: number, accountIds: number[], after: AfterScoring) => void;
const onScored: ScoredHook[] = [];
export function onScoresUpdated(hook: ScoredHook): void {
  onScored.push(hook);
}

/** Every workspace that has stored values (a change of the global reference ranges touches them all). */
export function recomputeAllWorkspaces(db: Db): ScoreSummary[] {
  const ids = all(db, db.k.selectFrom('customers').select('customer_id')).map((c) => c.customer_id);
  return inTransaction(db, () => ids.map((id) => recomputeScores(db, id)));
}

/** The stored scores follow the settings: a change of category weights re-scores the workspace. */
import { onCategoryWeightsChanged } from '../settings/service';

onCategoryWeightsChanged((db, customerId) => {
  recomputeScores(db, customerId);
});
