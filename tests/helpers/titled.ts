import ExcelJS from 'exceljs';

/**
 * A hand-kept KPI workbook as a CSM writes one, generated with exceljs: optional title rows above
 * the header (the first one merged across the table), a KPI column, a Weight, a Data column
 * ("Current Value") and month columns written as text ("Jan 2025").
 */
export type TitledSheet = {
  name: string;
  /** Title rows above the header: a text or date in column A, or a row's cells. */
  titles?: Array<string | Date | Array<string | Date>>;
  months: string[];
  /** name, weight, data (null: empty), the month values in the order of `months` */
  rows: Array<[string, number, number | null, ...Array<number | null>]>;
};

export async function titledWorkbook(sheets: TitledSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    const titles = s.titles ?? [];
    for (const t of titles) ws.addRow(Array.isArray(t) ? t : [t]);
    if (titles.length && !Array.isArray(titles[0])) ws.mergeCells(1, 1, 1, 3 + s.months.length);
    ws.addRow(['KPI Parameter', 'Weight', 'Current Value', ...s.months]);
    for (const r of s.rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const JAN_AUG = ['Jan 2025', 'Feb 2025', 'Mar 2025', 'Apr 2025', 'May 2025', 'Jun 2025', 'Jul 2025', 'Aug 2025'];

/**
 * The case: "Globex Analytics — Relationship Strength KPIs / data as of 28 Sep 2025", month
 * columns Jan to Aug 2025, the Current Value column holding September (different from August).
 */
export function globexSheets(data: 'september' | 'august' = 'september'): TitledSheet[] {
  const series = (start: number, step: number) => JAN_AUG.map((_, i) => Math.round((start + i * step) * 10) / 10);
  const kpi = (name: string, weight: number, start: number, step: number, sep: number) => {
    const s = series(start, step);
    return [name, weight, data === 'september' ? sep : s[7], ...s] as TitledSheet['rows'][number];
  };
  return [
    {
      name: 'Relationship Strength',
      titles: ['Globex Analytics — Relationship Strength KPIs', 'data as of 28 Sep 2025'],
      months: JAN_AUG,
      rows: [
        kpi('NPS Score', 0.3, 20, 2, 8),
        kpi('Executive Sponsor Engagement', 0.25, 2, 0.2, 1),
        kpi('QBR Attendance Rate', 0.25, 60, 3, 90),
        kpi('Champion Strength', 0.2, 2.5, 0.1, 4.5),
      ],
    },
  ];
}

/** What bandedWorkbook's months hold, as stored: yyyymm and value (Aug 2025 to Feb 2026). */
export const BANDED_STORED = [
  '202508:30',
  '202509:31',
  '202510:32',
  '202511:33',
  '202512:34',
  '202601:35',
  '202602:41',
];

/**
 * A hand-kept sheet whose months have no year, under a row of years: "2025" merged over Aug to
 * Dec, "2026" over Jan and Feb; one KPI whose Data repeats February. `titles` are the rows above.
 */
export async function bandedWorkbook(titles: [string, string]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Relationship Strength');
  for (const t of titles) ws.addRow(t ? [t] : []);
  ws.getCell('C3').value = 2025;
  ws.mergeCells('C3:G3');
  ws.getCell('H3').value = 2026;
  ws.mergeCells('H3:I3');
  ws.addRow(['KPI', 'Data', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb']);
  ws.addRow(['NPS Score', 41, 30, 31, 32, 33, 34, 35, 41]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
