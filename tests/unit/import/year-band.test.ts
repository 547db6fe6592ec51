import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../../main/import/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { interpretWorkbook } from '../../../shared/import/interpret';
import type { Cell } from '../../../shared/import/types';
import { monthKey } from '../../../shared/import/values';
import { tempDb } from '../../helpers/db';
import { BANDED_STORED, bandedWorkbook } from '../../helpers/titled';

const row = (...vs: Array<string | number | null>): Cell[] =>
  vs.map(
    (v): Cell =>
      v === null ? { t: 'empty' } : typeof v === 'number' ? { t: 'number', v, percent: false } : { t: 'text', v },
  );

/** One sheet of these rows (a title, a row of years, a header, ...), interpreted. */
const sheetOf = (rows: Cell[][]) =>
  interpretWorkbook({ kind: 'xlsx', date1904: false, sheets: [{ name: 'Support', hidden: false, merges: [], rows }] });
const monthsOf = (wb: ReturnType<typeof sheetOf>) => wb.sheets[0].months.map(monthKey);

/**
 * Month headers without their year ("Jan" ... "Dec") under a row of years, as hand-kept
 * scorecards have them: "2025" merged over January to December, "2026" over the months after.
 * The year over a month is nearer it than any title, so it decides first.
 */
describe('months under a row of years', () => {
  it('take the year written at or before their column (a merged range keeps it in its first cell)', () => {
    const wb = sheetOf([
      row('Acme KPIs 2024'),
      row(null, null, 2025),
      row('KPI', 'Data', 'Jan', 'Feb', 'Mar'),
      row('CSAT', 90, 1, 2, 3),
    ]);
    expect(monthsOf(wb)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(wb.issues).toEqual([]);
  });

  it('run over the turn of a year where the row says where the next year begins', () => {
    const wb = sheetOf([
      row(null, null, '2025', null, null, '2026'),
      row('KPI', 'Data', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb'),
      row('CSAT', 90, 1, 2, 3, 4, 5),
    ]);
    expect(monthsOf(wb)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    expect(wb.sheets[0].rows[0].months.map((m) => m.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('take a lone year written anywhere over one run of rising months (centred over them by hand)', () => {
    const wb = sheetOf([
      row(null, null, null, null, 2025),
      row('KPI', 'Data', 'Jan', 'Feb', 'Mar', 'Apr'),
      row('CSAT', 90, 1, 2, 3, 4),
    ]);
    expect(monthsOf(wb)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
  });

  it('are not read by a row that does not decide: months falling under one year, other text nearer than a year, no year', () => {
    // "Oct Nov Dec Jan" under 2025 alone: the turn of the year is not said (as under a title's year alone).
    const turn = sheetOf([
      row(null, null, 2025),
      row('KPI', 'Data', 'Oct', 'Nov', 'Dec', 'Jan'),
      row('CSAT', 90, 1, 2, 3, 4),
    ]);
    expect(monthsOf(turn)).toEqual([]);
    expect(turn.issues[0].message).toMatch(/name months without a year/);
    const noted = sheetOf([
      row(null, null, 2025, null, 'Forecast'),
      row('KPI', 'Data', 'Jan', 'Feb', 'Mar'),
      row('CSAT', 90, 1, 2, 3),
    ]);
    expect(monthsOf(noted)).toEqual([]);
    // Numbers that are no year, and a percent cell.
    for (const band of [
      row(null, null, 150),
      [{ t: 'empty' }, { t: 'empty' }, { t: 'number', v: 2025, percent: true }] as Cell[],
    ]) {
      expect(monthsOf(sheetOf([band, row('KPI', 'Data', 'Jan'), row('CSAT', 90, 1)]))).toEqual([]);
    }
    // Without a row of years the titles' year still counts.
    expect(monthsOf(sheetOf([row('KPIs 2025'), row('KPI', 'Data', 'Jan'), row('CSAT', 90, 1)]))).toEqual(['2025-01']);
  });

  it('in a two-row header take the years written over them in the header row, else the title', () => {
    const banded = sheetOf([
      row('KPI', 'Data', 2025, null, null, 2026),
      row(null, null, 'Oct', 'Nov', 'Dec', 'Jan'),
      row('CSAT', 90, 1, 2, 3, 4),
    ]);
    expect(monthsOf(banded)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01']);
    // The row of months is a header, not a KPI row.
    expect(banded.sheets[0].rows.map((r) => r.fields.kpi_parameter)).toEqual(['CSAT']);
    expect(banded.sheets[0].rowsRead).toBe(1);
    const titled = sheetOf([
      row('Acme KPIs 2025'),
      row('KPI', 'Data', 'Monthly values'),
      row(null, null, 'Jan', 'Feb'),
      row('CSAT', 90, 1, 2),
    ]);
    expect(monthsOf(titled)).toEqual(['2025-01', '2025-02']);
  });
});

describe('a workbook with a row of years over its months, imported', () => {
  let ctx: Awaited<ReturnType<typeof tempDb>>;
  beforeEach(async () => {
    ctx = await tempDb();
  });
  afterEach(() => ctx.cleanup());

  it('defaults to the month its Data column repeats and stores every month in its year', async () => {
    const bytes = await bandedWorkbook(['Globex Analytics — KPI scorecard', '']);
    const ws2 = createWorkspace(ctx.db, { name: 'Globex', mode: 'corporate' });
    const preview = await previewImport(ctx.db, ws2.id, { fileName: 'scorecard.xlsx', bytes });
    expect(preview.months).toEqual(['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    expect(preview.defaultPeriod).toBe('2026-02');
    expect(preview.issues).toEqual([]);
    const report = await commitImport(
      ctx.db,
      { customerId: ws2.id, userId: null },
      {
        fileName: 'scorecard.xlsx',
        bytes,
        period: preview.defaultPeriod,
        newAccountName: 'Globex Analytics',
        createAccounts: true,
      },
    );
    expect(report.months).toEqual(preview.months);
    const stored = ctx.db.raw
      .prepare('SELECT year, month, value FROM kpi_time_series ORDER BY year, month')
      .all() as Array<{ year: number; month: number; value: number }>;
    expect(stored.map((s) => `${s.year * 100 + s.month}:${s.value}`)).toEqual(BANDED_STORED);
  });
});
