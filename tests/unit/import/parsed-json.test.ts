import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthValues, parsedJson, readParsedRows } from '../../../main/import/parsed-json';
import { readWorkbook } from '../../../main/import/workbook';
import { interpretWorkbook, type KpiRow } from '../../../shared/import/interpret';
import { isImportRefusal } from '../../../shared/import/refusal';
import type { Cell, RawWorkbook } from '../../../shared/import/types';
import { REPO, SAMPLES, xlsxIn } from './helpers';

const t = (v: string): Cell => ({ t: 'text', v });
const n = (v: number): Cell => ({ t: 'number', v, percent: false });
const row = (...vs: Array<string | number | null>): Cell[] =>
  vs.map((v) => (v === null ? { t: 'empty' } : typeof v === 'number' ? n(v) : t(v)));

/** What parsed_json must give back for each row: the row as the interpretation read it. */
const asRead = (r: KpiRow) => ({
  sheet: r.sheet,
  row: r.row,
  category: r.category,
  fields: r.fields,
  dataValue: r.dataValue,
  months: monthValues(r),
});

describe("an upload's parsed_json", () => {
  it('gives back every row of every sample and fixture as read: fields, Data, and each month column', async () => {
    const files = [...xlsxIn(path.join(REPO, 'tests/fixtures')), ...xlsxIn(SAMPLES)];
    let withRows = 0;
    for (const file of files) {
      const f = path.basename(file);
      // The fixtures of refused files (empty, damaged, no KPI sheet) have no rows to keep.
      const wb = await readWorkbook(fs.readFileSync(file), f)
        .then(interpretWorkbook)
        .catch((e) => {
          if (isImportRefusal(e)) return null;
          throw e;
        });
      if (!wb) continue;
      const rows = wb.sheets.flatMap((s) => s.rows);
      if (rows.length) withRows++;
      const json = parsedJson({ fileName: f, wb }, '2025-09', rows);
      const parsed = JSON.parse(json);
      expect(parsed).toMatchObject({ format: 2, fileName: f, period: '2025-09' });
      expect(parsed.sheets.map((s: { name: string }) => s.name)).toEqual(wb.sheets.map((s) => s.name));
      const bySheet = (list: Array<{ sheet: string; row: number }>) =>
        [...list].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
      expect(bySheet(readParsedRows(json)), f).toEqual(bySheet(rows.map(asRead)));
    }
    expect(withRows).toBeGreaterThan(10);
  });

  it('keeps empty month cells empty, a month overridden by Data as the file said it, and only the rows given', () => {
    const wb = interpretWorkbook({
      kind: 'xlsx',
      date1904: false,
      sheets: [
        {
          name: 'Support',
          hidden: false,
          merges: [],
          rows: [
            row('Account', 'KPI', 'Data', 'Weight', 'Jul 2025', 'Aug 2025', 'Sep 2025', 'July 2025'),
            row('Acme', 'First Response Time (hrs)', 3.5, '20%', 4, null, 3, null),
            row('Globex', 'First Response Time (hrs)', 2, '20%', null, 2.5, null, null),
            row('Acme', 'CSAT "quoted" \\ name', null, null, 88, 90, null, 87),
          ],
        },
      ],
    } satisfies RawWorkbook);
    const acme = wb.sheets[0].rows.filter((r) => r.account === 'Acme');
    const json = parsedJson({ fileName: 'x.xlsx', wb }, '2025-09', acme);
    const sheet = JSON.parse(json).sheets[0];
    expect(sheet.months).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.rows[0].slice(-2)).toEqual([3.5, [4, null, 3]]);
    expect(readParsedRows(json)).toEqual([
      {
        sheet: 'Support',
        row: 2,
        category: 'Support',
        fields: expect.objectContaining({ kpi_parameter: 'First Response Time (hrs)', weight: '20%', data: '3.5' }),
        dataValue: 3.5,
        months: { '2025-07': 4, '2025-09': 3 },
      },
      {
        sheet: 'Support',
        row: 4,
        category: 'Support',
        fields: expect.objectContaining({ kpi_parameter: 'CSAT "quoted" \\ name', data: null }),
        dataValue: null,
        // Two July columns: the first is read, the later left (columns.ts).
        months: { '2025-07': 88, '2025-08': 90 },
      },
    ]);
  });

  it('reads the first format (rows as objects, months keyed) as it was written', () => {
    const first = {
      fileName: 'old.xlsx',
      period: '2025-09',
      sheets: [{ name: 'Support', headerRow: 1, mapping: [] }],
      rows: [
        {
          sheet: 'Support',
          row: 2,
          category: 'Support',
          fields: { kpi_parameter: 'CSAT' },
          dataValue: 88,
          months: { '2025-08': 85 },
        },
      ],
    };
    expect(readParsedRows(JSON.stringify(first))).toEqual(first.rows);
  });
});
