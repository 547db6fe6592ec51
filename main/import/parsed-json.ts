import type { InterpretedWorkbook, KpiRow } from '../../shared/import/interpret';
import { ymText } from '../scoring/service';

/** A row's month columns keyed by month: {"2025-08": 41.5}. */
export function monthValues(r: KpiRow): Record<string, number> {
  const months: Record<string, number> = {};
  for (const m of r.months) months[ymText(m.year, m.month)] = m.value;
  return months;
}

/**
 * An upload's parsed_json: the file's mapping and one account's rows as read, each row's month
 * columns keyed by month ({"2025-08": 41.5}). Data's value is dataValue, so a month column that
 * Data overrode for the period is still there as the file said it.
 */
export function parsedJson(
  file: { fileName: string; wb: Pick<InterpretedWorkbook, 'sheets'> },
  period: string,
  rows: KpiRow[],
): string {
  return JSON.stringify({
    fileName: file.fileName,
    period,
    sheets: file.wb.sheets.map((s) => ({ name: s.name, headerRow: s.headerRow, mapping: s.mapping })),
    rows: rows.map((r) => ({
      sheet: r.sheet,
      row: r.row,
      category: r.category,
      fields: r.fields,
      dataValue: r.dataValue,
      months: monthValues(r),
    })),
  });
}
