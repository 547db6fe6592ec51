import type { ImportReport } from '../../shared/channels/import';
import type { UploadMode } from '../../shared/defaults';
import type { InterpretedWorkbook, Issue, KpiRow } from '../../shared/import/interpret';
import { normalizeName } from '../../shared/names';
import { type Range, round2, scoreValue } from '../../shared/scoring';
import { type Db, first, inTransaction, run } from '../db/open';
import { heapKeeper } from '../heap';
import { type AfterScoring, loadRanges, openScoreRun, type SeriesRow, ymKey, ymText } from '../scoring/service';
import { captureBefore, describeChanges, restatedValues } from './changes';
import { createMissingAccounts, dataConflict, type Group, groupByAccount } from './groups';
import { parsedJson } from './parsed-json';
import { type ValuesShared, writeStatements } from './statements';
import { fileCategories, fileNamedCategory, unrangedIssues, unweightedIssues } from './unranged';

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
  /** Corporate, without accountId: the new account the workbook is for (created with createAccounts). */
  newAccountName?: string;
  /** Roll-up: create accounts named in the file that do not exist. */
  createAccounts?: boolean;
}

export {
  createMissingAccounts,
  dataConflict,
  groupByAccount,
  NO_ACCOUNT_COLUMN_REFUSAL,
  noAccountColumnRefusal,
} from './groups';

type StoreReport = Omit<ImportReport, 'durationMs' | 'timings'>;

/** What one file's write needs besides the input: the period, the report being filled, lookups. */
interface WriteContext {
  input: StoreInput;
  issues: Issue[];
  report: StoreReport;
  periodKey: number;
  /** The months of a row whose sheet has no month columns: the period alone. */
  periodOnly: readonly number[];
  sheetMonthsWithPeriod: Map<string, readonly number[]>;
  sheetReport: Map<string, StoreReport['sheets'][number]>;
  monthColumns: Map<string, Record<number, string>>;
  /** The reference ranges by normalised KPI name, read inside the write's transaction. */
  ranges: Map<string, Range>;
  now: string;
  /** The named parameters of each KPI row's values: the workspace and time set once, the KPI and account per row. */
  valuesShared: ValuesShared;
}

/** The report before anything is written: sheets read, issues of the interpretation. */
function emptyReport(input: StoreInput, issues: Issue[]): StoreReport {
  return {
    fileName: input.fileName,
    mode: input.mode,
    period: ymText(input.period.year, input.period.month),
    alreadyImported: false,
    uploads: [],
    accountsCreated: [],
    skippedAccounts: [],
    changes: [],
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
}

/** The write's context: every KPI row gets a value row for each month column of its sheet and for the period. */
function writeContext(db: Db, input: StoreInput, issues: Issue[], report: StoreReport): WriteContext {
  const periodKey = ymKey(input.period.year, input.period.month);
  const now = new Date().toISOString();
  return {
    input,
    issues,
    report,
    periodKey,
    periodOnly: [periodKey],
    sheetMonthsWithPeriod: new Map(
      input.wb.sheets.map((s) => [s.name, [...new Set([...s.months.map((m) => ymKey(m.year, m.month)), periodKey])]]),
    ),
    sheetReport: new Map(report.sheets.map((s) => [s.name, s])),
    monthColumns: new Map(input.wb.sheets.map((s) => [s.name, s.monthColumns])),
    ranges: loadRanges(db),
    now,
    valuesShared: { kpi: 0, account: 0, customer: input.customerId, now },
  };
}

/** "2025-10-03 14:05" of a stored timestamp. */
const when = (at: string) => at.replace('T', ' ').slice(0, 16);

/** The groups still to write: the identical file for the same account and period is recognised, not stored twice. */
export function skipAlreadyImported(db: Db, input: StoreInput, groups: Group[], report: StoreReport): Group[] {
  const todo: Group[] = [];
  for (const g of groups) {
    if (g.accountId != null) {
      const dup = first(
        db,
        db.k
          .selectFrom('kpi_uploads as u')
          .leftJoin('users as us', 'us.user_id', 'u.user_id')
          .select(['u.version', 'u.uploaded_at', 'us.user_name'])
          .where('u.customer_id', '=', input.customerId)
          .where('u.account_id', '=', g.accountId)
          .where('u.content_hash', '=', input.hash)
          .where('u.period_year', '=', input.period.year)
          .where('u.period_month', '=', input.period.month)
          .orderBy('u.version', 'desc'),
      );
      if (dup) {
        const by = dup.user_name ? ` by ${dup.user_name}` : '';
        report.skippedAccounts.push({
          name: g.name,
          reason: `already imported as version ${dup.version} on ${when(dup.uploaded_at)}${by}`,
          version: dup.version,
          uploadedAt: dup.uploaded_at,
          userName: dup.user_name,
        });
        continue;
      }
    }
    todo.push(g);
  }
  return todo;
}

/** Roll-up: one copy of the master file, shared by the uploads it produced (its id), else null. */
function storeMasterFile(db: Db, input: StoreInput, now: string): number | null {
  if (input.mode !== 'account_rollup') return null;
  const fileId = run(
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
  return fileId;
}

type Statements = ReturnType<typeof writeStatements>;

// Each month's parameters of a KPI row's values, filled in place (an import binds hundreds of thousands).
const monthParams: unknown[][] = [];

/** The value a KPI row stores for month `ym`: its month column, or Data for the period (with a warning when they differ). */
function valueFor(ctx: WriteContext, r: KpiRow, ym: number): number | null {
  let value: number | null = null;
  for (const m of r.months) {
    if (m.year * 100 + m.month === ym) {
      value = m.value;
      break;
    }
  }
  if (ym === ctx.periodKey && r.dataValue != null) {
    const conflict = dataConflict(r, ctx.report.period, value, ctx.monthColumns.get(r.sheet)?.[ym]);
    if (conflict) ctx.issues.push(conflict);
    value = r.dataValue;
  }
  return value;
}

/**
 * Writes one KPI row and its values (one multi-row INSERT for its months), each value scored as it
 * is written; rows of an account with no earlier values go to `first` to be scored from memory.
 * Returns how many values were not empty.
 */
function writeKpiRow(
  ctx: WriteContext,
  st: Statements,
  r: KpiRow,
  ids: { accountId: number; uploadId: number },
  first: SeriesRow[] | null,
): number {
  const { input, now } = ctx;
  const { accountId, uploadId } = ids;
  const f = r.fields;
  const kpiId = Number(
    st.insertKpi.run(
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
  const sr = ctx.sheetReport.get(r.sheet);
  if (sr) sr.kpisImported++;
  const range = ctx.ranges.get(normalizeName(f.kpi_parameter));
  const months = ctx.sheetMonthsWithPeriod.get(r.sheet) ?? ctx.periodOnly;
  const params = monthParams[months.length] ?? new Array(months.length * 3);
  monthParams[months.length] = params;
  const pending: SeriesRow[] = [];
  let values = 0;
  let p = 0;
  for (const ym of months) {
    const value = valueFor(ctx, r, ym);
    const s = value != null && range ? scoreValue(value, range) : null;
    const status = s?.status ?? null;
    const score = s ? round2(s.score) : null;
    params[p++] = value;
    params[p++] = status;
    params[p++] = score;
    if (first) {
      pending.push({
        id: 0,
        accountId,
        year: Math.floor(ym / 100),
        month: ym % 100,
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
  const shared = ctx.valuesShared;
  shared.kpi = kpiId;
  shared.account = accountId;
  // Rows of one INSERT get consecutive ids, the last being lastInsertRowid.
  const last = Number(st.insertValues(months).run(params, shared).lastInsertRowid);
  for (let i = 0; i < pending.length; i++) pending[i].id = last - pending.length + 1 + i;
  first?.push(...pending);
  return values;
}

/**
 * Scores one account right after its rows are written (its new rows when it had no others), and
 * takes from its rows what the report needs; the rows are released after it.
 */
type ScoreAccount = (g: Group, firstRows: SeriesRow[] | null, uploadId: number) => void;

/**
 * Writes an upload per account (version + 1) with its KPI rows and values, and has each account
 * scored as soon as it is written: an account with no earlier values from the rows just written
 * (kept in memory for that account only), any other from what is stored. Each account's rows are
 * released once it is written and scored, so that a large roll-up is not held to the end.
 */
export function writeUploads(db: Db, ctx: WriteContext, todo: Group[], fileId: number | null, score: ScoreAccount) {
  const { input } = ctx;
  const st = writeStatements(db);
  // The garbage of accounts already written is collected as the store goes (see main/heap.ts).
  const heap = heapKeeper();
  const rawBytes =
    input.mode === 'corporate' ? Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) : null;
  for (const g of todo) {
    const accountId = g.accountId as number;
    const version = st.nextVersion.get(input.customerId, accountId, accountId) as number;
    st.keepVersion.run(accountId, input.customerId, version);
    const firstRows = version === 1 ? ([] as SeriesRow[]) : null;
    const uploadId = Number(
      st.insertUpload.run(
        input.customerId,
        accountId,
        input.userId,
        version,
        input.fileName,
        rawBytes,
        parsedJson(input, ctx.report.period, g.rows),
        input.period.year,
        input.period.month,
        input.hash,
        fileId,
      ).lastInsertRowid,
    );
    let values = 0;
    for (const r of g.rows) values += writeKpiRow(ctx, st, r, { accountId, uploadId }, firstRows);
    ctx.report.uploads.push({ uploadId, accountId, accountName: g.name, version, kpis: g.rows.length, values });
    score(g, firstRows, uploadId);
    g.rows = [];
    heap.check();
  }
}

/** The months the write touches: every month column of the file's sheets, and the period. */
function touchedMonths(ctx: WriteContext, todo: Group[]): number[] {
  const touched = new Set<number>();
  for (const g of todo)
    for (const r of g.rows) for (const ym of ctx.sheetMonthsWithPeriod.get(r.sheet) ?? []) touched.add(ym);
  return [...touched].sort((a, b) => a - b);
}

/**
 * Writes the uploads and scores again the months they touched, account by account (one scoring
 * run: the trigger hooks once at the end); reports categories without a weight. Returns what the
 * hooks found (the triggers' evaluation of the accounts written).
 */
export function writeAndScore(
  db: Db,
  ctx: WriteContext,
  todo: Group[],
  fileId: number | null,
  written: (g: Group, scored: SeriesRow[], uploadId: number) => void,
): AfterScoring {
  const { report, issues } = ctx;
  const months = touchedMonths(ctx, todo);
  // Each category of the file with its sheet, taken before the rows are released as they are written.
  const categories = fileCategories(todo.flatMap((g) => g.rows));
  report.months = months.map((k) => ymText(Math.floor(k / 100), k % 100));
  const scoring = openScoreRun(db, ctx.input.customerId, {
    months: months.map((k) => [Math.floor(k / 100), k % 100]),
  });
  let scoringMs = 0;
  writeUploads(db, ctx, todo, fileId, (g, firstRows, uploadId) => {
    const t0 = performance.now();
    const scored = scoring.account(g.accountId as number, firstRows ?? undefined);
    scoringMs += performance.now() - t0;
    written(g, scored, uploadId);
  });
  const t0 = performance.now();
  const summary = scoring.finish();
  report.scored = {
    accounts: summary.accounts,
    months: summary.months,
    trendsWritten: summary.trendsWritten,
    ms: scoringMs + performance.now() - t0,
  };
  const unweighted = unweightedIssues(summary.unweightedCategories, categories, fileNamedCategory(ctx.input.wb));
  report.unweightedCategories = unweighted.categories;
  issues.push(...unweighted.issues);
  return scoring.after;
}

/**
 * Writes one file's import, all or nothing: an upload per account (version + 1), its KPI rows
 * and every value of the period and the month columns, each value scored as it is written; then
 * the months it touched are scored again per account. The caller has checked and parsed the file.
 * The store takes the workbook's KPI rows: each sheet's row list is emptied once the rows are
 * grouped by account, and each account's rows are released once written and scored (one
 * transaction still: all or nothing).
 */
export function storeImport(db: Db, input: StoreInput): StoreReport {
  const issues: Issue[] = [...input.wb.issues];
  const report = emptyReport(input, issues);
  inTransaction(db, () => {
    // Read inside the transaction: the ranges the values are scored with as they are written are
    // the ones the account scoring uses, which does not score those values again.
    const ctx = writeContext(db, input, issues, report);
    // The KPIs no range matches, as the preview named them, against the ranges the values are scored with.
    issues.push(...unrangedIssues(input.wb.sheets, ctx.ranges));
    const groups = groupByAccount(db, input);
    for (const s of input.wb.sheets) s.rows = [];
    const todo = skipAlreadyImported(db, input, groups, report);
    if (!todo.length) {
      report.alreadyImported = true;
      return;
    }
    const before = captureBefore(
      db,
      input.customerId,
      todo.flatMap((g) => (g.accountId != null ? [g.accountId] : [])),
    );
    createMissingAccounts(db, input.customerId, todo, report);
    const fileId = storeMasterFile(db, input, ctx.now);
    const monthsOf = (sheet: string) => ctx.sheetMonthsWithPeriod.get(sheet) ?? ctx.periodOnly;
    const restated: Array<ReturnType<typeof restatedValues>> = [];
    const after = writeAndScore(db, ctx, todo, fileId, (g, scored, uploadId) =>
      restated.push(restatedValues(scored, uploadId, g.rows, monthsOf, ctx.periodKey)),
    );
    report.changes = describeChanges(
      db,
      input.customerId,
      before,
      report.uploads.map((u, i) => ({
        accountId: u.accountId,
        accountName: u.accountName,
        created: todo[i].created,
        version: u.version,
        restated: restated[i],
      })),
      input.period,
      after.triggers,
    );
  });
  return report;
}
