import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../main/import/workbook/read';
import { interpretWorkbook, type KpiRow } from '../../shared/import/interpret';

/** The 67 KPIs of the TechCorp sample (name, sheet, weight, impact) and their September values. */
export async function sampleKpis(samplesDir: string): Promise<KpiRow[]> {
  const file = path.join(samplesDir, 'techcorp-solutions-2025-09.xlsx');
  const wb = interpretWorkbook(await readWorkbook(fs.readFileSync(file), path.basename(file)));
  return wb.sheets.flatMap((s) => s.rows);
}

/** A small deterministic random generator, so generated workbooks are the same on every run. */
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A roll-up master workbook written with exceljs: `accounts` accounts x the sample's 67 KPIs x
 * `months` month columns ending at 2025-12 (date cells), an Account column, Data = the last month.
 * Accounts are named "Account 0001"... unless `names` gives them.
 */
export async function makeRollupWorkbook(
  kpis: KpiRow[],
  accounts: number,
  months: number,
  seed = 7,
  names?: string[],
): Promise<Buffer> {
  const random = rng(seed);
  const wb = new ExcelJS.Workbook();
  const monthDates: Date[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(2025, 11 - i, 1));
    monthDates.push(d);
  }
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const k of kpis) {
    if (sheets.has(k.sheet)) continue;
    const ws = wb.addWorksheet(k.sheet);
    ws.addRow([
      'Account',
      'KPI Parameter',
      'Health Score Component',
      'Impact Level',
      'Weight',
      'Data',
      'Source / Review',
      'Measurement Frequency',
      ...monthDates,
    ]);
    sheets.set(k.sheet, ws);
  }
  for (let a = 1; a <= accounts; a++) {
    const name = names?.[a - 1] ?? `Account ${String(a).padStart(4, '0')}`;
    for (const k of kpis) {
      const base = k.dataValue ?? 50;
      const series = monthDates.map(() => Math.round(base * (0.7 + random() * 0.6) * 10) / 10);
      const weight = k.fields.weight?.endsWith('%') ? Number(k.fields.weight.slice(0, -1)) / 100 : k.fields.weight;
      sheets
        .get(k.sheet)!
        .addRow([
          name,
          k.fields.kpi_parameter,
          k.fields.health_score_component,
          k.fields.impact_level,
          weight,
          series[series.length - 1],
          k.fields.source_review,
          k.fields.measurement_frequency,
          ...series,
        ]);
    }
  }
  for (const ws of sheets.values()) ws.getColumn(5).numFmt = '0%';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
