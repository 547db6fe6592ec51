/**
 * Turns a raw workbook into interpreted KPI rows (shared/spec/workbook-format.md: layout, columns,
 * rows, values). It does not choose the import period or the account: it exposes what the caller
 * needs for that (months, accounts, title texts).
 */
import type { UploadMode } from '../defaults';
import { normalizeName } from '../names';
import {
  type ColumnMapping,
  columnLetter,
  FIELD_KEYS,
  type FieldKey,
  fieldForHeader,
  headerSignature,
  headerText,
  isMonthsRow,
  isUsableMapping,
  mapHeaderRow,
} from './columns';
import { titleLines } from './period';
import { ImportRefusal } from './refusal';
import { sheetHeader } from './sheetHeader';
import {
  type IssueFn,
  type RowReader,
  readKpiRow,
  resolveColumns,
  warnAccountsAbove,
  warnIgnoredTwins,
  warnYearlessMonths,
} from './sheetRows';
import { type Cell, cellAt, type RawSheet, type RawWorkbook } from './types';
import { cellDisplayText, isBlankCell, monthKey, type YearMonth } from './values';

export type Issue = {
  severity: 'error' | 'warning';
  sheet: string;
  /** 1-based Excel row */
  row?: number;
  /** Excel column letter, e.g. 'D' */
  column?: string;
  message: string;
};

export type KpiFields = {
  kpi_parameter: string;
  health_score_component: string | null;
  impact_level: string | null;
  weight: string | null;
  /** the Data cell as display text ("45", "45%", "N/A"); its number is `dataValue` */
  data: string | null;
  source_review: string | null;
  measurement_frequency: string | null;
};

export type KpiRow = {
  sheet: string;
  /** 1-based Excel row */
  row: number;
  /** the Category column if mapped and filled, else the sheet's name (trimmed) */
  category: string;
  /** the Account column, in the first spelling met in the file (null when the sheet has none) */
  account: string | null;
  fields: KpiFields;
  dataValue: number | null;
  /** month columns that hold a value, in column order */
  months: Array<{ year: number; month: number; value: number }>;
};

export type InterpretedSheet = {
  name: string;
  /** the sheet's name, trimmed */
  category: string;
  /** 1-based Excel row of the header */
  headerRow: number;
  mapping: ColumnMapping;
  /** `headerSignature` of the header row: the key under which a corrected mapping is remembered */
  signature: string;
  hasAccountColumn: boolean;
  /** non-blank rows below the header */
  rowsRead: number;
  rows: KpiRow[];
  /** rows with a name but nothing in any known column: listed, not imported */
  notes: Array<{ row: number; text: string }>;
  /** the month columns of this sheet, sorted */
  months: YearMonth[];
  /** the column letter of each month column, by year * 100 + month */
  monthColumns: Record<number, string>;
  /** the names of its Account column, each once, as first spelled in this sheet */
  accountNames: string[];
  /** the texts above its header row, each once */
  titleText: string[];
};

export type SkippedSheet = {
  sheet: string;
  reason: string;
  /** A sheet whose header row came near one (nearHeader): that row and its mapping, for the user to correct. */
  near?: { headerRow: number; mapping: ColumnMapping; signature: string };
};

export type InterpretedWorkbook = {
  kind: RawWorkbook['kind'];
  date1904: boolean;
  sheets: InterpretedSheet[];
  skipped: SkippedSheet[];
  issues: Issue[];
  /** every month column of the KPI sheets, sorted, unique */
  months: YearMonth[];
  /**
   * account names of the Account columns, first spelling, in order of appearance (in corporate
   * mode too, where the rows do not carry them)
   */
  accounts: string[];
  /** non-empty texts above the header rows (titles, "prepared by" lines): to propose an account */
  titleText: string[];
};

export type InterpretOptions = {
  /** A mapping chosen or corrected by the user, per sheet name (applied by column). */
  mappings?: Record<string, ColumnMapping>;
  /** A header row chosen by the user (1-based), per sheet name. */
  headerRows?: Record<string, number>;
  /** Mappings remembered from earlier files, by header signature (applied by header text). */
  rememberedMappings?: Record<string, ColumnMapping>;
  /** The file's name: a month or year in it dates month headers written without their year, where no title row does. */
  fileName?: string;
  /**
   * The workspace's upload mode. In corporate mode the whole file is one account's: an Account
   * column is an extra column (its names are listed in `accounts`, the rows do not need one).
   */
  uploadMode?: UploadMode;
  /**
   * Keep duplicate KPI rows and do not report them: for a reading of part of a workbook, whose
   * duplicates are found once the parts are put together (checkDuplicates).
   */
  deferDuplicates?: boolean;
};

export const SKIP_HIDDEN = 'hidden sheet';
export const SKIP_CHART = 'chart sheet (a chart, no cells to read)';
export const SKIP_NO_HEADER =
  'no header row with a KPI column and a Data or month column (looks like an instructions or summary tab)';
export const SKIP_BAD_MAPPING = 'the chosen column mapping has no KPI name column or no Data or month column';

export const NO_KPI_SHEET_MESSAGE =
  'No sheet in this file has a header row with a KPI column and a Data or month column, so there is nothing to import.';

/**
 * A refusal as the user reads it: its sentence, then, for a workbook with no KPI sheet, what kept
 * the sheets that came near a header row from being read (nearHeader), the first three.
 */
export function refusalSentence(e: ImportRefusal): string {
  const near = (e.details?.skipped ?? []).filter((s) => s.near);
  if (!near.length) return e.message;
  return [e.message, ...near.slice(0, 3).map((s) => `On sheet ${s.sheet}, ${s.reason}.`)].join(' ');
}

type TextField = Exclude<FieldKey, 'kpi_parameter' | 'account' | 'category'>;
export const TEXT_FIELDS = FIELD_KEYS.filter(
  (k): k is TextField => k !== 'kpi_parameter' && k !== 'account' && k !== 'category',
);

function compareMonths(a: YearMonth, b: YearMonth): number {
  return a.year - b.year || a.month - b.month;
}

function uniqueMonths(months: Iterable<YearMonth>): YearMonth[] {
  const byKey = new Map<string, YearMonth>();
  for (const m of months) if (!byKey.has(monthKey(m))) byKey.set(monthKey(m), { year: m.year, month: m.month });
  return [...byKey.values()].sort(compareMonths);
}

/** For merged cells in the given columns: (row, col) -> the master cell. */
function mergeMasters(sheet: RawSheet, cols: number[]): Map<string, Cell> {
  const masters = new Map<string, Cell>();
  for (const m of sheet.merges ?? []) {
    for (const col of cols) {
      if (col < m.left || col > m.right) continue;
      const master = cellAt(sheet, m.top, m.left);
      for (let r = m.top; r <= m.bottom; r++) masters.set(`${r}:${col}`, master);
    }
  }
  return masters;
}

export type SheetContext = {
  issues: Issue[];
  /** duplicate key -> where it was first seen */
  seen: Map<string, { sheet: string; row: number }>;
  accounts: Map<string, string>;
  options: InterpretOptions;
};

export const NO_ACCOUNT_COLUMN_WARNING =
  'This sheet has no Account column while other sheets have one, so its KPIs belong to no account and are not imported.';

/** The KPI column of a mapping: the first one wins. */
export const kpiColumnOf = (mapping: ColumnMapping) => mapping.find((m) => m.field === 'kpi_parameter')?.col ?? 1;

/**
 * The KPI rows that repeat an earlier one (same account, category and KPI name), in file order:
 * `onDuplicate` gets the error for each, and it is left out. `seen` carries the rows met so far.
 */
export function checkDuplicates(
  rows: KpiRow[],
  kpiColumn: number,
  seen: Map<string, { sheet: string; row: number }>,
  onDuplicate: (issue: Issue) => void,
): KpiRow[] {
  return rows.filter((r) => {
    const key = [normalizeName(r.account ?? ''), normalizeName(r.category), normalizeName(r.fields.kpi_parameter)].join(
      '\u0000',
    );
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { sheet: r.sheet, row: r.row });
      return true;
    }
    const where = first.sheet === r.sheet ? `row ${first.row}` : `row ${first.row} of "${first.sheet}"`;
    const forAccount = r.account ? ` for ${r.account}` : '';
    onDuplicate({
      severity: 'error',
      sheet: r.sheet,
      row: r.row,
      column: columnLetter(kpiColumn),
      message: `"${r.fields.kpi_parameter}" appears twice in ${r.category}${forAccount} (first in ${where}); this row was not imported.`,
    });
    return false;
  });
}

function interpretSheet(
  sheet: RawSheet,
  headerRow: number,
  mapping: ColumnMapping,
  detected: boolean,
  ctx: SheetContext,
): InterpretedSheet {
  const sheetName = sheet.name;
  const category = sheet.name.trim();
  const headerCells = sheet.rows[headerRow - 1] ?? [];
  const signature = headerSignature(headerCells.map((c) => headerText(c)));
  const issue: IssueFn = (severity, message, row, col) =>
    ctx.issues.push({
      severity,
      sheet: sheetName,
      ...(row !== undefined ? { row } : {}),
      ...(col !== undefined ? { column: columnLetter(col) } : {}),
      message,
    });
  const cols = resolveColumns(sheet, headerRow, mapping, issue);
  const { fieldCol, monthCols } = cols;
  if (detected) warnIgnoredTwins(sheet, headerRow, mapping, cols, issue);
  if (!ctx.options.mappings?.[sheetName]) warnYearlessMonths(headerRow, mapping, issue);

  const kpiCol = fieldCol.get('kpi_parameter')!.col;
  const corporate = ctx.options.uploadMode === 'corporate';
  const accountCol = fieldCol.get('account')?.col;
  const categoryCol = fieldCol.get('category')?.col;
  const masters = mergeMasters(
    sheet,
    [accountCol, categoryCol].filter((c): c is number => c !== undefined),
  );
  const filled = (row: number, col: number): Cell => {
    const cell = cellAt(sheet, row, col);
    return isBlankCell(cell) ? (masters.get(`${row}:${col}`) ?? cell) : cell;
  };
  // Columns whose content makes a named row a KPI rather than a note.
  const knownCols = [
    ...[...fieldCol.entries()].filter(([f]) => f !== 'kpi_parameter').map(([, v]) => v.col),
    ...monthCols.map((m) => m.col),
  ];

  const accountNames = new Map<string, string>();
  const rows: KpiRow[] = [];
  const notes: InterpretedSheet['notes'] = [];
  let rowsRead = 0;
  const reader: RowReader = {
    sheet,
    sheetName,
    category,
    kpiCol,
    accountCol,
    categoryCol,
    fieldCol,
    monthCols,
    corporate,
    filled,
    accountNames,
    above: { account: null, rows: [] },
    issue,
    ctx,
  };
  // A two-row header's row of months is part of the header, not a row read.
  const firstRow = headerRow + (isMonthsRow(sheet.rows[headerRow] ?? [], kpiCol) ? 2 : 1);
  for (let r = firstRow; r <= sheet.rows.length; r++) {
    const cells = sheet.rows[r - 1] ?? [];
    if (cells.every((c) => isBlankCell(c))) continue;
    rowsRead++;
    const name = cellDisplayText(cellAt(sheet, r, kpiCol));
    if (!name) continue;
    if (fieldForHeader(name) === 'kpi_parameter' && isUsableMapping(mapHeaderRow(cells))) {
      notes.push({ row: r, text: `${name} (a repeated header row)` });
      continue;
    }
    if (knownCols.every((c) => isBlankCell(cellAt(sheet, r, c)))) {
      notes.push({ row: r, text: name });
      continue;
    }

    const row = readKpiRow(reader, r, name);
    if (row) rows.push(row);
  }
  warnAccountsAbove(reader);

  return {
    name: sheetName,
    category,
    headerRow,
    mapping,
    signature,
    hasAccountColumn: accountCol !== undefined,
    rowsRead,
    rows,
    notes,
    months: uniqueMonths(monthCols.map((m) => m.month)),
    monthColumns: Object.fromEntries(monthCols.map((m) => [m.month.year * 100 + m.month.month, columnLetter(m.col)])),
    accountNames: [...accountNames.values()],
    titleText: titleLines(sheet.rows, headerRow),
  };
}

/**
 * Interprets every sheet of a raw workbook. Hidden sheets and sheets without a header row are
 * skipped and listed. Throws an ImportRefusal ('no-kpi-sheet') when no sheet is a KPI sheet.
 */
export function interpretWorkbook(raw: RawWorkbook, options: InterpretOptions = {}): InterpretedWorkbook {
  const sheets: InterpretedSheet[] = [];
  const skipped: SkippedSheet[] = [];
  const ctx: SheetContext = { issues: [], seen: new Map(), accounts: new Map(), options };

  for (const sheet of raw.sheets) {
    const header = sheetHeader(sheet, options);
    if ('skipped' in header) {
      skipped.push(header.skipped);
      continue;
    }
    sheets.push(interpretSheet(sheet, header.headerRow, header.mapping, header.detected, ctx));
  }

  if (sheets.length === 0) throw new ImportRefusal('no-kpi-sheet', NO_KPI_SHEET_MESSAGE, { skipped });

  ctx.issues.push(...noAccountColumnWarnings(sheets, options));

  return {
    kind: raw.kind,
    date1904: raw.date1904,
    sheets,
    skipped,
    issues: ctx.issues,
    ...workbookTotals(sheets),
  };
}

/** What a workbook's KPI sheets hold together: months, account names (first spelling), titles. */
export function workbookTotals(
  sheets: InterpretedSheet[],
): Pick<InterpretedWorkbook, 'months' | 'accounts' | 'titleText'> {
  const accounts = new Map<string, string>();
  for (const s of sheets)
    for (const a of s.accountNames) if (!accounts.has(normalizeName(a))) accounts.set(normalizeName(a), a);
  return {
    months: uniqueMonths(sheets.flatMap((s) => s.months)),
    accounts: [...accounts.values()],
    titleText: [...new Set(sheets.flatMap((s) => s.titleText))],
  };
}

/** Roll-up mode: a warning for each sheet without an Account column when other sheets have one. */
export function noAccountColumnWarnings(sheets: InterpretedSheet[], options: InterpretOptions): Issue[] {
  if (options.uploadMode === 'corporate' || !sheets.some((s) => s.hasAccountColumn)) return [];
  return sheets
    .filter((s) => !s.hasAccountColumn)
    .map((s) => ({ severity: 'warning' as const, sheet: s.name, message: NO_ACCOUNT_COLUMN_WARNING }));
}

/** Every KPI row of every sheet, in file order. */
export function allKpiRows(wb: InterpretedWorkbook): KpiRow[] {
  return wb.sheets.flatMap((s) => s.rows);
}
