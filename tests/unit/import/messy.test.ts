import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../main/import/workbook';
import { SKIP_HIDDEN, SKIP_NO_HEADER } from '../../../shared/import/interpret';
import { fixture, interpretFixture, issuesAt, rowNamed } from './helpers';

describe('layout.xlsx: titles, header in row 5, synonyms, extra columns, other sheets, notes, blanks, duplicates', () => {
  it('skips the Instructions, Summary and hidden sheets and says why', async () => {
    const wb = await interpretFixture('layout.xlsx');
    expect(wb.skipped).toEqual([
      { sheet: 'Instructions', reason: SKIP_NO_HEADER },
      { sheet: 'Summary', reason: SKIP_NO_HEADER },
      { sheet: 'Old Data', reason: SKIP_HIDDEN },
    ]);
    expect(wb.sheets.map((s) => [s.name, s.category])).toEqual([
      [' Relationship Strength ', 'Relationship Strength'],
      ['Support & Experience', 'Support & Experience'],
    ]);
  });

  it('finds the header below the title rows and merged title, and keeps the titles for the account proposal', async () => {
    const wb = await interpretFixture('layout.xlsx');
    const rs = wb.sheets[0];
    expect(rs.headerRow).toBe(5);
    expect(wb.sheets[1].headerRow).toBe(2);
    expect(wb.titleText).toEqual([
      'TechCorp Solutions \u2014 KPI Scorecard',
      'Prepared by: Jane Doe (CSM)',
      'Period: September 2025',
      'Support metrics',
    ]);
    expect(rs.mapping.map((m) => [m.header, m.field])).toEqual([
      ['Owner', 'ignored'],
      ['Metric', 'kpi_parameter'],
      ['Current Value', 'data'],
      ['Priority', 'impact_level'],
      ['Importance', 'weight'],
      ['Component', 'health_score_component'],
      ['Data Source', 'source_review'],
      ['Frequency', 'measurement_frequency'],
      ['Notes', 'ignored'],
      ['2025-07-01', 'month'],
      ['2025-08-01', 'month'],
      ['2025-09-01', 'month'],
    ]);
    expect(rs.months).toEqual([7, 8, 9].map((month) => ({ year: 2025, month })));
  });

  it('reads the KPI rows with their fields, whatever the column order', async () => {
    const wb = await interpretFixture('layout.xlsx');
    const nps = rowNamed(wb, 'NPS Score');
    expect(nps).toMatchObject({
      sheet: ' Relationship Strength ',
      row: 6,
      category: 'Relationship Strength',
      account: null,
      fields: {
        kpi_parameter: 'NPS Score',
        health_score_component: 'Sentiment',
        impact_level: 'Critical',
        weight: '30%',
        data: '45',
        source_review: 'NPS survey', // a hyperlink cell reads as its text
        measurement_frequency: 'Quarterly',
      },
      dataValue: 45,
    });
    expect(nps.months.map((m) => m.value)).toEqual([40, 42, 45]);
    expect(rowNamed(wb, 'Executive Sponsor Engagement').fields.weight).toBe('25%');
    // percent-formatted Data and month cells are percentage points
    const qbr = rowNamed(wb, 'QBR Attendance Rate');
    expect(qbr.dataValue).toBe(80);
    expect(qbr.fields.data).toBe('80%');
    expect(qbr.months.map((m) => m.value)).toEqual([70, 75, 80]);
  });

  it('skips blank rows and rows without a name, lists note rows, reports the duplicate and keeps the first', async () => {
    const wb = await interpretFixture('layout.xlsx');
    const rs = wb.sheets[0];
    expect(rs.rows.map((r) => r.row)).toEqual([6, 8, 12]);
    expect(rs.rowsRead).toBe(7);
    expect(rs.notes).toEqual([
      { row: 9, text: 'Source: data warehouse export' },
      { row: 15, text: 'Note: figures are provisional' },
    ]);
    const dup = issuesAt(wb, ' Relationship Strength ', 10);
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'error', column: 'B' });
    expect(dup[0].message).toContain('appears twice');
    expect(dup[0].message).toContain('row 6');
    expect(rowNamed(wb, 'NPS Score').dataValue).toBe(45);
    // the same name in another category is not a duplicate
    expect(wb.sheets[1].rows.map((r) => r.fields.kpi_parameter)).toEqual(['CSAT Score', 'NPS Score']);
    expect(wb.issues).toHaveLength(1);
  });
});

describe('values.xlsx: every value form', () => {
  const expected: Record<string, number | null> = {
    'Plain number': 12.5,
    'Percent cell': 45,
    'Percent cell decimals': 45.5,
    'Text spaces': 42,
    'Text thousands': 1234.5,
    'Text dollars': 120000,
    'Text euro': 1200,
    'Text pound': 99.5,
    'Text percent': 45,
    'Text K': 12000,
    'Text M': 1200000,
    'Text B': 3e9,
    'Text parens': -12,
    'Text parens currency K': -1200,
    'Text negative': -7.5,
    'NA slash': null,
    'NA plain': null,
    'NA lower': null,
    Hyphen: null,
    'Em dash': null,
    'En dash': null,
    TBD: null,
    Blank: null,
    'Other text': null,
    'Div zero error': null,
    'NA error': null,
    'Formula without result': null,
    Boolean: null,
  };

  it('reads each Data cell by the value rules', async () => {
    const wb = await interpretFixture('values.xlsx');
    const pv = wb.sheets.find((s) => s.name === 'Product Value')!;
    expect(Object.fromEntries(pv.rows.map((r) => [r.fields.kpi_parameter, r.dataValue]))).toEqual(expected);
    expect(rowNamed(wb, 'Percent cell').fields.data).toBe('45%');
    expect(rowNamed(wb, 'Text M').fields.data).toBe('$1.2M');
    expect(rowNamed(wb, 'NA slash').fields.data).toBe('N/A');
    expect(rowNamed(wb, 'Blank').fields.data).toBeNull();
  });

  it('reports other text, error cells and a formula without cached result with sheet, row and column; not the no-value words', async () => {
    const wb = await interpretFixture('values.xlsx');
    const pvIssues = wb.issues.filter((i) => i.sheet === 'Product Value');
    const byName = (name: string) => {
      const r = rowNamed(wb, name).row;
      return pvIssues.filter((i) => i.row === r);
    };
    for (const name of ['Other text', 'Div zero error', 'NA error', 'Formula without result', 'Boolean']) {
      const found = byName(name);
      expect(found, name).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'warning', column: 'B' });
    }
    expect(byName('Other text')[0].message).toContain('"about 40"');
    expect(byName('Div zero error')[0].message).toContain('#DIV/0!');
    expect(byName('NA error')[0].message).toContain('#N/A');
    expect(byName('Formula without result')[0].message).toContain('=2+3');
    expect(pvIssues).toHaveLength(5);
  });

  it('reads text month headers in every form and month values by the same rules', async () => {
    const wb = await interpretFixture('values.xlsx');
    const bo = wb.sheets.find((s) => s.name === 'Business Outcomes')!;
    expect(bo.mapping.filter((m) => m.field === 'month').map((m) => [m.header, m.month?.month])).toEqual([
      ['Jan 2025', 1],
      ['February 2025', 2],
      ['Mar-25', 3],
      ['Apr-2025', 4],
      ['2025-05', 5],
      ['06/2025', 6],
      ['Jul   2025', 7],
      ['2025-08-01', 8],
      ['Sept 2025', 9],
    ]);
    expect(wb.months).toEqual(Array.from({ length: 9 }, (_, i) => ({ year: 2025, month: i + 1 })));
    const churn = rowNamed(wb, 'Churn Risk');
    // Mar is N/A (no value), Apr is #DIV/0! (reported); May is a 5% percent cell, Jul is text "7%"
    expect(churn.months.map((m) => [m.month, m.value])).toEqual([
      [1, 1],
      [2, 2],
      [5, 5],
      [6, 6],
      [7, 7],
      [8, 8],
      [9, 9],
    ]);
    expect(issuesAt(wb, 'Business Outcomes', churn.row)).toEqual([
      {
        severity: 'warning',
        sheet: 'Business Outcomes',
        row: 2,
        column: 'F',
        message: 'Apr 2025: the cell shows the error #DIV/0!, so it has no value.',
      },
    ]);
    const renewal = rowNamed(wb, 'Renewal Probability');
    expect(renewal.dataValue).toBe(55);
    expect(renewal.months).toEqual([{ year: 2025, month: 9, value: 50 }]);
    expect(issuesAt(wb, 'Business Outcomes', renewal.row).map((i) => [i.column, i.message])).toEqual([
      ['J', 'Aug 2025: "soon" is not a number, so it was left empty.'],
    ]);
  });
});

describe('formulas', () => {
  it('count through their cached results (recalculated and saved by LibreOffice)', async () => {
    const wb = await interpretFixture('formulas-cached.xlsx');
    const values = Object.fromEntries(allRows(wb).map((r) => [r.fields.kpi_parameter, r.dataValue]));
    expect(values).toEqual({
      'Sum formula': 45,
      'Percent formula': 45,
      'Div zero formula': null,
      'NA formula': null,
      'Text formula': 1200000,
      'Plain value': 7,
    });
    expect(rowNamed(wb, 'Percent formula').fields.data).toBe('45%');
    expect(wb.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [4, 'B', 'Data: the cell shows the error #DIV/0!, so it has no value.'],
      [5, 'B', 'Data: the cell shows the error #N/A, so it has no value.'],
    ]);
  });

  it('without a cached result (as openpyxl writes them) have no value and are reported', async () => {
    const wb = await interpretFixture('formulas-no-cache.xlsx');
    expect(allRows(wb).map((r) => r.dataValue)).toEqual([null, null, null, null, null, 7]);
    expect(wb.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'B'],
      [3, 'B'],
      [4, 'B'],
      [5, 'B'],
      [6, 'B'],
    ]);
    expect(wb.issues[0].message).toContain('=C2+D2 has no saved result');
    const raw = await readWorkbook(fixture('formulas-no-cache.xlsx'), 'formulas-no-cache.xlsx');
    expect(raw.sheets[0].rows[1][1]).toEqual({ t: 'formula-no-result', formula: 'C2+D2' });
  });
});

describe('1904 date system', () => {
  it.each(['date1904-openpyxl.xlsx', 'date1904-libreoffice.xlsx'])(
    '%s reads its month headers correctly',
    async (name) => {
      const raw = await readWorkbook(fixture(name), name);
      expect(raw.date1904).toBe(true);
      expect(raw.sheets[0].rows[0][2]).toEqual({ t: 'date', year: 2025, month: 1, day: 1 });
      const wb = await interpretFixture(name);
      expect(wb.months).toEqual([1, 2, 3].map((month) => ({ year: 2025, month })));
      expect(rowNamed(wb, 'NPS Score').months.map((m) => [m.month, m.value])).toEqual([
        [1, 40],
        [2, 42],
        [3, 45],
      ]);
    },
  );
});

describe('rollup.xlsx: Account column', () => {
  it('reads accounts from "Client" / "Account Name" columns, filling vertically merged account cells', async () => {
    const wb = await interpretFixture('rollup.xlsx');
    expect(wb.skipped).toEqual([{ sheet: 'Cover', reason: SKIP_NO_HEADER }]);
    expect(wb.accounts).toEqual(['ACME Rockets', 'ACME Anvils']);
    expect(wb.sheets.every((s) => s.hasAccountColumn)).toBe(true);
    const rs = wb.sheets[0];
    expect(rs.headerRow).toBe(3);
    expect(rs.rows.map((r) => [r.row, r.account, r.fields.kpi_parameter])).toEqual([
      [4, 'ACME Rockets', 'NPS Score'],
      [5, 'ACME Rockets', 'QBR Attendance Rate'],
      [6, 'ACME Rockets', 'Executive Sponsor Engagement'],
      [7, 'ACME Anvils', 'NPS Score'],
      [8, 'ACME Anvils', 'QBR Attendance Rate'],
      // A blank Account cell under a named one (as a pivot table writes its labels) is that account.
      [10, 'ACME Rockets', 'Orphan KPI'],
    ]);
    expect(rowNamed(wb, 'ROI Realized', 'ACME Anvils').dataValue).toBe(80);
  });

  it('reports the duplicate within one account and the row that took the account above it', async () => {
    const wb = await interpretFixture('rollup.xlsx');
    expect(wb.issues.map((i) => [i.severity, i.row, i.column])).toEqual([
      ['error', 9, 'B'],
      ['warning', 10, 'A'],
    ]);
    expect(wb.issues[0].message).toContain('ACME Rockets');
    expect(wb.issues[0].message).toContain('row 4');
    expect(wb.issues[1].message).toMatch(/^Row 10 has no account name in the Account column, so it takes the account/);
  });
});

describe('CSV files', () => {
  it('comma separated, with a Category column, quotes, embedded separators and newlines', async () => {
    const raw = await readWorkbook(fixture('comma.csv'), 'comma.csv');
    expect(raw.kind).toBe('csv');
    expect(raw.sheets.map((s) => s.name)).toEqual(['comma']);
    const wb = await interpretFixture('comma.csv');
    expect(wb.months).toEqual([1, 2, 3].map((month) => ({ year: 2025, month })));
    expect(wb.sheets[0].rows.map((r) => [r.category, r.fields.kpi_parameter, r.dataValue])).toEqual([
      ['Relationship Strength', 'NPS Score', 45],
      ['Relationship Strength', 'Exec "Sponsor" Engagement', 3],
      ['Product Value', 'ROI Realized', 1200],
      ['Product Value', 'Value Milestones', null],
    ]);
    expect(rowNamed(wb, 'NPS Score').fields).toMatchObject({ weight: '30%', source_review: 'Survey, quarterly' });
    expect(rowNamed(wb, 'Exec "Sponsor" Engagement').fields.source_review).toBe('CRM\r\nnotes');
    expect(rowNamed(wb, 'ROI Realized').months.map((m) => m.value)).toEqual([1000, 1100, 1200]);
    expect(rowNamed(wb, 'Value Milestones').months.map((m) => [m.month, m.value])).toEqual([
      [1, 10],
      [3, 12],
    ]);
    // rows are records, as Excel numbers them: the quoted newline stays inside row 3
    expect(rowNamed(wb, 'Value Milestones').row).toBe(6);
    expect(wb.issues).toEqual([]);
  });

  it('semicolon separated with a byte-order mark, no Category column: one category named after the file', async () => {
    const wb = await interpretFixture('semicolon-bom.csv');
    const sheet = wb.sheets[0];
    expect(sheet.name).toBe('semicolon-bom');
    expect(sheet.mapping[0]).toEqual({ col: 1, header: 'KPI', field: 'kpi_parameter' });
    expect(sheet.rows.map((r) => [r.category, r.fields.kpi_parameter, r.dataValue])).toEqual([
      ['semicolon-bom', 'NPS Score', 12.5],
      ['semicolon-bom', 'CSAT Score', 4],
      ['semicolon-bom', 'Caf\u00e9 visits', 1234.5],
    ]);
    expect(rowNamed(wb, 'NPS Score').months.map((m) => m.value)).toEqual([11.3, 12.5]);
    // A decimal comma is not a number the contract reads (a comma separates thousands): reported.
    expect(rowNamed(wb, 'CSAT Score').months.map((m) => m.value)).toEqual([4]);
    expect(wb.issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'D'],
      [4, 'E'],
    ]);
    expect(wb.issues[0].message).toMatch(/"3,9" is not a number: a comma is read only as a thousands separator/);
  });
});

function allRows(wb: Awaited<ReturnType<typeof interpretFixture>>) {
  return wb.sheets.flatMap((s) => s.rows);
}
