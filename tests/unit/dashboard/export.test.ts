import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField as csvCell } from '../../../main/exports/sheet-writer';
import type { ExportFile } from '../../../shared/channels/common';
import { ok } from '../../helpers/db';
import { xlsxNumFmtIds } from '../../helpers/xlsx-parts';
import { expected, useSeededSamples } from './seed';

async function readXlsx(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  // row 1 is the title in words; the headers and rows follow
  ws.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}
const csvLines = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split('\r\n');

describe('dashboard exports', () => {
  const s = useSeededSamples();

  it('writes the portfolio rows shown, in the order shown, as xlsx', async () => {
    const order = [s.ids['ACME Cloud'], s.ids['TechCorp Solutions']];
    const f = await ok<ExportFile>(s.backend, 'dashboard.exportPortfolio', { format: 'xlsx', accountIds: order });
    expect(f.fileName).toMatch(/^portfolio-\d{4}-\d{2}\.xlsx$/);
    const rows = await readXlsx(f.bytes);
    expect(rows[0].slice(0, 4)).toEqual(['Account', 'Health score', 'Status', 'Change']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['ACME Cloud', 'TechCorp Solutions']);
    const tc = rows[2];
    expect(Math.abs((tc[1] as number) - expected['TechCorp Solutions']['2025-09'].overall_health_score)).toBeLessThan(
      0.01,
    );
    expect(tc[2]).toBe('Risk');
    expect(tc.slice(7, 10)).toEqual([1_200_000, 'Technology', 'North America']);
    // months and times as date cells, not ISO text; a title row in words; widths set
    expect(tc[5]).toEqual(new Date(Date.UTC(2025, 8, 1)));
    expect(tc[13]).toBeInstanceOf(Date);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.bytes) as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/^Portfolio of .+ · exported \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(ws.getCell('F4').numFmt).toBe('mmm yyyy');
    expect(ws.getCell('M4').numFmt).toBe('mm-dd-yy');
    expect(ws.getCell('N4').numFmt).toBe('m/d/yy "h":mm');
    for (let i = 1; i <= 14; i++) expect(ws.getColumn(i).width).toBeGreaterThan(7);
    expect(await xlsxNumFmtIds(f.bytes)).toContain(22);
  });

  it('writes every active account as CSV, and ignores ids that are not in the workspace', async () => {
    const all = await ok<ExportFile>(s.backend, 'dashboard.exportPortfolio', { format: 'csv' });
    expect([...all.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for Excel
    const lines = csvLines(all.bytes);
    expect(lines[0]).toBe(
      'Account,Health score,Status,Change,Since,Latest month,Stale,Revenue,Industry,Region,Owner,Segment,Renewal,Last upload',
    );
    expect(lines.filter(Boolean)).toHaveLength(12);

    await ok(s.backend, 'workspaces.create', { name: 'Other' });
    const mine = await ok<{ id: number }>(s.backend, 'accounts.create', { name: 'Mine' });
    const f = await ok<ExportFile>(s.backend, 'dashboard.exportPortfolio', {
      format: 'csv',
      accountIds: [s.ids['TechCorp Solutions'], mine.id],
    });
    // Its revenue was never recorded (0): an empty cell, not $0.
    expect(csvLines(f.bytes).filter(Boolean).slice(1)).toEqual(['Mine,,No score,,,,no,,,,,,,']);
  });

  it('leaves the revenue cell empty in xlsx for an account with no revenue recorded', async () => {
    const db = s.backend.ctx.db;
    db.raw.prepare('UPDATE accounts SET revenue = 0 WHERE account_id = ?').run(s.ids['ACME Cloud']);
    const f = await ok<ExportFile>(s.backend, 'dashboard.exportPortfolio', {
      format: 'xlsx',
      accountIds: [s.ids['ACME Cloud'], s.ids['TechCorp Solutions']],
    });
    const rows = await readXlsx(f.bytes);
    expect(rows[0][7]).toBe('Revenue');
    expect(rows[1][0]).toBe('ACME Cloud');
    expect(rows[1][7]).toBeUndefined();
    expect(rows[2][7]).toBe(1_200_000);
  });

  it("writes an account's KPI table of a month, grouped by category", async () => {
    const accountId = s.ids['TechCorp Solutions'];
    const f = await ok<ExportFile>(s.backend, 'dashboard.exportAccountKpis', {
      accountId,
      month: '2025-08',
      format: 'xlsx',
    });
    expect(f.fileName).toBe('techcorp-solutions-kpis-2025-08.xlsx');
    const rows = await readXlsx(f.bytes);
    expect(rows).toHaveLength(68);
    const nps = rows.find((r) => r[1] === 'NPS Score')!;
    expect(nps.slice(0, 5)).toEqual(['Relationship Strength', 'NPS Score', 11.3, 'score', 'Risk']);
    // Each band's bounds as numbers, and July's value as the previous month's.
    expect(rows[0].slice(7, 13)).toEqual([
      'Critical from',
      'Critical to',
      'Risk from',
      'Risk to',
      'Healthy from',
      'Healthy to',
    ]);
    expect(nps.slice(7, 14)).toEqual([-100, 10, 10, 30, 30, 100, 22.6]);
    expect(rows.filter((r) => r[4] === 'No range')).toHaveLength(27);

    const csv = await ok<ExportFile>(s.backend, 'dashboard.exportAccountKpis', { accountId, format: 'csv' });
    expect(csv.fileName).toBe('techcorp-solutions-kpis-2025-09.csv');
    const lines = csvLines(csv.bytes).filter(Boolean);
    expect(lines).toHaveLength(68);
    // Negative bounds are plain numbers: nothing defused with an apostrophe.
    expect(lines.find((l) => l.startsWith('Relationship Strength,NPS Score,'))).toContain(',-100,10,10,30,30,100,');
    expect(lines.some((l) => /(^|,)'-/.test(l))).toBe(false);
  });

  it('quotes CSV cells and defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('ACME, Inc.')).toBe('"ACME, Inc."');
    expect(csvCell('Say "hi"')).toBe('"Say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(null)).toBe('');
  });
});
