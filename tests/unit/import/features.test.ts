import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../main/import/workbook';
import { isoDateCell } from '../../../main/import/workbook/xlsx';
import { SKIP_CHART, SKIP_HIDDEN, SKIP_NO_HEADER } from '../../../shared/import/interpret';
import { fixture, interpretFixture, issuesAt, rowNamed } from './helpers';

const CSAT = { 'CSAT Score': 4.5, 'SLA Compliance': 97, 'First Response Time': 6 };

describe('workbooks with decorations (comments, tables, charts, images, chart sheets)', () => {
  it('exceljs alone cannot load the openpyxl workbook (the reason for rewriting the package)', async () => {
    await expect(new ExcelJS.Workbook().xlsx.load(fixture('decorated.xlsx') as never)).rejects.toThrow();
  });

  it('reads the values of the openpyxl workbook and lists the hidden and chart sheets as skipped', async () => {
    const wb = await interpretFixture('decorated.xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Support & Experience']);
    expect(Object.fromEntries(wb.sheets[0].rows.map((r) => [r.fields.kpi_parameter, r.dataValue]))).toEqual(CSAT);
    expect(rowNamed(wb, 'CSAT Score').months.map((m) => m.value)).toEqual([4.1, 4.2]);
    expect(rowNamed(wb, 'SLA Compliance').fields.impact_level).toBe('Medium');
    expect(wb.skipped).toEqual([
      { sheet: 'Lists', reason: SKIP_HIDDEN },
      { sheet: 'Trend Chart', reason: SKIP_CHART },
    ]);
    expect(wb.issues).toEqual([]);
  });

  it('keeps the sheet order, with the chart sheet in its place', async () => {
    const raw = await readWorkbook(fixture('decorated.xlsx'), 'decorated.xlsx');
    expect(raw.sheets.map((s) => [s.name, s.hidden, !!s.chart])).toEqual([
      ['Support & Experience', false, false],
      ['Lists', true, false],
      ['Trend Chart', false, true],
    ]);
    // The cell with a comment and the hyperlink cell keep their values.
    expect(raw.sheets[0].rows[1][0]).toEqual({ t: 'text', v: 'CSAT Score' });
    expect(raw.sheets[0].rows[2][2]).toEqual({ t: 'number', v: 97, percent: false });
  });

  it('reads the same workbook re-saved by LibreOffice', async () => {
    const wb = await interpretFixture('decorated-libreoffice.xlsx');
    expect(Object.fromEntries(wb.sheets[0].rows.map((r) => [r.fields.kpi_parameter, r.dataValue]))).toEqual(CSAT);
    expect(wb.skipped).toEqual([
      { sheet: 'Lists', reason: SKIP_HIDDEN },
      { sheet: 'Trend Chart', reason: SKIP_NO_HEADER },
    ]);
  });
});

describe('ISO 8601 date cells (t="d", openpyxl iso_dates=True)', () => {
  it('reads month headers as their months, not as the year number', async () => {
    const wb = await interpretFixture('iso-dates.xlsx');
    expect(wb.months).toEqual([1, 2, 3].map((month) => ({ year: 2025, month })));
    expect(rowNamed(wb, 'ROI Realized')).toMatchObject({
      dataValue: 150,
      months: [
        { year: 2025, month: 1, value: 100 },
        { year: 2025, month: 2, value: 110 },
        { year: 2025, month: 3, value: 120 },
      ],
    });
  });

  it('gives a date or a time in a value cell no number (not 2025 or 10), and says so', async () => {
    const wb = await interpretFixture('iso-dates.xlsx');
    expect(rowNamed(wb, 'Measured on').dataValue).toBeNull();
    expect(rowNamed(wb, 'Measured at').dataValue).toBeNull();
    expect(issuesAt(wb, 'Product Value', 3).map((i) => [i.column, i.message])).toEqual([
      ['B', 'Data: the date 2025-09-30 is not a number, so it was left empty.'],
    ]);
    expect(issuesAt(wb, 'Product Value', 4).map((i) => [i.column, i.message])).toEqual([
      ['B', 'Data: "10:30:00" is not a number, so it was left empty.'],
    ]);
  });

  it('parses the ISO text of such a cell', () => {
    expect(isoDateCell('2025-01-01T00:00:00')).toEqual({ t: 'date', year: 2025, month: 1, day: 1 });
    expect(isoDateCell('2024-02-29')).toEqual({ t: 'date', year: 2024, month: 2, day: 29 });
    expect(isoDateCell('2025-09-30T23:59:59.5+02:00')).toEqual({ t: 'date', year: 2025, month: 9, day: 30 });
    expect(isoDateCell('2025-02-30')).toEqual({ t: 'text', v: '2025-02-30' });
    expect(isoDateCell('10:30:00')).toEqual({ t: 'text', v: '10:30:00' });
    expect(isoDateCell(' ')).toEqual({ t: 'empty' });
  });
});

describe('formulas with an empty saved result', () => {
  it('have no value and are not reported (LibreOffice saves "" as an empty t="str" value)', async () => {
    const wb = await interpretFixture('formulas-empty-result.xlsx');
    expect(rowNamed(wb, 'Empty text formula')).toMatchObject({ dataValue: null, fields: { data: null } });
    expect(rowNamed(wb, 'Sum formula').dataValue).toBe(5);
    expect(rowNamed(wb, 'Empty month formula')).toMatchObject({ dataValue: 7, months: [] });
    expect(wb.issues).toEqual([]);
  });

  it('a formula never calculated (openpyxl) is still reported', async () => {
    const wb = await interpretFixture('formulas-no-cache.xlsx');
    expect(issuesAt(wb, 'Business Outcomes', 2)[0].message).toContain('=C2+D2 has no saved result');
  });
});
