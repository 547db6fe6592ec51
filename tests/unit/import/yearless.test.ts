import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../../main/import/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { headerSignature } from '../../../shared/import/columns';
import { type InterpretOptions, interpretWorkbook, refusalSentence } from '../../../shared/import/interpret';
import type { ImportRefusal } from '../../../shared/import/refusal';
import type { Cell } from '../../../shared/import/types';
import { monthKey } from '../../../shared/import/values';
import { fileNameYear, titleYear, yearlessMonth } from '../../../shared/import/yearless';
import { tempDb } from '../../helpers/db';
import { titledWorkbook } from '../../helpers/titled';

const t = (v: string): Cell => ({ t: 'text', v });
const n = (v: number): Cell => ({ t: 'number', v, percent: false });
const row = (...vs: Array<string | number | null>): Cell[] =>
  vs.map((v) => (v === null ? { t: 'empty' } : typeof v === 'number' ? n(v) : t(v)));

/** One sheet of title rows, a header and one KPI row whose values are 1, 2, 3... under the months. */
function sheet(titles: string[], months: string[], data = true, options: InterpretOptions = {}) {
  const header = row('KPI', ...(data ? ['Data'] : []), ...months);
  const values = row('CSAT', ...(data ? [90] : []), ...months.map((_, i) => i + 1));
  return interpretWorkbook(
    {
      kind: 'xlsx',
      date1904: false,
      sheets: [{ name: 'Support', hidden: false, merges: [], rows: [...titles.map((x) => row(x)), header, values] }],
    },
    options,
  );
}
const monthsOf = (wb: ReturnType<typeof sheet>) =>
  Object.fromEntries(wb.sheets[0].rows[0].months.map((m) => [monthKey(m), m.value]));

describe('month headers written without their year', () => {
  it.each([
    ['Jan', 1],
    ['JAN.', 1],
    [' January ', 1],
    ['Sept', 9],
    ['sep', 9],
    ['May', 5],
    ['december', 12],
  ])('%s names month %i', (header, month) => {
    expect(yearlessMonth(header)).toBe(month);
  });

  it.each(['Jan 2025', 'Janu', 'Avg', 'Mayor', 'Data', '', '2025', 'Ja'])('%s is not one', (header) => {
    expect(yearlessMonth(header)).toBeNull();
  });

  it('take their year from the title rows: a month of the data, else a year written alone', () => {
    expect(titleYear(['Acme KPIs 2025'])).toEqual({ year: 2025, period: null, text: 'Acme KPIs 2025' });
    expect(titleYear(['Acme KPIs 2024', 'data as of 28 Sep 2025'])).toMatchObject({
      year: 2025,
      period: { year: 2025, month: 9 },
    });
    // A fiscal year, a range of years, a number that holds a year: no calendar year said.
    for (const text of ['FY 2025', 'Plan 2025-26', 'Ticket 12025', 'Relationship Strength']) {
      expect(titleYear([text]), text).toBeNull();
    }
  });

  it("take the file name's year where no title row gives one", () => {
    expect(fileNameYear('kpis_2025.csv')).toMatchObject({ year: 2025, period: null });
    expect(fileNameYear('acme-2025.xlsx')).toMatchObject({ year: 2025, period: null });
    expect(fileNameYear('C:\\Users\\jane\\acme-2025-09.xlsx')).toMatchObject({ period: { year: 2025, month: 9 } });
    for (const f of ['report.xlsx', 'plan-2025-26.xlsx', 'FY2025.xlsx', 'v12025.xlsx'])
      expect(fileNameYear(f), f).toBeNull();
    const named = sheet([], ['Jan', 'Feb'], true, { fileName: 'initech kpis 2024.xlsx' });
    expect(Object.keys(monthsOf(named))).toEqual(['2024-01', '2024-02']);
    expect(named.issues).toEqual([]);
    // A title's year comes first.
    const titled = sheet(['Initech KPIs 2025'], ['Jan', 'Feb'], true, { fileName: 'initech kpis 2024.xlsx' });
    expect(Object.keys(monthsOf(titled))).toEqual(['2025-01', '2025-02']);
  });

  it('are read as months of the year in the title, their values stored as the month columns', () => {
    const wb = sheet(['Acme KPIs 2025'], ['Jan', 'Feb', 'Mar', 'Apr']);
    expect(wb.sheets[0].months.map(monthKey)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(wb.sheets[0].mapping.slice(2)).toEqual([
      { col: 3, header: 'Jan', field: 'month', month: { year: 2025, month: 1 } },
      { col: 4, header: 'Feb', field: 'month', month: { year: 2025, month: 2 } },
      { col: 5, header: 'Mar', field: 'month', month: { year: 2025, month: 3 } },
      { col: 6, header: 'Apr', field: 'month', month: { year: 2025, month: 4 } },
    ]);
    expect(monthsOf(wb)).toEqual({ '2025-01': 1, '2025-02': 2, '2025-03': 3, '2025-04': 4 });
    expect(wb.issues).toEqual([]);
  });

  it('run over the turn of a year where the title names the month of the data', () => {
    const wb = sheet(['Acme — data as of 28 Sep 2025'], ['Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Sep'], false);
    expect(Object.keys(monthsOf(wb))).toEqual(['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-09']);
    // A data month that no column names: the last column is the latest month not after it.
    const before = sheet(['data as of 15 Mar 2026'], ['Oct', 'Nov', 'Dec', 'Jan', 'Feb'], false);
    expect(Object.keys(monthsOf(before))).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('are not guessed over the turn of a year under a year alone (a fiscal year), nor without any year: a warning says how to give it', () => {
    const fiscal = sheet(['KPIs 2025'], ['Oct', 'Nov', 'Dec', 'Jan']);
    expect(fiscal.sheets[0].months).toEqual([]);
    expect(fiscal.issues.map((i) => [i.severity, i.row, i.column, i.message])).toEqual([
      [
        'warning',
        2,
        'C',
        'Columns C, D, E, F ("Oct" … "Jan") name months without a year, so they were not imported: write the year in the headers ("Jan 2025"), in a title row above them ("KPIs 2025") or in the file name, or set each column\'s month in the preview.',
      ],
    ]);
    const none = sheet([], ['Jan', 'Feb']);
    expect(none.sheets[0].months).toEqual([]);
    expect(none.issues[0].message).toMatch(/^Columns C, D \("Jan", "Feb"\) name months without a year/);
    // The user's own mapping is as they set it: nothing to warn of.
    const mapped = sheet([], ['Jan'], true, {
      mappings: {
        Support: [
          { col: 1, header: 'KPI', field: 'kpi_parameter' },
          { col: 2, header: 'Data', field: 'data' },
          { col: 3, header: 'Jan', field: 'ignored' },
        ],
      },
    });
    expect(mapped.issues).toEqual([]);
  });

  it('are left out of the header signature, as other month headers are', () => {
    expect(headerSignature(['KPI', 'Data', 'Jan', 'Feb', 'Sept'])).toBe(headerSignature(['KPI', 'Data', 'Jan 2025']));
    expect(headerSignature(['KPI', 'Data', 'Jan'])).toBe('kpi|data');
    expect(headerSignature(['KPI', 'Data', 'Okt', 'Nov', 'Dez'])).toBe('kpi|data');
    // A word that is a month's name in another language, alone, is a header like any other.
    expect(headerSignature(['KPI', 'Data', 'Set'])).toBe('kpi|data|set');
  });

  it('leave a month another column names to that column, and a sheet of them alone without a year is refused saying why', () => {
    const twin = sheet(['KPIs 2025'], ['Jan 2025', 'Jan', 'Feb']);
    expect(monthsOf(twin)).toEqual({ '2025-01': 1, '2025-02': 3 });
    expect(() => sheet([], ['Jan', 'Feb'], false)).toThrow();
    try {
      sheet([], ['Jan', 'Feb'], false);
    } catch (e) {
      expect(refusalSentence(e as ImportRefusal)).toContain(
        'On sheet Support, row 1 has a KPI column ("KPI") and months without a year ("Jan", …): write the year in the headers ("Jan 2025"), in a title row above them ("KPIs 2025") or in the file name.',
      );
    }
  });
});

describe('a workbook whose month headers have no year, imported', () => {
  let db: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  beforeEach(async () => {
    db = await tempDb();
    ws = createWorkspace(db.db, { name: 'W', mode: 'corporate' });
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it("reads a CSV file's yearless months by its file name, as the window and the command line pass it", async () => {
    // (With its categories named: a CSV without them is warned that its file-named category has no weight.)
    const bytes = Buffer.from('KPI,Category,Data,Jan,Feb\nCSAT Score,Support & Experience,4.4,4.1,4.2\n');
    const p = await previewImport(db.db, ws.id, { fileName: 'initech_2024.csv', bytes });
    expect(p.sheets[0].months).toEqual(['2024-01', '2024-02']);
    expect(p.issues).toEqual([]);
  });

  it('stores each month column under the title year, and Data for the period', async () => {
    const bytes = await titledWorkbook([
      {
        name: 'Support',
        titles: ['Initech KPIs 2025'],
        months: ['Jan', 'Feb', 'Mar'],
        rows: [['CSAT Score', 0.5, 4.4, 4.1, 4.2, 4.3]],
      },
    ]);
    const p = await previewImport(db.db, ws.id, { fileName: 'initech.xlsx', bytes });
    expect(p.sheets[0].months).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(p.defaultPeriod).toBe('2025-04');
    const report = await commitImport(
      db.db,
      { customerId: ws.id, userId: null },
      { fileName: 'initech.xlsx', bytes, period: p.defaultPeriod, newAccountName: 'Initech', createAccounts: true },
    );
    expect(report.uploads).toHaveLength(1);
    const stored = db.db.raw
      .prepare('SELECT year * 100 + month AS ym, value FROM kpi_time_series ORDER BY ym')
      .all() as Array<{ ym: number; value: number }>;
    expect(stored).toEqual([
      { ym: 202501, value: 4.1 },
      { ym: 202502, value: 4.2 },
      { ym: 202503, value: 4.3 },
      { ym: 202504, value: 4.4 },
    ]);
  });

  it('reads a German scorecard as its CSM does: the account labelled, German headers and months, the title date', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Beziehung');
    sheet.addRow(['Kunde: Müller GmbH — Kennzahlen, Stand 30.09.2025']);
    sheet.addRow([]);
    sheet.addRow(['Kennzahl', 'Kategorie', 'Gewichtung', 'Wert', 'Jan', 'Feb', 'Mär', 'Apr', 'Mai']);
    sheet.addRow(['NPS Score', 'Relationship Strength', '30%', 45, 40, 41, 42, 43, 44]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const p = await previewImport(db.db, ws.id, { fileName: 'mueller.xlsx', bytes });
    expect(p.proposedNewAccount?.name).toBe('Müller GmbH');
    expect(p.defaultPeriod).toBe('2025-09');
    expect(p.sheets[0].months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    expect(p.issues).toEqual([]);
    await commitImport(
      db.db,
      { customerId: ws.id, userId: null },
      { fileName: 'mueller.xlsx', bytes, period: p.defaultPeriod, newAccountName: 'Müller GmbH', createAccounts: true },
    );
    const stored = db.db.raw
      .prepare(
        'SELECT a.account_name AS account, k.category, k.weight, ts.year * 100 + ts.month AS ym, ts.value FROM kpi_time_series ts JOIN kpis k USING (kpi_id) JOIN accounts a ON a.account_id = ts.account_id ORDER BY ym',
      )
      .all() as Array<{ account: string; category: string; weight: string; ym: number; value: number }>;
    expect(stored.map((r) => [r.ym, r.value])).toEqual([
      [202501, 40],
      [202502, 41],
      [202503, 42],
      [202504, 43],
      [202505, 44],
      [202509, 45],
    ]);
    expect(stored[0]).toMatchObject({ account: 'Müller GmbH', category: 'Relationship Strength', weight: '30%' });
  });
});

describe('month headers without their year as a European team writes them', () => {
  it.each([
    ['Okt', 10],
    ['Dez.', 12],
    ['janv.', 1],
    ['Mär', 3],
    ['MAI', 5],
    ['août', 8],
  ])('%s, as a European Excel writes it, names month %i', (header, month) => {
    expect(yearlessMonth(header)).toBe(month);
  });

  it('in another language than English are read in a run of three or more, as a scorecard has them', () => {
    const german = sheet(['KPI-Übersicht 2025'], ['Okt', 'Nov', 'Dez']);
    expect(Object.keys(monthsOf(german))).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(german.issues).toEqual([]);
    const french = sheet(['Tableau de bord — 2026'], ['janv.', 'févr.', 'mars', 'avr.']);
    expect(Object.keys(monthsOf(french))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    // Fewer, such a word may be a header's own ("Mai", "Set", "Out"): not a month, not warned of.
    for (const few of [['Mai'], ['Set', 'Out']]) {
      const wb = sheet(['KPIs 2025'], few);
      expect(wb.sheets[0].months, few.join()).toEqual([]);
      expect(wb.issues, few.join()).toEqual([]);
    }
    // English names among them count as ever; without a year the run is warned of as a whole.
    expect(Object.keys(monthsOf(sheet(['KPIs 2025'], ['Mai', 'Jun'])))).toEqual(['2025-06']);
    expect(sheet([], ['Okt', 'Nov', 'Dez']).issues[0].message).toMatch(
      /^Columns C, D, E \("Okt" … "Dez"\) name months without a year/,
    );
  });
});
