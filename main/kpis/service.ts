import type { KpiEditInput, KpiEditResult, KpiEditRow } from '../../shared/channels/kpis';
import { AppError } from '../../shared/errors';
import { parseNumberText } from '../../shared/import/values';
import { normalizeName } from '../../shared/names';
import { formatNumber } from '../../shared/playbooks/catalogue';
import { all, type Db, first, inTransaction, run } from '../db/open';
import { recomputeScores, ymText } from '../scoring/service';

/**
 * Issue 13, point 2: a KPI's value for a month corrected in place. The stored value the month
 * shows (spec 6: the newest upload carrying one) is changed, attributed on kpis.last_edited_by /
 * last_edited_at (and its Data when the month is the upload's period), kept in kpi_edits and
 * re-scored, all in one transaction. Bad input is refused in one sentence before anything is written.
 */

/** The value typed, as a number, or the sentence that refuses it. */
export function parseEditValue(value: number | string): number {
  const n = typeof value === 'number' ? value : parseNumberText(value);
  if (n === null || !Number.isFinite(n))
    throw new AppError('invalid_input', `"${String(value).trim()}" is not a number.`);
  return n;
}

function accountOf(db: Db, customerId: number, accountId: number) {
  const a = first(
    db,
    db.k
      .selectFrom('accounts')
      .select(['account_id', 'account_name'])
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId),
  );
  if (!a) throw new AppError('not_found', 'That account does not exist in this workspace.');
  return a;
}

interface Target {
  seriesId: number;
  kpiId: number;
  name: string;
  category: string;
  value: number | null;
  periodMatches: boolean;
}

/** The KPI rows of the account named `kpi` (and `category` when given), or one sentence. */
function kpiRows(db: Db, accountId: number, accountName: string, kpi: string, category?: string) {
  const rows = all(
    db,
    db.k
      .selectFrom('kpis')
      .innerJoin('kpi_uploads', 'kpi_uploads.upload_id', 'kpis.upload_id')
      .select([
        'kpis.kpi_id',
        'kpis.kpi_parameter',
        'kpis.category',
        'kpis.upload_id',
        'kpi_uploads.period_year',
        'kpi_uploads.period_month',
      ])
      .where('kpis.account_id', '=', accountId),
  ).filter(
    (k) =>
      normalizeName(k.kpi_parameter ?? '') === normalizeName(kpi) &&
      (category === undefined || category === '' || normalizeName(k.category ?? '') === normalizeName(category)),
  );
  if (!rows.length) throw new AppError('not_found', `${accountName} has no KPI named "${kpi}".`);
  const cats = [...new Set(rows.map((r) => normalizeName(r.category ?? '')))];
  if (cats.length > 1)
    throw new AppError(
      'invalid_input',
      `"${kpi}" is in several categories of ${accountName} (${[...new Set(rows.map((r) => r.category))].join(', ')}); name the category.`,
    );
  return rows;
}

/** The stored value the month shows: the newest upload carrying a value, else the newest upload. */
function findTarget(
  db: Db,
  customerId: number,
  account: { account_id: number; account_name: string },
  input: KpiEditInput,
): Target {
  const rows = kpiRows(db, account.account_id, account.account_name, input.kpi, input.category);
  const [year, month] = input.month.split('-').map(Number);
  const byKpi = new Map(rows.map((r) => [r.kpi_id, r]));
  const series = all(
    db,
    db.k
      .selectFrom('kpi_time_series')
      .select(['id', 'kpi_id', 'value'])
      .where('customer_id', '=', customerId)
      .where('kpi_id', 'in', [...byKpi.keys()])
      .where('year', '=', year)
      .where('month', '=', month),
  );
  if (!series.length)
    throw new AppError(
      'not_found',
      `No upload of ${account.account_name} has ${rows[0].kpi_parameter} for ${input.month}.`,
    );
  series.sort((a, b) => {
    const hasA = a.value != null ? 1 : 0;
    const hasB = b.value != null ? 1 : 0;
    return hasB - hasA || (byKpi.get(b.kpi_id)?.upload_id ?? 0) - (byKpi.get(a.kpi_id)?.upload_id ?? 0);
  });
  const s = series[0];
  const k = byKpi.get(s.kpi_id)!;
  return {
    seriesId: s.id,
    kpiId: s.kpi_id,
    name: k.kpi_parameter ?? input.kpi,
    category: k.category ?? '',
    value: s.value == null ? null : Number(s.value),
    periodMatches: k.period_year === year && k.period_month === month,
  };
}

function overallOf(db: Db, accountId: number, year: number, month: number): number | null {
  const t = first(
    db,
    db.k
      .selectFrom('health_trends')
      .select('overall_health_score')
      .where('account_id', '=', accountId)
      .where('year', '=', year)
      .where('month', '=', month),
  );
  return t ? Number(t.overall_health_score) : null;
}

/** Corrects one month's value of one KPI; refused in one sentence with nothing changed otherwise. */
export function editKpiValue(db: Db, customerId: number, userId: number | null, input: KpiEditInput): KpiEditResult {
  const value = parseEditValue(input.value);
  const account = accountOf(db, customerId, input.accountId);
  return inTransaction(db, () => {
    const t = findTarget(db, customerId, account, input);
    if (t.value === value)
      throw new AppError(
        'invalid_input',
        `${t.name} for ${input.month} already is ${formatNumber(value)}; nothing changed.`,
      );
    const [year, month] = input.month.split('-').map(Number);
    const overallBefore = overallOf(db, account.account_id, year, month);
    const now = new Date().toISOString();
    run(db, db.k.updateTable('kpi_time_series').set({ value, updated_at: now }).where('id', '=', t.seriesId));
    run(
      db,
      db.k
        .updateTable('kpis')
        .set({ last_edited_by: userId, last_edited_at: now, ...(t.periodMatches ? { data: String(value) } : {}) })
        .where('kpi_id', '=', t.kpiId),
    );
    const editId = run(
      db,
      db.k.insertInto('kpi_edits').values({
        customer_id: customerId,
        account_id: account.account_id,
        kpi_id: t.kpiId,
        kpi_name: t.name,
        category: t.category,
        year,
        month,
        old_value: t.value,
        new_value: value,
        reason: input.reason || null,
        user_id: userId,
        edited_at: now,
      }),
    ).lastInsertRowid;
    recomputeScores(db, customerId, { accountIds: [account.account_id], months: [[year, month]] });
    const edit = listKpiEdits(db, customerId, account.account_id).find((e) => e.id === Number(editId))!;
    return { edit, overallBefore, overallAfter: overallOf(db, account.account_id, year, month) };
  });
}

/** The account's KPI edits, newest first (one KPI's when named). */
export function listKpiEdits(
  db: Db,
  customerId: number,
  accountId: number,
  kpi?: { name: string; category?: string },
): KpiEditRow[] {
  const rows = all(
    db,
    db.k
      .selectFrom('kpi_edits')
      .leftJoin('users', 'users.user_id', 'kpi_edits.user_id')
      .selectAll('kpi_edits')
      .select('users.user_name')
      .where('kpi_edits.customer_id', '=', customerId)
      .where('kpi_edits.account_id', '=', accountId)
      .orderBy('kpi_edits.edited_at', 'desc')
      .orderBy('kpi_edits.edit_id', 'desc'),
  );
  return rows
    .filter(
      (r) =>
        !kpi ||
        (normalizeName(r.kpi_name) === normalizeName(kpi.name) &&
          (!kpi.category || normalizeName(r.category) === normalizeName(kpi.category))),
    )
    .map((r) => ({
      id: r.edit_id,
      accountId: r.account_id,
      kpi: r.kpi_name,
      category: r.category,
      month: ymText(r.year, r.month),
      oldValue: r.old_value == null ? null : Number(r.old_value),
      newValue: r.new_value == null ? null : Number(r.new_value),
      reason: r.reason,
      userId: r.user_id,
      userName: r.user_name ?? null,
      editedAt: r.edited_at,
    }));
}
