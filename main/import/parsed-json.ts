import { type InterpretedSheet, type KpiFields, type KpiRow, TEXT_FIELDS } from '../../shared/import/interpret';
import { ymText } from '../scoring/service';

/** A row's month columns keyed by month: {"2025-08": 41.5}. */
export function monthValues(r: KpiRow): Record<string, number> {
  const months: Record<string, number> = {};
  for (const m of r.months) months[ymText(m.year, m.month)] = m.value;
  return months;
}

/** The fields of a row in parsed_json's rows, in this order (after row and category): KpiFields' keys. */
const FIELDS: ReadonlyArray<keyof KpiFields> = ['kpi_parameter', ...TEXT_FIELDS];

/** The columns of a row in parsed_json (format 2): each row is an array of these, in this order. */
export const PARSED_ROW_COLUMNS = ['row', 'category', ...FIELDS, 'dataValue', 'months'] as const;

type ParsedSheet = Pick<InterpretedSheet, 'name' | 'headerRow' | 'mapping' | 'months'>;

/** One row as parsed_json stores it: its cells in PARSED_ROW_COLUMNS' order, its months aligned to the sheet's. */
function parsedRow(r: KpiRow, monthIndex: Map<number, number>, monthCount: number): unknown[] {
  const months: Array<number | null> = new Array(monthCount).fill(null);
  // Every month of a row is a month column of its sheet (of two columns of one month, the first is read).
  for (const m of r.months) months[monthIndex.get(m.year * 100 + m.month) as number] = m.value;
  const f = r.fields;
  const out: unknown[] = [r.row, r.category];
  for (const k of FIELDS) out.push(f[k]);
  out.push(r.dataValue, months);
  return out;
}

/**
 * An upload's parsed_json (format 2): the file's sheets with their mapping and month columns, and
 * under each the account's rows as read, each an array of PARSED_ROW_COLUMNS (named once per sheet
 * as "columns") whose months are aligned to the sheet's "months" (null where the cell was empty).
 * Data's value is dataValue, so a month column that Data overrode for the period is still there as
 * the file said it. Rows as arrays rather than objects keep a 500-account roll-up's uploads to
 * about a third of the bytes (the keys were most of them).
 */
export function parsedJson(
  file: { fileName: string; wb: { sheets: ParsedSheet[] } },
  period: string,
  rows: KpiRow[],
): string {
  const bySheet = new Map<string, KpiRow[]>();
  for (const r of rows) {
    const list = bySheet.get(r.sheet);
    if (list) list.push(r);
    else bySheet.set(r.sheet, [r]);
  }
  return JSON.stringify({
    format: 2,
    fileName: file.fileName,
    period,
    sheets: file.wb.sheets.map((s) => {
      const monthIndex = new Map(s.months.map((m, i) => [m.year * 100 + m.month, i]));
      return {
        name: s.name,
        headerRow: s.headerRow,
        mapping: s.mapping,
        months: s.months.map((m) => ymText(m.year, m.month)),
        columns: PARSED_ROW_COLUMNS,
        rows: (bySheet.get(s.name) ?? []).map((r) => parsedRow(r, monthIndex, s.months.length)),
      };
    }),
  });
}

/** A row of an upload's parsed_json, as objects again: what readParsedRows gives for either format. */
export interface ParsedRow {
  sheet: string;
  row: number;
  category: string;
  fields: Partial<KpiFields>;
  dataValue: number | null;
  /** its month columns that held a value, keyed by month: {"2025-08": 41.5} */
  months: Record<string, number>;
}

/**
 * The rows of an upload's parsed_json as objects, whichever format wrote it: format 2 (rows as
 * arrays under their sheet) or the first (rows as objects, before December 2026).
 */
export function readParsedRows(json: string): ParsedRow[] {
  const parsed = JSON.parse(json) as {
    format?: number;
    rows?: ParsedRow[];
    sheets: Array<{ name: string; months: string[]; columns: string[]; rows: unknown[][] }>;
  };
  if (parsed.format !== 2) return parsed.rows ?? [];
  return parsed.sheets.flatMap((s) =>
    s.rows.map((cells) => {
      const at = (c: string) => cells[s.columns.indexOf(c)];
      const fields: Partial<KpiFields> = {};
      for (const k of FIELDS) fields[k] = at(k) as never;
      const months: Record<string, number> = {};
      (at('months') as Array<number | null>).forEach((v, i) => {
        if (v != null) months[s.months[i]] = v;
      });
      return {
        sheet: s.name,
        row: at('row') as number,
        category: at('category') as string,
        fields,
        dataValue: at('dataValue') as number | null,
        months,
      };
    }),
  );
}
