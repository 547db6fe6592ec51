import { describe, expect, it } from 'vitest';
import { readAndInterpret } from '../../../main/import/workbook';
import { pointDecimal, writesDecimalComma } from '../../../main/import/workbook/csv-numbers';

/** A CSV file's KPI rows as the importer reads them: Data's number and text, the months' numbers. */
async function rowsOf(csv: string | Uint8Array, fileName = 'kpis.csv') {
  const bytes = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
  const { workbook } = await readAndInterpret(bytes, fileName);
  return {
    rows: workbook.sheets[0].rows.map((r) => ({
      kpi: r.fields.kpi_parameter,
      data: r.dataValue,
      text: r.fields.data,
      weight: r.fields.weight,
      months: r.months.map((m) => m.value),
    })),
    warnings: workbook.issues.map((i) => i.message),
  };
}

describe('numbers written with a decimal comma in a CSV file', () => {
  it.each([
    ['4,5', '4.5'],
    ['-3,25', '-3.25'],
    ['(12,5)', '(12.5)'],
    ['12,5%', '12.5%'],
    ['1.234,50 €', '1234.50 €'],
    ['€ 1.234', '€ 1234'],
    ['1.234.567,8', '1234567.8'],
    // Thousands grouped by spaces, as French Excel writes them (a space, a no-break or a narrow one).
    ['1 234,50 €', '1234.50 €'],
    ['1\u00a0234\u00a0567,8', '1234567.8'],
    ['1\u202f234', '1234'],
    ['1.234 567,8', '1.234 567,8'],
    ['12 34,5', '12 34,5'],
    ['$1,2M', '$1.2M'],
    ['2,5 Mio \u20ac', '2.5 Mio \u20ac'],
    ['1,2bn', '1.2bn'],
    ['$1,2MM', '$1.2MM'],
    ['1.234,50 EUR', '1234.50 EUR'],
    ['45', '45'],
    // Not numbers: as they are.
    ['28.09.2025', '28.09.2025'],
    ['01.2025', '01.2025'],
    ['Q3 2025', 'Q3 2025'],
    ['Top 3,5 accounts', 'Top 3,5 accounts'],
    ['1,2,3', '1,2,3'],
  ])('%s reads as %s', (field, want) => {
    expect(pointDecimal(field)).toBe(want);
  });

  it('are read so only in a file that plainly writes them so', () => {
    // A comma before one or two digits, or after a group of thousands, and no point in those places.
    expect(
      writesDecimalComma([
        ['KPI', 'Data', '01.2025'],
        ['NPS', '4,5', '4,1'],
        ['ARR', '1.234', '2025'],
      ]),
    ).toBe(true);
    expect(writesDecimalComma([['ARR', '1.234.567,8']])).toBe(true);
    expect(writesDecimalComma([['ARR', '1 234,50 €']])).toBe(true);
    // A point decimal anywhere, or only ambiguous values (three digits after the mark), decide against it.
    expect(
      writesDecimalComma([
        ['NPS', '4.5'],
        ['CSAT', '4,5'],
      ]),
    ).toBe(false);
    expect(
      writesDecimalComma([
        ['ARR', '1,234'],
        ['NPS', '45'],
      ]),
    ).toBe(false);
    expect(writesDecimalComma([['ARR', '4,125']])).toBe(false);
    expect(
      writesDecimalComma([
        ['KPI', 'Data'],
        ['NPS', '45'],
      ]),
    ).toBe(false);
  });

  it('a semicolon file saved by a European Excel: every value read (Data kept as written), weights and months', async () => {
    const csv =
      '\ufeffKPI;Data;Weight;Jul 2025;Aug 2025\r\nNPS Score;4,5;30%;4,1;1.234,50 €\r\nRevenue;(12,5);12,5%;$1,2M;-3,25\r\n';
    expect(await rowsOf(csv)).toEqual({
      rows: [
        { kpi: 'NPS Score', data: 4.5, text: '4,5', weight: '30%', months: [4.1, 1234.5] },
        { kpi: 'Revenue', data: -12.5, text: '(12,5)', weight: '12.5%', months: [1200000, -3.25] },
      ],
      warnings: [],
    });
  });

  it('the same file in Windows-1252 (the euro sign as byte 0x80) reads the same', async () => {
    const text = 'KPI;Data;Aug 2025\r\nARR;1.234,50 \u20ac;2.000\r\n';
    const bytes = Uint8Array.from([...text].map((c) => (c === '\u20ac' ? 0x80 : c.charCodeAt(0))));
    expect((await rowsOf(bytes)).rows).toEqual([
      { kpi: 'ARR', data: 1234.5, text: '1.234,50 \u20ac', weight: null, months: [2000] },
    ]);
  });

  it('a file with point decimals, or with both marks, is read as before: a decimal comma stays a warning', async () => {
    const point = await rowsOf('KPI;Data;Aug 2025\nNPS;4.5;1,234\n');
    expect(point.rows[0]).toMatchObject({ data: 4.5, months: [1234] });
    const mixed = await rowsOf('KPI;Data;Aug 2025\nNPS;4.5;4,1\n');
    expect(mixed.rows[0]).toMatchObject({ data: 4.5, months: [] });
    expect(mixed.warnings.join(' ')).toContain('a comma is read only as a thousands separator');
    // A comma-separated file's quoted thousands stay thousands.
    expect((await rowsOf('KPI,Data\nARR,"1,234"\n')).rows[0]).toMatchObject({ data: 1234 });
  });
});

describe("a German Excel's CSV", () => {
  it('has its month headers in German, with their year or under a title year, and decimal commas read', async () => {
    const csv =
      'KPI-Übersicht Müller GmbH\r\nKPI;Data;Sep 2025;Okt 2025;Nov 2025;Dez 2025\r\nNPS;45,5;40;41,5;42;43,25\r\n';
    const { workbook } = await readAndInterpret(Buffer.from(csv, 'utf8'), 'kpis.csv');
    expect(workbook.months.map((m) => `${m.year}-${m.month}`)).toEqual(['2025-9', '2025-10', '2025-11', '2025-12']);
    expect(workbook.sheets[0].rows[0].months.map((m) => m.value)).toEqual([40, 41.5, 42, 43.25]);
    expect(workbook.issues).toEqual([]);
    // The months without their year, as a hand-kept German sheet heads them: the title's year.
    const yearless = 'KPI-Übersicht 2025\r\nKPI;Data;Okt;Nov;Dez\r\nNPS;45,5;41,5;42;43,25\r\n';
    const read = (await readAndInterpret(Buffer.from(yearless, 'utf8'), 'kpis.csv')).workbook;
    expect(read.months.map((m) => `${m.year}-${m.month}`)).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(read.sheets[0].rows[0].months.map((m) => m.value)).toEqual([41.5, 42, 43.25]);
    expect(read.issues).toEqual([]);
  });
});
