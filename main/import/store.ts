import type { ImportReport } from '../../shared/channels/import';
import type { UploadMode } from '../../shared/defaults';
import { AppError } from '../../shared/errors';
import type { InterpretedWorkbook, Issue, KpiRow } from '../../shared/import/interpret';
import { normalizeName } from '../../shared/names';
import { round2, scoreValue } from '../../shared/scoring';
import { getAccount } from '../accounts/service';
import { all, type Db, first, inTransaction, run } from '../db/open';
import { prepared } from '../db/statements';
import { loadRanges, recomputeScores, type SeriesRow, ymKey, ymText } from '../scoring/service';

/** The insert of one KPI's n monthly values in one statement (its text made once per n). */
const valuesSql: string[] = [];
const insertValuesSql = (n: number) =>
  (valuesSql[n] ??=
    `INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value, health_status, health_score, created_at, updated_at) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);

export interface StoreInput {
  customerId: number;
  userId: number | null;
  fileName: string;
  bytes: Uint8Array;
  hash: string;
  wb: InterpretedWorkbook;
  period: { year: number; month: number };
  mode: UploadMode;
  /** Corporate: the account the workbook belongs to. */
  accountId?: number;
  /** Roll-up: create accounts named in the file that do not exist. */
  createAccounts?: boolean;
}

type Group = { name: string; accountId: number | null; rows: KpiRow[]; created: boolean };

/** Roll-up mode takes a master workbook: a file without an Account column cannot be split by account. */
export const NO_ACCOUNT_COLUMN_REFUSAL =
  'This workspace takes one master workbook with an Account column, and this file has none: add an Account column, or switch the upload mode to corporate in Settings.';

/**
 * The warning for a KPI row whose Data value differs from the value of its month column for the
 * period (`period` YYYY-MM, `column` that column's letter), or null when they agree or one is empty.
 */
export function dataConflict(
  r: KpiRow,
  period: string,
  value: number | null,
  column: string | undefined,
): Issue | null {
  if (value == null || r.dataValue == null || Math.abs(value - r.dataValue) <= 1e-9) return null;
  return {
    severity: 'warning',
    sheet: r.sheet,
    row: r.row,
    column,
    message: `"${r.fields.kpi_parameter}": Data is ${r.dataValue} but the ${period} column says ${value}; the Data value counts.`,
  };
}

/** The rows of the workbook per target account (spec: modes), or a refusal before anything is written. */
export function groupByAccount(db: Db, input: StoreInput, issues: Issue[]): Group[] {
  const rows = input.wb.sheets.flatMap((s) => s.rows);
  if (input.mode === 'corporate') {
    if (input.accountId == null) throw new AppError('invalid_input', 'Pick the account this workbook belongs to.');
    const a = getAccount(db, input.customerId, input.accountId);
    return [{ name: a.account_name, accountId: a.account_id, rows, created: false }];
  }
  if (!input.wb.sheets.some((s) => s.hasAccountColumn)) throw new AppError('refused', NO_ACCOUNT_COLUMN_REFUSAL);
  const existing = new Map(
    all(
      db,
      db.k.selectFrom('accounts').select(['account_id', 'account_name']).where('customer_id', '=', input.customerId),
    ).map((a) => [normalizeName(a.account_name), a]),
  );
  const groups = new Map<string, Group>();
  for (const r of rows) {
    if (!r.account?.trim()) {
      issues.push({
        severity: 'error',
        sheet: r.sheet,
        row: r.row,
        message: `"${r.fields.kpi_parameter}" has no account name: row skipped.`,
      });
      continue;
    }
    const key = normalizeName(r.account);
    let g = groups.get(key);
    if (!g) {
      const a = existing.get(key);
      g = {
        name: a?.account_name ?? r.account.trim().replace(/\s+/g, ' '),
        accountId: a?.account_id ?? null,
        rows: [],
        created: false,
      };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  const unknown = [...groups.values()].filter((g) => g.accountId == null).map((g) => g.name);
  if (unknown.length && !input.createAccounts) {
    const list =
      unknown.length > 6 ? `${unknown.slice(0, 6).join(', ')} and ${unknown.length - 6} more` : unknown.join(', ');
    throw new AppError(
      'refused',
      `${unknown.length} account${unknown.length > 1 ? 's' : ''} in this file ${unknown.length > 1 ? 'are' : 'is'} not in the workspace yet (${list}): confirm to create ${unknown.length > 1 ? 'them' : 'it'}.`,
    );
  }
  return [...groups.values()];
}

/**
 * Writes one file's import, all or nothing: an upload per account (version + 1), its KPI rows
 * and every value of the period and the month columns, each value scored as it is written; then
 * the months it touched are scored again per account. The caller has checked and parsed the file.
 */
export function storeImport(db: Db, input: StoreInput): Omit<ImportReport, 'durationMs' | 'timings'> {
  const issues: Issue[] = [...input.wb.issues];
  const period = input.period;
  const periodKey = ymKey(period.year, period.month);
  // Every KPI row gets a value row for each month column of its sheet and for the period.
  const sheetMonthsWithPeriod = new Map(
    input.wb.sheets.map((s) => [s.name, [...new Set([...s.months.map((m) => ymKey(m.year, m.month)), periodKey])]]),
  );
  const report: Omit<ImportReport, 'durationMs' | 'timings'> = {
    fileName: input.fileName,
    mode: input.mode,
    period: ymText(period.year, period.month),
    alreadyImported: false,
    uploads: [],
    accountsCreated: [],
    skippedAccounts: [],
    sheets: input.wb.sheets.map((s) => ({
      name: s.name,
      rowsRead: s.rowsRead,
      kpisImported: 0,
      notesSkipped: s.notes.length,
      notes: s.notes,
    })),
    skipped: input.wb.skipped,
    issues,
    months: [],
    unweightedCategories: [],
    scored: { accounts: 0, months: 0, trendsWritten: 0, ms: 0 },
  };
  const sheetReport = new Map(report.sheets.map((s) => [s.name, s]));
  const monthColumns = new Map(input.wb.sheets.map((s) => [s.name, s.monthColumns]));
  const ranges = loadRanges(db);
  const rangeOf = new Map<string, ReturnType<typeof ranges.get> | null>();
  const now = new Date().toISOString();

  inTransaction(db, () => {
    const groups = groupByAccount(db, input, issues);
    // The identical file for the same account and period is recognised, not stored twice.
    const todo: Group[] = [];
    for (const g of groups) {
      if (g.accountId != null) {
        const dup = first(
          db,
          db.k
            .selectFrom('kpi_uploads')
            .select('version')
            .where('customer_id', '=', input.customerId)
            .where('account_id', '=', g.accountId)
            .where('content_hash', '=', input.hash)
            .where('period_year', '=', period.year)
            .where('period_month', '=', period.month),
        );
        if (dup) {
          report.skippedAccounts.push({ name: g.name, reason: `already imported as version ${dup.version}` });
          continue;
        }
      }
      todo.push(g);
    }
    if (!todo.length) {
      report.alreadyImported = true;
      return;
    }
    for (const g of todo) {
      if (g.accountId == null) {
        g.accountId = run(
          db,
          db.k.insertInto('accounts').values({ customer_id: input.customerId, account_name: g.name }),
        ).lastInsertRowid;
        g.created = true;
        report.accountsCreated.push(g.name);
      }
    }
    let fileId: number | null = null;
    if (input.mode === 'account_rollup') {
      // One copy of the master file, shared by the uploads it produced.
      fileId = run(
        db,
        db.k.insertInto('import_files').values({
          customer_id: input.customerId,
          file_name: input.fileName,
          content_hash: input.hash,
          byte_size: input.bytes.byteLength,
          bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
        }),
      ).lastInsertRowid;
      run(
        db,
        db.k
          .updateTable('customer_configs')
          .set({ master_file_name: input.fileName, updated_at: now })
          .where('customer_id', '=', input.customerId),
      );
    }
    const insertUpload = db.raw.prepare(`INSERT INTO kpi_uploads
      (customer_id, account_id, user_id, version, original_filename, raw_excel, parsed_json, period_year, period_month, content_hash, file_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertKpi = db.raw.prepare(`INSERT INTO kpis
      (upload_id, account_id, category, row_index, health_score_component, weight, data, source_review, kpi_parameter,
       impact_level, measurement_frequency, last_edited_by, last_edited_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Timestamps are passed in: a per-row strftime() default costs more than the insert itself.
    const insertValues = (n: number) => prepared(db.raw, insertValuesSql(n));
    const nextVersion = db.raw
      .prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM kpi_uploads WHERE customer_id = ? AND account_id = ?')
      .pluck();
    const touched = new Set<number>();
    for (const g of todo)
      for (const r of g.rows) for (const ym of sheetMonthsWithPeriod.get(r.sheet) ?? []) touched.add(ym);
    const rawBytes =
      input.mode === 'corporate'
        ? Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)
        : null;

    // Accounts with no earlier values: their rows are scored from memory, not read back.
    const fresh = new Map<number, SeriesRow[]>();
    for (const g of todo) {
      const accountId = g.accountId as number;
      const version = nextVersion.get(input.customerId, accountId) as number;
      const first = version === 1 ? ([] as SeriesRow[]) : null;
      if (first) fresh.set(accountId, first);
      const parsed = JSON.stringify({
        fileName: input.fileName,
        period: report.period,
        sheets: input.wb.sheets.map((s) => ({ name: s.name, headerRow: s.headerRow, mapping: s.mapping })),
        rows: g.rows.map((r) => ({
          sheet: r.sheet,
          row: r.row,
          category: r.category,
          fields: r.fields,
          dataValue: r.dataValue,
          months: r.months,
        })),
      });
      const uploadId = Number(
        insertUpload.run(
          input.customerId,
          accountId,
          input.userId,
          version,
          input.fileName,
          rawBytes,
          parsed,
          period.year,
          period.month,
          input.hash,
          fileId,
        ).lastInsertRowid,
      );
      let values = 0;
      for (const r of g.rows) {
        const f = r.fields;
        const kpiId = Number(
          insertKpi.run(
            uploadId,
            accountId,
            r.category,
            r.row,
            f.health_score_component,
            f.weight,
            f.data,
            f.source_review,
            f.kpi_parameter,
            f.impact_level,
            f.measurement_frequency,
            input.userId,
            now,
          ).lastInsertRowid,
        );
        const sr = sheetReport.get(r.sheet);
        if (sr) sr.kpisImported++;
        const norm = normalizeName(f.kpi_parameter);
        let range = rangeOf.get(norm);
        if (range === undefined) {
          range = ranges.get(norm) ?? null;
          rangeOf.set(norm, range);
        }
        const months = sheetMonthsWithPeriod.get(r.sheet) ?? [periodKey];
        // One statement for the row's months (a multi-row INSERT: one call instead of twelve).
        const params: unknown[] = [];
        const pending: SeriesRow[] = [];
        for (const ym of months) {
          let value: number | null = null;
          for (const m of r.months) {
            if (m.year * 100 + m.month === ym) {
              value = m.value;
              break;
            }
          }
          if (ym === periodKey && r.dataValue != null) {
            const conflict = dataConflict(r, report.period, value, monthColumns.get(r.sheet)?.[ym]);
            if (conflict) issues.push(conflict);
            value = r.dataValue;
          }
          const s = value != null && range ? scoreValue(value, range) : null;
          const status = s?.status ?? null;
          const score = s ? round2(s.score) : null;
          const year = Math.floor(ym / 100);
          const month = ym % 100;
          params.push(kpiId, accountId, input.customerId, month, year, value, status, score, now, now);
          if (first) {
            pending.push({
              id: 0,
              accountId,
              year,
              month,
              value,
              status,
              score,
              kpiId,
              uploadId,
              name: f.kpi_parameter,
              category: r.category,
              weight: f.weight,
              impactLevel: f.impact_level,
            });
          }
          if (value != null) values++;
        }
        // Rows of one INSERT get consecutive ids, the last being lastInsertRowid.
        const last = Number(insertValues(months.length).run(params).lastInsertRowid);
        for (let i = 0; i < pending.length; i++) pending[i].id = last - pending.length + 1 + i;
        first?.push(...pending);
      }
      report.uploads.push({ uploadId, accountId, accountName: g.name, version, kpis: g.rows.length, values });
    }
    const months = [...touched].sort((a, b) => a - b);
    report.months = months.map((k) => ymText(Math.floor(k / 100), k % 100));
    const scoreStart = performance.now();
    const summary = recomputeScores(db, input.customerId, {
      accountIds: todo.map((g) => g.accountId as number),
      months: months.map((k) => [Math.floor(k / 100), k % 100]),
      fresh,
    });
    report.scored = {
      accounts: summary.accounts,
      months: summary.months,
      trendsWritten: summary.trendsWritten,
      ms: performance.now() - scoreStart,
    };
    report.unweightedCategories = summary.unweightedCategories;
    for (const c of summary.unweightedCategories) {
      issues.push({
        severity: 'warning',
        sheet: c,
        message: `The category "${c}" has no weight in Settings, so it does not count in the overall health.`,
      });
    }
  });
  return report;
}
