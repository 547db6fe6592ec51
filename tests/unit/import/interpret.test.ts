import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../../../shared/import';
import { interpretWorkbook, SKIP_BAD_MAPPING } from '../../../shared/import/interpret';
import type { Cell, RawSheet, RawWorkbook } from '../../../shared/import/types';

const row = (...vs: Array<string | number | null>): Cell[] =>
  vs.map((v) =>
    v === null ? { t: 'empty' } : typeof v === 'number' ? { t: 'number', v, percent: false } : { t: 'text', v },
  );
const sheet = (name: string, rows: Cell[][]): RawSheet => ({ name, hidden: false, rows, merges: [] });
const book = (...sheets: RawSheet[]): RawWorkbook => ({ kind: 'xlsx', date1904: false, sheets });

describe('interpretWorkbook on hand-made sheets', () => {
  it('warns when two columns mean the same field or month, and uses the first', () => {
    const wb = interpretWorkbook(
      book(sheet('Product Value', [row('KPI', 'Value', 'Data', 'Jan 2025', 'January 2025'), row('ROI', 1, 2, 3, 4)])),
    );
    expect(wb.sheets[0].rows[0]).toMatchObject({ dataValue: 1, months: [{ year: 2025, month: 1, value: 3 }] });
    expect(wb.issues.map((i) => [i.severity, i.row, i.column, i.message])).toEqual([
      ['warning', 1, 'C', 'The columns B ("Value") and C ("Data") both mean Data; column B is used.'],
      ['warning', 1, 'E', 'Jan 2025 appears in two columns (D and E); column D is used.'],
    ]);
  });

  it('lists a repeated header row as a note, not as a KPI', () => {
    const wb = interpretWorkbook(
      book(sheet('Product Value', [row('KPI', 'Data'), row('ROI', 5), row('KPI', 'Data'), row('NPS', 6)])),
    );
    expect(wb.sheets[0].rows.map((r) => r.fields.kpi_parameter)).toEqual(['ROI', 'NPS']);
    expect(wb.sheets[0].notes).toEqual([{ row: 3, text: 'KPI (a repeated header row)' }]);
  });

  it('warns about a KPI sheet without an Account column in a roll-up workbook', () => {
    const wb = interpretWorkbook(
      book(
        sheet('Product Value', [row('Account', 'KPI', 'Data'), row('ACME', 'ROI', 5), row(' acme ', 'NPS', 1)]),
        sheet('Business Outcomes', [row('KPI', 'Data'), row('Churn', 5)]),
      ),
    );
    expect(wb.accounts).toEqual(['ACME']);
    expect(wb.sheets[0].rows.map((r) => r.account)).toEqual(['ACME', 'ACME']);
    expect(wb.sheets[1].rows[0].account).toBeNull();
    expect(wb.issues).toEqual([
      {
        severity: 'warning',
        sheet: 'Business Outcomes',
        message:
          'This sheet has no Account column while other sheets have one, so its KPIs belong to no account and are not imported.',
      },
    ]);
  });

  it('takes the category from a Category column, else the sheet name; duplicates are per category', () => {
    const wb = interpretWorkbook(
      book(
        sheet('kpis', [
          row('Category', 'KPI', 'Data'),
          row('Product Value', 'ROI', 1),
          row('Business Outcomes', 'ROI', 2),
          row(' product value ', 'roi', 3),
          row(null, 'NPS', 4),
        ]),
      ),
    );
    expect(wb.sheets[0].rows.map((r) => [r.category, r.dataValue])).toEqual([
      ['Product Value', 1],
      ['Business Outcomes', 2],
      ['kpis', 4],
    ]);
    expect(wb.issues.map((i) => [i.severity, i.row])).toEqual([['error', 4]]);
  });

  it('a header row chosen by the user rescues a header below row 20', () => {
    const rows = [...Array.from({ length: 24 }, () => row('notes')), row('KPI', 'Data'), row('ROI', 7)];
    expect(() => interpretWorkbook(book(sheet('Product Value', rows)))).toThrow(ImportRefusal);
    const wb = interpretWorkbook(book(sheet('Product Value', rows)), { headerRows: { 'Product Value': 25 } });
    expect(wb.sheets[0].rows[0]).toMatchObject({ row: 26, dataValue: 7 });
  });

  it('skips a sheet whose chosen mapping has no KPI column', () => {
    const wb = interpretWorkbook(
      book(sheet('A', [row('KPI', 'Data'), row('x', 1)]), sheet('B', [row('KPI', 'Data')])),
      {
        mappings: { A: [{ col: 2, header: 'Data', field: 'data' }] },
      },
    );
    expect(wb.skipped).toEqual([{ sheet: 'A', reason: SKIP_BAD_MAPPING }]);
  });

  it('does not choose the period: it exposes the months of all sheets', () => {
    const wb = interpretWorkbook(
      book(
        sheet('A', [row('KPI', 'Data', 'Aug 2025'), row('x', 1, 1)]),
        sheet('B', [row('KPI', 'Data', 'Jul 2025', 'Aug 2025'), row('y', 1, 1, 1)]),
      ),
    );
    expect(wb.months).toEqual([
      { year: 2025, month: 7 },
      { year: 2025, month: 8 },
    ]);
  });
});

describe('a two-row header in a real workbook', () => {
  it('reads the months written under a merged "Monthly values" label, and the rows after them', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { readAndInterpret } = await import('../../../main/import/workbook');
    const xl = new ExcelJS.Workbook();
    const ws = xl.addWorksheet('Relationship Strength');
    ws.getCell('A1').value = 'Initech — Relationship Strength KPIs';
    ws.getRow(3).values = ['KPI', 'Weight', 'Current Value', 'Monthly values'];
    ws.getRow(4).values = [null, null, null, 'Jul 2025', 'Aug 2025', 'Sep 2025'];
    for (const r of ['A3:A4', 'B3:B4', 'C3:C4', 'D3:F3']) ws.mergeCells(r);
    ws.addRow(['NPS Score', 0.3, 40, 35, 38, 40]);
    ws.addRow(['QBR Attendance Rate', 0.2, 85, 80, 82, 85]);
    const bytes = Buffer.from(await xl.xlsx.writeBuffer());
    const { workbook: wb } = await readAndInterpret(bytes, 'initech.xlsx');
    const s = wb.sheets[0];
    expect(s.headerRow).toBe(3);
    expect(s.months.map((m) => `${m.year}-${m.month}`)).toEqual(['2025-7', '2025-8', '2025-9']);
    expect(s.rowsRead).toBe(2);
    expect(s.rows.map((r) => [r.fields.kpi_parameter, r.dataValue, r.months.map((m) => m.value)])).toEqual([
      ['NPS Score', 40, [35, 38, 40]],
      ['QBR Attendance Rate', 85, [80, 82, 85]],
    ]);
    expect(wb.issues).toEqual([]);
  });
});

describe('a Weight or Impact cell the scoring cannot read as a weight', () => {
  it('is said, with what the KPI weighs instead; a weight, an impact word or "N/A" is not', () => {
    const wb = interpretWorkbook(
      book(
        sheet('Support & Experience', [
          row('KPI', 'Weight', 'Impact', 'Data'),
          row('CSAT Score', '0,3', null, 4.4),
          row('NPS Score', 0, 'High', 40),
          row('SLA Compliance', 'heavy', null, 97),
          row('First Response Time', '30%', null, 2),
          row('Ticket Backlog', 'Critical', null, 12),
          row('Escalations', 'N/A', 'Low', 3),
          row('Resolution Time', 0.25, null, 8),
          row('Reopen Rate', null, 'Med', 4),
          row('CES', null, '-', 5),
        ]),
      ),
    );
    // Before, each weighed 1 or its impact level without a word (spec 4's fallback).
    expect(wb.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [
        2,
        'B',
        'Weight "0,3" is neither a number above 0 (a comma is read only as a thousands separator: write 0.3) nor Critical, High, Medium or Low, so this KPI weighs 1 in Support & Experience.',
      ],
      [
        3,
        'B',
        'Weight "0" is neither a number above 0 nor Critical, High, Medium or Low, so this KPI weighs 3 (its impact level, High) in Support & Experience.',
      ],
      [
        4,
        'B',
        'Weight "heavy" is neither a number above 0 nor Critical, High, Medium or Low, so this KPI weighs 1 in Support & Experience.',
      ],
      [
        9,
        'C',
        'Impact "Med" is not Critical, High, Medium or Low, so this KPI weighs 1 in Support & Experience (with no Weight, the impact level sets it).',
      ],
    ]);
    expect(wb.sheets[0].rows).toHaveLength(9);
  });
});
