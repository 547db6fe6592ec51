import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportPreview, ImportReport, PeriodNotes, SheetPreview } from '../../shared/channels/import';
import type { UploadMode } from '../../shared/defaults';
import { AppError } from '../../shared/errors';
import type { ColumnMapping } from '../../shared/import/columns';
import { type InterpretedWorkbook, type InterpretOptions, refusalSentence } from '../../shared/import/interpret';
import { choosePeriod, type PeriodSource, periodSentence } from '../../shared/import/period';
import { isImportRefusal } from '../../shared/import/refusal';
import { findAccountByName } from '../accounts/service';
import { all, type Db, run } from '../db/open';
import { collectGarbage } from '../heap';
import { loadRanges, ymText } from '../scoring/service';
import { getSettings } from '../settings/service';
import { nearSheetPreviews, nearSheetsOnly } from './near-sheets';
import { type ParsedWorkbook, type ParsePhase, type ParseRequest, parseInProcess } from './parse';
import { monthValues } from './parsed-json';
import { fileAccounts, type Proposal, proposeAccount } from './propose';
import { dataConflict, noAccountColumnRefusal, storeImport } from './store';
import { fileCategoryIssues, unrangedIssues } from './unranged';

/**
 * The import as the app, the command line and the benchmark run it: check and parse the file,
 * preview what was found, then store it all or nothing and score what it touched.
 */
export type Parse = (req: ParseRequest, onPhase: (phase: ParsePhase) => void) => Promise<ParsedWorkbook>;
export type Progress = (phase: 'reading' | 'checking' | 'saving' | 'scoring' | 'done') => void;

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  mappings?: Record<string, ColumnMapping>;
}

export const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

function rememberedMappings(db: Db, customerId: number): Record<string, ColumnMapping> {
  const rows = all(
    db,
    db.k
      .selectFrom('import_mappings')
      .select(['header_signature', 'mapping_json'])
      .where('customer_id', '=', customerId),
  );
  const out: Record<string, ColumnMapping> = {};
  for (const r of rows) {
    try {
      out[r.header_signature] = JSON.parse(r.mapping_json);
    } catch {
      // an unreadable remembered mapping is ignored
    }
  }
  return out;
}

export const UNEXPECTED_FAILURE =
  'This file could not be imported because of an unexpected problem (the details are in the log), and nothing was saved; save it again in Excel and try again.';

/**
 * A failure of a preview or a commit as the user sees it: a refusal or an expected error as it
 * is; anything else (a RangeError of a huge file, a database error) is logged with its stack and
 * told in one sentence.
 */
export function asUserError(e: unknown): Error {
  if (e instanceof AppError) return e;
  if (isImportRefusal(e)) return new AppError('refused', refusalSentence(e));
  console.error('[kpi] import failed:', e);
  return new AppError('internal', UNEXPECTED_FAILURE);
}

async function withUserErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asUserError(e);
  }
}

/** `take`: the caller (a commit) takes the interpretation; it is not kept for another call. */
async function parseFile(
  db: Db,
  customerId: number,
  req: ImportRequest,
  parse: Parse,
  mode: UploadMode,
  progress?: Progress,
  take?: boolean,
) {
  const hash = sha256(req.bytes);
  const remembered = rememberedMappings(db, customerId);
  const options: InterpretOptions = {
    mappings: req.mappings,
    rememberedMappings: remembered,
    uploadMode: mode,
    fileName: req.fileName,
  };
  const wb = await parse({ bytes: req.bytes, fileName: req.fileName, hash, options, take }, (p) => progress?.(p));
  return { wb, hash, remembered };
}

/**
 * The file parsed for a preview. A file with no KPI sheet but sheets near one is not refused: it
 * comes back empty with those sheets (nearSheetsOnly) and why it is blocked, for their columns to
 * be corrected.
 */
async function parseForPreview(...args: Parameters<typeof parseFile>) {
  try {
    return { ...(await parseFile(...args)), blockedBy: null as string | null };
  } catch (e) {
    const near = nearSheetsOnly(e, args[2].fileName);
    if (!near) throw e;
    const remembered: Record<string, ColumnMapping> = {};
    return { wb: near.wb, hash: sha256(args[2].bytes), remembered, blockedBy: near.blocked };
  }
}

/**
 * Why the interpreted file cannot be imported as it is, or null: a roll-up workbook (several
 * accounts in its Account column) in a corporate-mode workspace, a file without an Account column
 * in a roll-up workspace, or no KPI row at all.
 */
export function importBlock(wb: InterpretedWorkbook, mode: UploadMode): string | null {
  if (mode === 'corporate' && wb.accounts.length > 1) {
    return `This file has an Account column with ${wb.accounts.length} accounts, but this workspace is in corporate mode (one account per file): switch the workspace to roll-up mode in Settings to import each account separately.`;
  }
  if (mode === 'account_rollup' && !wb.sheets.some((s) => s.hasAccountColumn)) return noAccountColumnRefusal(wb.sheets);
  if (wb.sheets.every((s) => s.rows.length === 0)) {
    return wb.issues.some((i) => i.severity === 'error')
      ? 'None of the KPI rows in this file can be imported; correct the problems listed and try again.'
      : 'This file holds no KPI rows under its header row, so there is nothing to import; fill in at least one KPI and try again.';
  }
  return null;
}

const monthText = (m: { year: number; month: number }) => ymText(m.year, m.month);

/** The default period of a file (spec: title rows, file name, month columns compared with Data, today). */
export function defaultPeriod(fileName: string, wb: InterpretedWorkbook, today = new Date()): PeriodSource {
  return choosePeriod({ fileName, sheets: wb.sheets, months: wb.months }, today);
}

export async function previewImport(
  db: Db,
  customerId: number,
  req: ImportRequest,
  parse: Parse = parseInProcess,
  progress?: Progress,
): Promise<ImportPreview> {
  return withUserErrors(() => preview(db, customerId, req, parse, progress));
}

async function preview(
  db: Db,
  customerId: number,
  req: ImportRequest,
  parse: Parse,
  progress?: Progress,
): Promise<ImportPreview> {
  const settings = getSettings(db, customerId);
  const { wb, hash, remembered, blockedBy } = await parseForPreview(
    db,
    customerId,
    req,
    parse,
    settings.mode,
    progress,
  );
  const period = defaultPeriod(req.fileName, wb);
  const accounts = fileAccounts(db, customerId, wb);
  const proposal: Proposal =
    settings.mode === 'corporate'
      ? proposeAccount(db, customerId, req.fileName, wb)
      : { proposed: null, ambiguous: [], proposedNew: null };
  const sheets: SheetPreview[] = wb.sheets.map((s) => ({
    name: s.name,
    category: s.category,
    headerRow: s.headerRow,
    mapping: s.mapping,
    signature: s.signature,
    remembered: !req.mappings?.[s.name] && !!remembered[s.signature],
    hasAccountColumn: s.hasAccountColumn,
    rowsRead: s.rowsRead,
    kpiRows: s.rows.length,
    notes: s.notes,
    months: s.months.map(monthText),
    sample: s.rows.slice(0, 8).map((r) => ({
      row: r.row,
      kpi: r.fields.kpi_parameter,
      account: r.account,
      data: r.fields.data,
      dataValue: r.dataValue,
      months: monthValues(r),
    })),
  }));
  return {
    fileName: req.fileName,
    contentHash: hash,
    mode: settings.mode,
    sheets,
    nearSheets: nearSheetPreviews(wb.skipped),
    skipped: wb.skipped,
    issues: [
      ...wb.issues,
      ...unrangedIssues(wb.sheets, loadRanges(db)),
      ...fileCategoryIssues(wb, settings.weightsConfigured ? settings.categoryWeights : null),
    ],
    months: wb.months.map(monthText),
    defaultPeriod: period.period,
    defaultPeriodFrom: { from: period.from, sentence: periodSentence(period) },
    proposedAccount: proposal.proposed,
    proposedNewAccount: proposal.proposedNew,
    ambiguousAccounts: proposal.ambiguous,
    blocked: blockedBy ?? importBlock(wb, settings.mode),
    accounts,
    periods: periodNotes(db, customerId, wb, hash, [...wb.months.map(monthText), period.period]),
  };
}

/** The conflicts listed per period in a preview; the rest are counted. */
export const CONFLICTS_LISTED = 20;

/**
 * For each period the Data column may be for: the accounts that already hold this very file for
 * it, and the KPI rows whose Data value differs from that month's column (the warning the import
 * gives when it stores them).
 */
function periodNotes(
  db: Db,
  customerId: number,
  wb: InterpretedWorkbook,
  hash: string,
  periods: string[],
): Record<string, PeriodNotes> {
  const notes: Record<string, PeriodNotes> = {};
  for (const p of periods) notes[p] ??= { alreadyImported: [], conflicts: { count: 0, issues: [] } };
  const held = all(
    db,
    db.k
      .selectFrom('kpi_uploads as u')
      .innerJoin('accounts as a', 'a.account_id', 'u.account_id')
      .select(['a.account_id', 'a.account_name', 'u.period_year', 'u.period_month'])
      .where('u.customer_id', '=', customerId)
      .where('u.content_hash', '=', hash)
      .orderBy('a.account_name'),
  );
  for (const h of held) {
    if (!h.period_year || !h.period_month) continue;
    const text = ymText(h.period_year, h.period_month);
    notes[text] ??= { alreadyImported: [], conflicts: { count: 0, issues: [] } };
    const p = notes[text];
    if (!p.alreadyImported.some((a) => a.id === h.account_id))
      p.alreadyImported.push({ id: h.account_id, name: h.account_name });
  }
  for (const s of wb.sheets) {
    for (const r of s.rows) {
      if (r.dataValue == null) continue;
      for (const m of r.months) {
        if (Math.abs(m.value - r.dataValue) <= 1e-9) continue; // as dataConflict: no conflict
        const key = m.year * 100 + m.month;
        const text = ymText(m.year, m.month);
        const p = notes[text];
        if (!p) continue;
        p.conflicts.count++;
        // Only the listed conflicts get their message (a large roll-up can have hundreds of thousands).
        const conflict =
          p.conflicts.issues.length < CONFLICTS_LISTED && dataConflict(r, text, m.value, s.monthColumns[key]);
        if (conflict) p.conflicts.issues.push(conflict);
      }
    }
  }
  return notes;
}

export interface CommitRequest extends ImportRequest {
  period: string;
  accountId?: number;
  /** Corporate, with createAccounts: the new account the workbook is for. */
  newAccountName?: string;
  createAccounts?: boolean;
  rememberMappings?: boolean;
  /** Defaults to the workspace's upload mode. */
  mode?: UploadMode;
}

export async function commitImport(
  db: Db,
  session: { customerId: number; userId: number | null },
  req: CommitRequest,
  parse: Parse = parseInProcess,
  progress?: Progress,
): Promise<ImportReport> {
  return withUserErrors(() => commit(db, session, req, parse, progress));
}

async function commit(
  db: Db,
  session: { customerId: number; userId: number | null },
  req: CommitRequest,
  parse: Parse,
  progress?: Progress,
): Promise<ImportReport> {
  const t0 = performance.now();
  const mode = req.mode ?? getSettings(db, session.customerId).mode;
  // The store takes the workbook's rows (releasing them as it writes): the parser must not keep
  // this interpretation for another preview or commit.
  const { wb, hash } = await parseFile(db, session.customerId, req, parse, mode, progress, true);
  const t1 = performance.now();
  const blocked = importBlock(wb, mode);
  if (blocked) throw new AppError('refused', blocked);
  const [year, month] = req.period.split('-').map(Number);
  progress?.('saving');
  collectGarbage(wb.sheets.reduce((n, s) => n + s.rows.length, 0));
  const report = storeImport(db, {
    customerId: session.customerId,
    userId: session.userId,
    fileName: req.fileName,
    bytes: req.bytes,
    hash,
    wb,
    period: { year, month },
    mode,
    accountId: req.accountId,
    newAccountName: req.newAccountName,
    createAccounts: req.createAccounts,
  });
  if (req.rememberMappings !== false && req.mappings && !report.alreadyImported) {
    for (const s of wb.sheets) {
      const m = req.mappings[s.name];
      if (!m) continue;
      run(
        db,
        db.k
          .insertInto('import_mappings')
          .values({ customer_id: session.customerId, header_signature: s.signature, mapping_json: JSON.stringify(m) })
          .onConflict((oc) =>
            oc
              .columns(['customer_id', 'header_signature'])
              .doUpdateSet({ mapping_json: JSON.stringify(m), updated_at: new Date().toISOString() }),
          ),
      );
    }
  }
  progress?.('done');
  const t2 = performance.now();
  const readMs = wb.readMs ?? 0;
  const timings = {
    read: Math.round(readMs),
    check: Math.round(t1 - t0 - readMs),
    store: Math.round(t2 - t1 - report.scored.ms),
    score: Math.round(report.scored.ms),
  };
  return { ...report, timings, durationMs: Math.round(t2 - t0) };
}

/** The sample workbooks shipped with the app (resources/samples), imported through the real path. */
export function samplesDir(): string {
  const candidates = [
    typeof process.resourcesPath === 'string' ? path.join(process.resourcesPath, 'samples') : '',
    path.resolve(__dirname, '../../resources/samples'),
    path.resolve(process.cwd(), 'resources/samples'),
  ];
  const dir = candidates.find((d) => d && fs.existsSync(path.join(d, 'techcorp-solutions-2025-09.xlsx')));
  if (!dir) throw new AppError('not_found', 'The sample workbooks are missing from this installation.');
  return dir;
}

export async function loadSamples(
  db: Db,
  session: { customerId: number; userId: number | null },
  parse: Parse = parseInProcess,
): Promise<ImportReport[]> {
  const dir = samplesDir();
  const techcorp = 'techcorp-solutions-2025-09.xlsx';
  const acme = 'acme-rollup-2025-09.xlsx';
  let account = findAccountByName(db, session.customerId, 'TechCorp Solutions');
  if (!account) {
    run(
      db,
      db.k.insertInto('accounts').values({
        customer_id: session.customerId,
        account_name: 'TechCorp Solutions',
        revenue: 1200000,
        industry: 'Technology',
        region: 'North America',
      }),
    );
    account = findAccountByName(db, session.customerId, 'TechCorp Solutions')!;
  }
  const a = await commitImport(
    db,
    session,
    {
      fileName: techcorp,
      bytes: fs.readFileSync(path.join(dir, techcorp)),
      period: '2025-09',
      accountId: account.account_id,
      mode: 'corporate',
    },
    parse,
  );
  const b = await commitImport(
    db,
    session,
    {
      fileName: acme,
      bytes: fs.readFileSync(path.join(dir, acme)),
      period: '2025-09',
      createAccounts: true,
      mode: 'account_rollup',
    },
    parse,
  );
  return [a, b];
}
