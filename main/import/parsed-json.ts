import type { InterpretedWorkbook, KpiRow } from '../../shared/import/interpret';
import { ymText } from '../scoring/service';

/** Each month's key ("2025-09"), made once: a large roll-up has hundreds of thousands of row-months. */
const monthKeys = new Map<number, string>();
function monthKey(year: number, month: number): string {
  const k = year * 100 + month;
  let text = monthKeys.get(k);
  if (text === undefined) {
    text = ymText(year, month);
    monthKeys.set(k, text);
  }
  return text;
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
    rows: rows.map((r) => {
      const months: Record<string, number> = {};
      for (const m of r.months) months[monthKey(m.year, m.month)] = m.value;
      return { sheet: r.sheet, row: r.row, category: r.category, fields: r.fields, dataValue: r.dataValue, months };
    }),
  });
}
