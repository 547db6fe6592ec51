import { firstFew } from '../format';
import { normalizeName } from '../names';
import { weightFrom } from '../scoring/weights';
import { type ColumnMapping, columnLetter, FIELD_LABELS, type FieldKey, fieldForHeader, headerMonth } from './columns';
import { checkDuplicates, type Issue, type KpiFields, type KpiRow, type SheetContext, TEXT_FIELDS } from './interpret';
import { type Cell, cellAt, type RawSheet } from './types';
import {
  cellDisplayText,
  cellNumberText,
  monthKey,
  monthLabel,
  parseMonthHeader,
  parseValue,
  type YearMonth,
} from './values';
import { yearlessColumns } from './yearless';

/* The steps of reading one KPI sheet: its columns, its title rows, each KPI row. */

export type IssueFn = (severity: Issue['severity'], message: string, row?: number, col?: number) => void;
export type FieldCols = Map<FieldKey, { col: number; header: string }>;
export type MonthCol = { col: number; header: string; month: YearMonth };

/** The sheet's field and month columns from the mapping: the first column wins, the others are warned about. */
export function resolveColumns(sheet: RawSheet, headerRow: number, mapping: ColumnMapping, issue: IssueFn) {
  const fieldCol: FieldCols = new Map();
  const monthCols: MonthCol[] = [];
  const monthSeen = new Map<string, number>();
  for (const m of mapping) {
    if (m.field === 'ignored') continue;
    if (m.field === 'month') {
      const month = m.month ?? parseMonthHeader(cellAt(sheet, headerRow, m.col)) ?? null;
      if (!month) {
        issue(
          'warning',
          `The column "${m.header}" was marked as a month but does not name one; it was ignored.`,
          headerRow,
          m.col,
        );
        continue;
      }
      const first = monthSeen.get(monthKey(month));
      if (first !== undefined) {
        issue(
          'warning',
          `${monthLabel(month)} appears in two columns (${columnLetter(first)} and ${columnLetter(m.col)}); column ${columnLetter(first)} is used.`,
          headerRow,
          m.col,
        );
        continue;
      }
      monthSeen.set(monthKey(month), m.col);
      monthCols.push({ col: m.col, header: m.header, month });
      continue;
    }
    if (fieldCol.has(m.field)) {
      const first = fieldCol.get(m.field)!;
      issue(
        'warning',
        `The columns ${columnLetter(first.col)} ("${first.header}") and ${columnLetter(m.col)} ("${m.header}") both mean ${FIELD_LABELS[m.field]}; column ${columnLetter(first.col)} is used.`,
        headerRow,
        m.col,
      );
      continue;
    }
    fieldCol.set(m.field, { col: m.col, header: m.header });
  }
  return { fieldCol, monthCols, monthSeen };
}

/** Auto-detection ignored a column whose header also names a field or month: say which one was used. */
export function warnIgnoredTwins(
  sheet: RawSheet,
  headerRow: number,
  mapping: ColumnMapping,
  cols: { fieldCol: FieldCols; monthSeen: Map<string, number> },
  issue: IssueFn,
): void {
  const { fieldCol, monthSeen } = cols;
  for (const m of mapping) {
    if (m.field !== 'ignored') continue;
    const f = fieldForHeader(m.header);
    const first = f ? fieldCol.get(f) : undefined;
    if (f && first && first.col !== m.col) {
      issue(
        'warning',
        `The columns ${columnLetter(first.col)} ("${first.header}") and ${columnLetter(m.col)} ("${m.header}") both mean ${FIELD_LABELS[f]}; column ${columnLetter(first.col)} is used.`,
        headerRow,
        m.col,
      );
      continue;
    }
    const month = f ? null : headerMonth(cellAt(sheet, headerRow, m.col));
    const firstMonth = month ? monthSeen.get(monthKey(month)) : undefined;
    if (month && firstMonth !== undefined && firstMonth !== m.col) {
      issue(
        'warning',
        `${monthLabel(month)} appears in two columns (${columnLetter(firstMonth)} and ${columnLetter(m.col)}); column ${columnLetter(firstMonth)} is used.`,
        headerRow,
        m.col,
      );
    }
  }
}

/**
 * The warning for the rows whose blank Account cell took the account named above it (one per
 * sheet, on the first such row), or nothing.
 */
export function warnAccountsAbove(rr: RowReader): void {
  const rows = rr.above.rows;
  if (!rows.length || rr.accountCol === undefined) return;
  const many = rows.length > 1;
  rr.issue(
    'warning',
    `${many ? 'Rows' : 'Row'} ${firstFew(rows.map(String))} ${many ? 'have' : 'has'} no account name in the Account column, so ${many ? 'each takes' : 'it takes'} the account named above it, as a merged cell would; write the name where that is wrong.`,
    rows[0],
    rr.accountCol,
  );
}

/**
 * Columns headed by a month without its year ("Jan" ... "Dec") that no title row gave a year to:
 * one warning for the sheet, saying how to give it (nothing is guessed).
 */
export function warnYearlessMonths(headerRow: number, mapping: ColumnMapping, issue: IssueFn): void {
  const cols = yearlessColumns(mapping);
  if (!cols.length) return;
  const many = cols.length > 1;
  const quoted = cols.map((c) => `"${c.header}"`);
  const headers = quoted.length > 2 ? `${quoted[0]} … ${quoted[quoted.length - 1]}` : quoted.join(', ');
  issue(
    'warning',
    `${many ? 'Columns' : 'Column'} ${firstFew(cols.map((c) => columnLetter(c.col)))} (${headers}) ${many ? 'name months' : 'names a month'} without a year, so ${many ? 'they were' : 'it was'} not imported: write the year in the headers ("Jan 2025"), in a title row above them ("KPIs 2025") or in the file name, or set each column's month in the preview.`,
    headerRow,
    cols[0].col,
  );
}

/** What reading one sheet's KPI rows needs. */
export interface RowReader {
  sheet: RawSheet;
  sheetName: string;
  category: string;
  kpiCol: number;
  accountCol: number | undefined;
  categoryCol: number | undefined;
  fieldCol: FieldCols;
  monthCols: MonthCol[];
  corporate: boolean;
  filled: (row: number, col: number) => Cell;
  accountNames: Map<string, string>;
  /** The account of the last row above that named one, and the rows that took it (blank Account cells). */
  above: { account: string | null; rows: number[] };
  issue: IssueFn;
  ctx: SheetContext;
}

/** A text that says "no value" ("N/A", "-", "TBD"), as in a value cell. */
const saysNone = (text: string) => parseValue({ t: 'text', v: text }).kind === 'na';

/**
 * A Weight or Impact cell the scoring cannot read where it decides the KPI's weight (spec 4: the
 * Weight as a number above 0, else as Critical, High, Medium or Low, else the Impact level as that
 * word, else 1): a warning that says what the KPI weighs instead ("0,3" in a CSV of points, "0",
 * "heavy"; an Impact of "Med" with no Weight), where before the fallback applied without a word.
 */
function warnUnreadWeight(row: KpiRow, rr: RowReader, cols: { weight?: number; impact?: number }): void {
  const { weight, impact_level: impact } = row.fields;
  const given = weightFrom(weight, impact);
  const words = 'Critical, High, Medium or Low';
  // The cheap tests first: saysNone reads the cell as a value (a tenth of a second over a 500-account roll-up).
  if (weight && cols.weight && given.from !== 'weight' && !saysNone(weight)) {
    const why = given.from === 'impact' ? ` (its impact level, ${impact})` : '';
    const comma = /\d,\d/.test(weight)
      ? ` (a comma is read only as a thousands separator: write ${weight.replace(',', '.')})`
      : '';
    const message = `Weight "${weight}" is neither a number above 0${comma} nor ${words}, so this KPI weighs ${given.weight}${why} in ${row.category}.`;
    rr.issue('warning', message, row.row, cols.weight);
  } else if (impact && cols.impact && given.from === 'default' && !saysNone(impact)) {
    const message = `Impact "${impact}" is not ${words}, so this KPI weighs 1 in ${row.category} (with no Weight, the impact level sets it).`;
    rr.issue('warning', message, row.row, cols.impact);
  }
}

/** One named row with content as a KPI row, or null when it is skipped (with an issue where it says why). */
export function readKpiRow(rr: RowReader, r: number, name: string): KpiRow | null {
  const { sheet, sheetName, category, kpiCol, accountCol, categoryCol, fieldCol, monthCols, corporate, filled } = rr;
  const { accountNames, issue, ctx } = rr;
  let account: string | null = null;
  if (accountCol !== undefined) {
    account = cellDisplayText(filled(r, accountCol)) || null;
    if (account) {
      // One spelling per account: the first one met (names match after trimming and case folding).
      const key = normalizeName(account);
      if (!accountNames.has(key)) accountNames.set(key, account);
      if (!ctx.accounts.has(key)) ctx.accounts.set(key, account);
      account = ctx.accounts.get(key)!;
    }
    if (account) rr.above.account = account;
    else if (!corporate && rr.above.account) {
      // A blank Account cell under a named one reads as that account, as a merged cell does.
      account = rr.above.account;
      rr.above.rows.push(r);
    }
    if (corporate) account = null;
    else if (!account) {
      issue('error', `"${name}" has no account name in the Account column; the row was not imported.`, r, accountCol);
      return null;
    }
  }
  const rowCategory = (categoryCol !== undefined ? cellDisplayText(filled(r, categoryCol)) : '') || category;

  const fields: KpiFields = {
    kpi_parameter: name,
    health_score_component: null,
    impact_level: null,
    weight: null,
    data: null,
    source_review: null,
    measurement_frequency: null,
  };
  const row: KpiRow = {
    sheet: sheetName,
    row: r,
    category: rowCategory,
    account,
    fields,
    dataValue: null,
    months: [],
  };
  if (!ctx.options.deferDuplicates && !checkDuplicates([row], kpiCol, ctx.seen, (i) => ctx.issues.push(i)).length) {
    return null;
  }
  for (const f of TEXT_FIELDS) {
    const c = fieldCol.get(f);
    if (!c) continue;
    // Data is kept as the file wrote it; a weight as the scoring reads it ("12.5%" for "12,5%").
    const cell = cellAt(sheet, r, c.col);
    fields[f] = (f === 'weight' ? cellNumberText(cell) : cellDisplayText(cell)) || null;
  }

  warnUnreadWeight(row, rr, { weight: fieldCol.get('weight')?.col, impact: fieldCol.get('impact_level')?.col });

  const dataCol = fieldCol.get('data');
  if (dataCol) {
    const parsed = parseValue(cellAt(sheet, r, dataCol.col));
    row.dataValue = parsed.value;
    if (parsed.message) issue('warning', `${dataCol.header}: ${parsed.message}.`, r, dataCol.col);
  }
  for (const m of monthCols) {
    const parsed = parseValue(cellAt(sheet, r, m.col));
    if (parsed.value !== null) row.months.push({ year: m.month.year, month: m.month.month, value: parsed.value });
    else if (parsed.message) issue('warning', `${monthLabel(m.month)}: ${parsed.message}.`, r, m.col);
  }
  return row;
}
