import { describe, expect, it } from 'vitest';
import { readAndInterpret } from '../../../main/import/workbook';
import {
  applyRememberedMapping,
  columnLetter,
  columnNumber,
  detectHeaderRow,
  FIELD_SYNONYMS,
  type FieldKey,
  fieldForHeader,
  headerSignature,
  LOCAL_FIELD_SYNONYMS,
  mapHeaderRow,
  nearHeader,
  valueHeaderMonth,
} from '../../../shared/import/columns';
import { interpretWorkbook } from '../../../shared/import/interpret';
import type { Cell, RawWorkbook } from '../../../shared/import/types';

const t = (v: string): Cell => ({ t: 'text', v });
const n = (v: number): Cell => ({ t: 'number', v, percent: false });
const row = (...vs: Array<string | number | null>): Cell[] =>
  vs.map((v) => (v === null ? { t: 'empty' } : typeof v === 'number' ? n(v) : t(v)));

describe('header synonyms', () => {
  const table: Array<[string, FieldKey]> = [
    ['KPI Parameter', 'kpi_parameter'],
    ['KPI', 'kpi_parameter'],
    ['KPI Name', 'kpi_parameter'],
    ['Metric', 'kpi_parameter'],
    ['Parameter', 'kpi_parameter'],
    ['Measure', 'kpi_parameter'],
    ['Health Score Component', 'health_score_component'],
    ['Component', 'health_score_component'],
    ['Impact Level', 'impact_level'],
    ['Impact', 'impact_level'],
    ['Priority', 'impact_level'],
    ['Weight', 'weight'],
    ['Importance', 'weight'],
    ['Data', 'data'],
    ['Value', 'data'],
    ['Current Value', 'data'],
    ['Actual', 'data'],
    ['Current', 'data'],
    ['Source / Review', 'source_review'],
    ['Source', 'source_review'],
    ['Data Source', 'source_review'],
    ['Review', 'source_review'],
    ['Measurement Frequency', 'measurement_frequency'],
    ['Frequency', 'measurement_frequency'],
    ['Account', 'account'],
    ['Account Name', 'account'],
    ['Customer Account', 'account'],
    ['Client', 'account'],
    ['Category', 'category'],
    ['KPI Category', 'category'],
    ['Health Category', 'category'],
  ];
  it.each(table)('%s -> %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
    // case and punctuation are ignored
    expect(fieldForHeader(`  ${header.toUpperCase()}: `)).toBe(field);
    expect(fieldForHeader(header.toLowerCase().replace(/ /g, '_'))).toBe(field);
  });

  it('covers every synonym of the contract', () => {
    const all = Object.values(FIELD_SYNONYMS).flat();
    expect(all.sort()).toEqual(table.map(([h]) => h).sort());
  });

  it('does not guess at other headers', () => {
    for (const h of ['Owner', 'Notes', 'KPI Scorecard', 'Score', 'Name', '']) expect(fieldForHeader(h)).toBeNull();
    expect(fieldForHeader('Source/Review')).toBe('source_review');
    expect(fieldForHeader('Weight (%)')).toBe('weight');
  });

  it('reads a header with a unit or scale in brackets at its end as the header without it', () => {
    expect(fieldForHeader('Current Value (USD)')).toBe('data');
    expect(fieldForHeader('Value ($)')).toBe('data');
    expect(fieldForHeader('Actual [%]')).toBe('data');
    expect(fieldForHeader('Weight (1-5)')).toBe('weight');
    expect(fieldForHeader('Frequency (monthly/quarterly)')).toBe('measurement_frequency');
    // A month or a year in brackets is no unit (the month's column: valueHeaderMonth); other words stay other words.
    for (const h of ['Data (Sep 2025)', 'Data (2025)', 'Target (USD)', 'Value (USD) (2)', 'Score (0-100)'])
      expect([h, fieldForHeader(h)]).toEqual([h, null]);
  });

  it('reads two names of one field as that field ("KPI / Metric"), and two fields as none', () => {
    const table: Array<[string, string | null]> = [
      ['KPI / Metric', 'kpi_parameter'],
      ['Metric or KPI', 'kpi_parameter'],
      ['Impact / Priority', 'impact_level'],
      ['Weight/Importance', 'weight'],
      ['Account / Client', 'account'],
      ['Data / Value (USD)', 'data'],
      ['Kennzahl / KPI', 'kpi_parameter'],
      // Before, each of these was an extra column: a sheet headed "KPI / Metric" had no KPI column.
      ['Weight / Priority', null],
      ['Target / Actual', null],
      ['Jan/2025', null],
    ];
    for (const [header, field] of table) expect([header, fieldForHeader(header)]).toEqual([header, field]);
  });
});

describe('headers as a European team writes them', () => {
  it("mean the same fields as the contract's words", () => {
    const table: Array<[string, string]> = [
      ['Kennzahl', 'kpi_parameter'],
      ['Indicateur', 'kpi_parameter'],
      ['Indicador', 'kpi_parameter'],
      ['Wert', 'data'],
      ['Aktueller Wert', 'data'],
      ['Valeur actuelle', 'data'],
      ['Valor', 'data'],
      ['Waarde', 'data'],
      ['Gewichtung', 'weight'],
      ['Pondération', 'weight'],
      ['PONDERACION', 'weight'],
      ['Kategorie', 'category'],
      ['Catégorie', 'category'],
      ['Kunde', 'account'],
      ['Cliente', 'account'],
      ['Quelle', 'source_review'],
      ['Häufigkeit', 'measurement_frequency'],
      ['Priorité', 'impact_level'],
      ['Komponente', 'health_score_component'],
      ['Wert (EUR)', 'data'],
    ];
    for (const [header, field] of table) expect([header, fieldForHeader(header)]).toEqual([header, field]);
  });

  it('each mean one field, none of them a contract word of another', () => {
    for (const [field, words] of Object.entries(LOCAL_FIELD_SYNONYMS))
      for (const w of words) expect([w, fieldForHeader(w)]).toEqual([w, field]);
  });

  it('read a German sheet end to end: KPI names, values, weights, months', async () => {
    const csv = 'Kennzahl;Wert;Gewichtung;Okt 2025;Nov 2025\r\nNPS;45,5;30%;41,5;42\r\n';
    const { workbook } = await readAndInterpret(Buffer.from(csv, 'utf8'), 'kpis.csv');
    const [row] = workbook.sheets[0].rows;
    expect([row.fields.kpi_parameter, row.dataValue, row.fields.weight]).toEqual(['NPS', 45.5, '30%']);
    expect(row.months.map((m) => [m.month, m.value])).toEqual([
      [10, 41.5],
      [11, 42],
    ]);
    expect(workbook.issues).toEqual([]);
  });
});

describe("a value column's header that names its month", () => {
  it("is that month when a Data header's words are all that is beside the month", () => {
    const sep = { year: 2025, month: 9 };
    for (const h of [
      'Current Value (Sep 2025)',
      'Data (Sep 2025)',
      'Value - Sep 2025',
      'Sep 2025 Value',
      'Actual Sep-25',
      'Sep 2025 (actual)',
      'Current value as of 30/09/2025',
      'Data for September 2025',
      'VALUE: 2025-09',
    ])
      expect([h, valueHeaderMonth(h)]).toEqual([h, sep]);
  });

  it('is not a month with other words, a quarter, a year to date, two months or no month', () => {
    for (const h of [
      'Sep 2025 Target',
      'Budget Sep 2025',
      'YTD Sep 2025',
      'Q3 2025 Actual',
      'FY2025 Actual',
      'Value Sep 2025 vs Aug 2025',
      'Current Value',
      'Current month',
      'Notes on Sep 2025',
    ])
      expect([h, valueHeaderMonth(h)]).toEqual([h, null]);
  });

  it('is said to be a second column of its month when the month has one already', () => {
    const wb = interpretWorkbook({
      kind: 'xlsx',
      date1904: false,
      sheets: [
        {
          name: 'Product Value',
          hidden: false,
          rows: [row('KPI', 'Sep 2025', 'Current Value (Sep 2025)'), row('ROI', 40, 45)],
          merges: [],
        },
      ],
    });
    expect(wb.issues.map((i) => [i.column, i.message])).toEqual([
      ['C', 'Sep 2025 appears in two columns (B and C); column B is used.'],
    ]);
  });

  it('maps the column as its month, beside the other month columns', () => {
    expect(mapHeaderRow(row('KPI', 'Current Value (Sep 2025)', 'Aug 2025', 'Sep 2025 Target'))).toEqual([
      { col: 1, header: 'KPI', field: 'kpi_parameter' },
      { col: 2, header: 'Current Value (Sep 2025)', field: 'month', month: { year: 2025, month: 9 } },
      { col: 3, header: 'Aug 2025', field: 'month', month: { year: 2025, month: 8 } },
      { col: 4, header: 'Sep 2025 Target', field: 'ignored' },
    ]);
  });
});

describe('why a sheet has no header row, where a row comes near one', () => {
  const headerHint = (rows: Cell[][]) => nearHeader(rows)?.hint ?? null;
  it('names the row with value columns and no KPI column, and the headers to write', () => {
    expect(headerHint([row('Globex — KPIs'), row('Metric Name', 'Weight', 'Sep 2025', 'Oct 2025')])).toBe(
      'row 2 has value columns ("Sep 2025", "Oct 2025") but no column of KPI names: head it "KPI" (or KPI Name, KPI Parameter, Metric, Parameter, Measure)',
    );
    expect(headerHint([row('KPI', 'Owner', 'Score'), row('NPS Score', 'Jane', 45)])).toBe(
      'row 1 has a KPI column ("KPI") but no value column: head the values "Data" (or Value, Current Value, Actual, Current) or with their month ("Sep 2025")',
    );
  });

  it('says nothing of rows that are not near a header: a title, a lone date, a note', () => {
    const date: Cell = { t: 'date', year: 2025, month: 9, day: 1 };
    expect(headerHint([row('Instructions'), [t('Last updated'), date], row('Fill in the values monthly')])).toBeNull();
    expect(headerHint([row('KPI')])).toBeNull();
    expect(headerHint([])).toBeNull();
  });
});

describe('mapping and header row', () => {
  it('maps fields, months and extra columns; the first of two columns for a field wins', () => {
    const cells: Cell[] = [
      t('Owner'),
      t('Metric'),
      t('Value'),
      { t: 'empty' },
      t('Data'),
      { t: 'date', year: 2025, month: 8, day: 1 },
      t('Aug 2025'),
    ];
    expect(mapHeaderRow(cells)).toEqual([
      { col: 1, header: 'Owner', field: 'ignored' },
      { col: 2, header: 'Metric', field: 'kpi_parameter' },
      { col: 3, header: 'Value', field: 'data' },
      { col: 5, header: 'Data', field: 'ignored' },
      { col: 6, header: '2025-08-01', field: 'month', month: { year: 2025, month: 8 } },
      { col: 7, header: 'Aug 2025', field: 'ignored' },
    ]);
  });

  it('finds the first row with a KPI column and a value column, within the first 20 rows', () => {
    const rows: Cell[][] = [
      row('TechCorp KPI Scorecard'),
      row('Prepared by', 'Jane'),
      row('KPI', 'Owner'), // a KPI column but no value column
      [],
      row('Metric', 'Priority', 'Jan 2025'),
      row('NPS', 'High', 45),
    ];
    expect(detectHeaderRow(rows)?.row).toBe(5);
    const late: Cell[][] = [...Array.from({ length: 20 }, () => row('x')), row('KPI', 'Data')];
    expect(detectHeaderRow(late)).toBeNull();
    const at20: Cell[][] = [...Array.from({ length: 19 }, () => row('x')), row('KPI', 'Data')];
    expect(detectHeaderRow(at20)?.row).toBe(20);
    expect(detectHeaderRow([row('Category', 'Score')])).toBeNull();
  });

  it('reads a two-row header: the months in the row under it, below a label over them', () => {
    const rows: Cell[][] = [
      row('Initech — KPIs'),
      // "KPI" and "Weight" merged down over row 3, "Monthly values" merged over the month columns.
      row('KPI', 'Weight', 'Monthly values'),
      row(null, null, 'Jul 2025', 'Aug 2025'),
      row('NPS Score', '30%', 35, 38),
    ];
    // Without the months below it the header row has no value column: the sheet had no header row.
    expect(detectHeaderRow(rows)).toEqual({
      row: 2,
      mapping: [
        { col: 1, header: 'KPI', field: 'kpi_parameter' },
        { col: 2, header: 'Weight', field: 'weight' },
        { col: 3, header: 'Jul 2025', field: 'month', month: { year: 2025, month: 7 } },
        { col: 4, header: 'Aug 2025', field: 'month', month: { year: 2025, month: 8 } },
      ],
    });
    // A row under the header that holds anything but months is a row of the table, not of the header.
    const dated: Cell[][] = [row('KPI', 'Data'), [{ t: 'empty' }, { t: 'date', year: 2025, month: 7, day: 1 }, n(4)]];
    expect(detectHeaderRow(dated)?.mapping).toEqual([
      { col: 1, header: 'KPI', field: 'kpi_parameter' },
      { col: 2, header: 'Data', field: 'data' },
    ]);
    // Nor when it names a KPI.
    expect(detectHeaderRow([row('KPI', 'Data'), row('Total', 'Jul 2025')])?.mapping).toHaveLength(2);
  });

  it('column letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(['A', 'Z', 'AA', 'AZ', 'AAA'].map(columnNumber)).toEqual([1, 26, 27, 52, 703]);
  });
});

describe('remembered mappings', () => {
  it('the signature ignores month headers, case and punctuation', () => {
    const a = headerSignature(['KPI', 'Owner', 'Data', 'Jan 2025', '2025-02-01']);
    const b = headerSignature([' kpi ', 'OWNER', 'Data', 'Jan 2025', 'Feb 2025', 'Mar-25']);
    expect(a).toBe('kpi|owner|data');
    expect(b).toBe(a);
    expect(headerSignature(['KPI', 'Data', 'Owner'])).not.toBe(a);
    // A header that names its month beside Data's words is a month's too: next month's file matches.
    expect(headerSignature(['Metric Name', 'Current Value (Oct 2025)', 'Sep 2025'])).toBe(
      headerSignature(['Metric Name', 'Current Value (Sep 2025)', 'Aug 2025']),
    );
  });

  const raw = (headers: string[], values: Array<string | number>): RawWorkbook => ({
    kind: 'xlsx',
    date1904: false,
    sheets: [{ name: 'Product Value', hidden: false, rows: [row(...headers), row(...values)], merges: [] }],
  });

  it('a user mapping overrides the detected one for its sheet', () => {
    const wb = interpretWorkbook(raw(['KPI', 'Data', 'Score'], ['ROI', 'n/a', 80]), {
      mappings: {
        'Product Value': [
          { col: 1, header: 'KPI', field: 'kpi_parameter' },
          { col: 2, header: 'Data', field: 'ignored' },
          { col: 3, header: 'Score', field: 'data' },
        ],
      },
    });
    expect(wb.sheets[0].rows[0].dataValue).toBe(80);
  });

  it('a remembered mapping applies by header text to a file with the same signature', () => {
    const first = interpretWorkbook(raw(['Owner', 'Name', 'Score', 'Jan 2025'], ['Jane', 'ROI', 80, 70]), {
      headerRows: { 'Product Value': 1 },
      mappings: {
        'Product Value': [
          { col: 1, header: 'Owner', field: 'ignored' },
          { col: 2, header: 'Name', field: 'kpi_parameter' },
          { col: 3, header: 'Score', field: 'data' },
          { col: 4, header: 'Jan 2025', field: 'month', month: { year: 2025, month: 1 } },
        ],
      },
    });
    const sheet = first.sheets[0];
    // Next month: one month column more, detection alone finds the months but no KPI column.
    const next = raw(['Owner', 'Name', 'Score', 'Jan 2025', 'Feb 2025'], ['Jane', 'ROI', 85, 70, 85]);
    expect(() => interpretWorkbook(next)).toThrow();
    const cells = next.sheets[0].rows[0];
    expect(headerSignature(cells.map((c) => (c.t === 'text' ? c.v : '')))).toBe(sheet.signature);
    const mapped = applyRememberedMapping(cells, sheet.mapping);
    expect(mapped.map((m) => m.field)).toEqual(['ignored', 'kpi_parameter', 'data', 'month', 'month']);
    const wb = interpretWorkbook(next, {
      headerRows: { 'Product Value': 1 },
      mappings: { 'Product Value': mapped },
    });
    expect(wb.sheets[0].rows[0]).toMatchObject({ dataValue: 85, fields: { kpi_parameter: 'ROI' } });
    expect(wb.sheets[0].rows[0].months).toEqual([
      { year: 2025, month: 1, value: 70 },
      { year: 2025, month: 2, value: 85 },
    ]);
  });

  it('rememberedMappings by signature are used when the header row is detected', () => {
    const file = raw(['KPI', 'Data', 'Target'], ['ROI', 80, 100]);
    const plain = interpretWorkbook(file);
    const sig = plain.sheets[0].signature;
    const wb = interpretWorkbook(file, {
      rememberedMappings: {
        [sig]: [
          { col: 1, header: 'KPI', field: 'kpi_parameter' },
          { col: 2, header: 'Data', field: 'ignored' },
          { col: 3, header: 'Target', field: 'data' },
        ],
      },
    });
    expect(wb.sheets[0].rows[0].dataValue).toBe(100);
  });
});
