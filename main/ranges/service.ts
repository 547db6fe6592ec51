import type { RangeRow } from '../../shared/channels/ranges';
import type { StatusImpact } from '../../shared/channels/scoring';
import { AppError } from '../../shared/errors';
import { normalizeHeader } from '../../shared/import/columns';
import { isImportRefusal } from '../../shared/import/refusal';
import type { Cell } from '../../shared/import/types';
import { parseValue } from '../../shared/import/values';
import { normalizeName } from '../../shared/names';
import { describeRangeFault, type Range, rangeFaultList, validateRange } from '../../shared/scoring';
import { all, type Db, first, inTransaction, run } from '../db/open';
import { csvBytes, newWorkbook, xlsxBytes } from '../exports/sheet-writer';
import { readFirstSheet } from '../import/workbook/read';
import { statusImpact } from '../scoring/receipt';
import { loadRanges, recomputeAllWorkspaces, toRange } from '../scoring/service';

/**
 * The reference ranges (kpi_reference_ranges, shared by every workspace, as in the seed): list,
 * add, edit, delete, import and export in the layout of ../shared/samples/reference-ranges.csv.
 * Every change re-scores the stored months of every workspace, in the same transaction.
 */
export const RANGE_COLUMNS = [
  'kpi_name',
  'unit',
  'higher_is_better',
  'critical_min',
  'critical_max',
  'risk_min',
  'risk_max',
  'healthy_min',
  'healthy_max',
] as const;

type DbRange = Parameters<typeof toRange>[0] & { range_id: number; updated_at: string };

const toRow = (r: DbRange): RangeRow => ({ id: r.range_id, ...toRange(r), updatedAt: r.updated_at });

export function listRanges(db: Db): RangeRow[] {
  return all(db, db.k.selectFrom('kpi_reference_ranges').selectAll().orderBy('kpi_name')).map(toRow);
}

function check(r: Range) {
  const problem = validateRange(r);
  if (problem) throw new AppError('invalid_input', problem);
}

const values = (r: Range, userId: number | null) => ({
  kpi_name: r.kpiName.trim(),
  unit: r.unit.trim(),
  higher_is_better: r.higherIsBetter ? 1 : 0,
  critical_min: r.criticalMin,
  critical_max: r.criticalMax,
  risk_min: r.riskMin,
  risk_max: r.riskMax,
  healthy_min: r.healthyMin,
  healthy_max: r.healthyMax,
  updated_by: userId,
  updated_at: new Date().toISOString(),
});

function sameName(db: Db, name: string, exceptId?: number) {
  const n = normalizeName(name);
  return all(db, db.k.selectFrom('kpi_reference_ranges').select(['range_id', 'kpi_name'])).find(
    (r) => r.range_id !== exceptId && normalizeName(r.kpi_name) === n,
  );
}

export function saveRange(db: Db, userId: number | null, input: { id?: number; range: Range }): RangeRow {
  check(input.range);
  const clash = sameName(db, input.range.kpiName, input.id);
  if (clash) throw new AppError('conflict', `A range for "${clash.kpi_name}" already exists.`);
  const id = inTransaction(db, () => {
    let rangeId = input.id;
    if (rangeId != null) {
      const r = run(
        db,
        db.k.updateTable('kpi_reference_ranges').set(values(input.range, userId)).where('range_id', '=', rangeId),
      );
      if (!r.changes) throw new AppError('not_found', 'That reference range no longer exists.');
    } else {
      rangeId = run(
        db,
        db.k.insertInto('kpi_reference_ranges').values({ ...values(input.range, userId), created_by: userId }),
      ).lastInsertRowid;
    }
    recomputeAllWorkspaces(db);
    return rangeId;
  });
  return toRow(first(db, db.k.selectFrom('kpi_reference_ranges').selectAll().where('range_id', '=', id)) as DbRange);
}

export function deleteRange(db: Db, id: number): { deleted: string } {
  const r = first(db, db.k.selectFrom('kpi_reference_ranges').select('kpi_name').where('range_id', '=', id));
  if (!r) throw new AppError('not_found', 'That reference range no longer exists.');
  inTransaction(db, () => {
    run(db, db.k.deleteFrom('kpi_reference_ranges').where('range_id', '=', id));
    recomputeAllWorkspaces(db);
  });
  return { deleted: r.kpi_name };
}

/**
 * How many of the workspace's accounts would change status with this range (nothing saved), and,
 * since reference ranges are shared by every workspace and a save re-scores them all, how many
 * accounts of the other workspaces would change too.
 */
export function rangeImpact(db: Db, customerId: number, input: { id?: number; range: Range }): StatusImpact {
  check(input.range);
  const proposed = loadRanges(db);
  if (input.id != null) {
    const old = first(db, db.k.selectFrom('kpi_reference_ranges').select('kpi_name').where('range_id', '=', input.id));
    if (old) proposed.delete(normalizeName(old.kpi_name));
  }
  proposed.set(normalizeName(input.range.kpiName), input.range);
  const impact = statusImpact(db, customerId, { ranges: proposed });
  const others = all(db, db.k.selectFrom('customers').select('customer_id').where('customer_id', '!=', customerId));
  const elsewhere = { workspaces: 0, changed: 0 };
  for (const o of others) {
    const changed = statusImpact(db, o.customer_id, { ranges: proposed }).changed;
    if (changed) {
      elsewhere.workspaces++;
      elsewhere.changed += changed;
    }
  }
  return elsewhere.changed ? { ...impact, elsewhere } : impact;
}

const cellText = (c: Cell | undefined): string => {
  if (!c) return '';
  switch (c.t) {
    case 'text':
      return c.v.trim();
    case 'number':
      return String(c.v);
    case 'bool':
      return c.v ? 'true' : 'false';
    default:
      return '';
  }
};

const MAX_REPORTED_ROWS = 20;

type RangeColumn = (typeof RANGE_COLUMNS)[number];

/**
 * A header as the columns are matched: letters and digits only, in lower case, "minimum" as "min"
 * ("KPI Name", "kpi_name" and "Critical Min." are one), with the KPI's other names ("KPI",
 * "Metric") as kpi_name.
 */
function headerKey(text: string): string {
  const key = normalizeHeader(text)
    .replace(/minimum/g, 'min')
    .replace(/maximum/g, 'max');
  return ['kpi', 'metric', 'kpiparameter'].includes(key) ? 'kpiname' : key;
}

/** Higher-is-better as people write it, and as Excel exports TRUE and FALSE in their languages. */
const YES = new Set(['true', '1', 'yes', 'y', 'higher', 'wahr', 'vrai', 'verdadero', 'vero', 'waar', 'sim']);
const NO = new Set(['false', '0', 'no', 'n', 'lower', 'falsch', 'faux', 'falso', 'onwaar', 'não', 'nao']);

/**
 * One row of a range file as a range, or what is wrong with it. A bound is read as a KPI's value
 * is (`parseValue`): a decimal-comma CSV's "0,5" is 0.5 (it was 5: every comma was dropped), a
 * percent-formatted cell's 0.9 is 90 (ranges of percent KPIs are in points), "1,000" is 1000.
 */
function rangeFromRow(get: (k: RangeColumn) => Cell | undefined): { range: Range; problems: string[] } {
  const problems: string[] = [];
  const num = (k: RangeColumn) => {
    const v = parseValue(get(k));
    if (v.kind === 'number' && v.value !== null) return v.value;
    problems.push(`${k} "${cellText(get(k))}" is not a number`);
    return Number.NaN;
  };
  const hib = cellText(get('higher_is_better')).toLowerCase();
  const hibRead = YES.has(hib) || NO.has(hib);
  if (!hibRead) problems.push('higher_is_better must be true or false');
  const range: Range = {
    kpiName: cellText(get('kpi_name')),
    unit: cellText(get('unit')),
    higherIsBetter: YES.has(hib),
    criticalMin: num('critical_min'),
    criticalMax: num('critical_max'),
    riskMin: num('risk_min'),
    riskMax: num('risk_max'),
    healthyMin: num('healthy_min'),
    healthyMax: num('healthy_max'),
  };
  // the bands are checked once every bound and the direction could be read (a bound not read is said above)
  for (const f of rangeFaultList(range))
    if (f.kind === 'empty' || (f.kind !== 'not-finite' && hibRead)) problems.push(describeRangeFault(f, range));
  return { range, problems };
}

/** Reads the cells of a range file's first visible sheet: in the app on the import's worker thread. */
export type ReadRangeFile = (fileName: string, bytes: Uint8Array) => Promise<Cell[][]>;

/** Every row of a range file read and checked: the ranges, or the faulty rows refused as a whole. */
function rangesOfFile(sheetRows: Cell[][]): Range[] {
  const header = (sheetRows[0] ?? []).map((c) => headerKey(cellText(c)));
  const at = Object.fromEntries(RANGE_COLUMNS.map((k) => [k, header.indexOf(headerKey(k))])) as Record<
    RangeColumn,
    number
  >;
  const missing = RANGE_COLUMNS.filter((k) => at[k] < 0);
  if (missing.length) {
    throw new AppError(
      'refused',
      `This file is not a reference-range list: the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (headers are matched ignoring case, spaces and underscores).`,
    );
  }
  // Every row is checked, and every faulty one is reported (the first MAX_REPORTED_ROWS of them).
  const parsed: Range[] = [];
  const faulty: string[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < sheetRows.length; i++) {
    const row = sheetRows[i];
    if (!cellText(row[at.kpi_name])) continue;
    const { range: r, problems } = rangeFromRow((k) => row[at[k]]);
    const key = normalizeName(r.kpiName);
    if (seen.has(key)) problems.push(`"${r.kpiName}" appears twice in the file`);
    seen.add(key);
    if (problems.length) faulty.push(`Row ${i + 1} (${r.kpiName}): ${problems.join('; ')}.`);
    else parsed.push(r);
  }
  if (faulty.length) {
    const details = faulty.slice(0, MAX_REPORTED_ROWS);
    if (faulty.length > details.length) details.push(`…and ${faulty.length - details.length} more faulty rows.`);
    throw new AppError(
      'invalid_input',
      faulty.length === 1 ? faulty[0] : `Nothing was imported: ${faulty.length} rows of this file are faulty.`,
      details,
    );
  }
  if (!parsed.length) throw new AppError('refused', 'This file holds no reference range.');
  return parsed;
}

/**
 * Reads a CSV or xlsx file of ranges; all rows are checked before anything is written. The file is
 * read by `read`: the command line reads it in-process, the app on the import's worker thread.
 */
export async function importRanges(
  db: Db,
  userId: number | null,
  fileName: string,
  bytes: Uint8Array,
  read: ReadRangeFile = (f, b) => readFirstSheet(b, f),
) {
  let sheetRows: Cell[][];
  try {
    sheetRows = await read(fileName, bytes);
  } catch (e) {
    if (isImportRefusal(e)) throw new AppError('refused', e.message);
    throw e;
  }
  const parsed = rangesOfFile(sheetRows);
  const existing = new Map(
    all(db, db.k.selectFrom('kpi_reference_ranges').selectAll()).map((r) => [normalizeName(r.kpi_name), r]),
  );
  const result = { added: 0, updated: 0, unchanged: 0 };
  inTransaction(db, () => {
    for (const r of parsed) {
      const old = existing.get(normalizeName(r.kpiName));
      if (!old) {
        run(db, db.k.insertInto('kpi_reference_ranges').values({ ...values(r, userId), created_by: userId }));
        result.added++;
        continue;
      }
      const o = toRange(old);
      const same = (Object.keys(r) as Array<keyof Range>).every((k) => (k === 'kpiName' ? true : o[k] === r[k]));
      if (same) {
        result.unchanged++;
        continue;
      }
      run(db, db.k.updateTable('kpi_reference_ranges').set(values(r, userId)).where('range_id', '=', old.range_id));
      result.updated++;
    }
    if (result.added || result.updated) recomputeAllWorkspaces(db);
  });
  return result;
}

export async function exportRanges(db: Db, format: 'csv' | 'xlsx'): Promise<{ fileName: string; bytes: Uint8Array }> {
  const rows = listRanges(db).map((r) => [
    r.kpiName,
    r.unit,
    r.higherIsBetter ? 'true' : 'false',
    r.criticalMin,
    r.criticalMax,
    r.riskMin,
    r.riskMax,
    r.healthyMin,
    r.healthyMax,
  ]);
  if (format === 'csv') {
    // No byte-order mark and LF line ends: the file reads back as the ranges import expects.
    const bytes = csvBytes([[...RANGE_COLUMNS], ...rows], { bom: false, eol: '\n' });
    return { fileName: 'reference-ranges.csv', bytes };
  }
  const wb = newWorkbook();
  const ws = wb.addWorksheet('Reference ranges');
  ws.addRow([...RANGE_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 36 : 14;
  });
  return { fileName: 'reference-ranges.xlsx', bytes: await xlsxBytes(wb) };
}
