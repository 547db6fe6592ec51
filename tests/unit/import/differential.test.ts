/**
 * The differential test of issue 10 point 3: every workbook we have, read by our own reader and
 * by exceljs (the importer's former path, kept in tests/helpers/exceljs-reference), gives the same
 * cells, merges, hidden flags and date system.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../main/import/workbook/read';
import type { Cell, RawWorkbook } from '../../../shared/import/types';
import { readWorkbookWithExceljs } from '../../helpers/exceljs-reference/read';
import { makeRollupWorkbook, sampleKpis } from '../../helpers/workbooks';
import { FIXTURES, REPO, SAMPLES, xlsxIn } from './helpers';

/** A formula's text is not compared (exceljs gives shared formulas as their master's text). */
const norm = (c: Cell) => (c.t === 'formula-no-result' ? { t: c.t } : c);

function comparable(wb: RawWorkbook) {
  return {
    date1904: wb.date1904,
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      hidden: s.hidden,
      chart: !!s.chart,
      rows: s.rows.map((r) => r.map(norm)),
      merges: [...s.merges].sort((a, b) => a.top - b.top || a.left - b.left),
    })),
  };
}

async function outcome(read: () => Promise<RawWorkbook>) {
  try {
    return { ok: comparable(await read()) };
  } catch (e) {
    return { refused: (e as { code?: string }).code ?? String(e) };
  }
}

async function expectSame(bytes: Buffer, name: string) {
  const ours = await outcome(() => readWorkbook(bytes, name));
  const theirs = await outcome(() => readWorkbookWithExceljs(bytes, name));
  expect(ours).toEqual(theirs);
}

/** An exceljs-written workbook with every kind of cell the importer reads. */
async function exceljsWorkbook(date1904: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet('Relationship Strength');
  ws.addRow(['Globex — KPIs as of 28 Sep 2025']);
  ws.mergeCells('A1:D1');
  ws.addRow(['KPI Parameter', 'Data', new Date(Date.UTC(2025, 0, 1)), 'Notes']);
  ws.addRow(['NPS', 0.45, 12, { richText: [{ text: 'rich ' }, { font: { bold: true }, text: 'text' }] }]);
  ws.getCell('B3').numFmt = '0.0%';
  ws.addRow(['Formula', { formula: 'B3*2', result: 0.9 }, { formula: '1/0', result: { error: '#DIV/0!' } }, true]);
  ws.addRow(['No cache', { formula: 'B3+1' }, { error: '#N/A' }, 'a & <b> "c"']);
  ws.addRow(['Link', { text: 'see', hyperlink: 'https://example.com' }, -12.5e-3, '  spaced  ']);
  const hidden = wb.addWorksheet('Hidden', { state: 'hidden' });
  hidden.addRow(['x', 1]);
  wb.addWorksheet('Very', { state: 'veryHidden' }).addRow([new Date(Date.UTC(1999, 11, 31))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Workbooks written by openpyxl now (not only the committed fixtures), when Python has it. */
function openpyxlWorkbook(): Buffer | null {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) return null;
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'diff-')), 'openpyxl.xlsx');
  const script = `
import datetime, openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Adoption & Engagement'
ws.append(['Acme — data as of Sep 2025']); ws.merge_cells('A1:C1')
ws.append(['KPI', 'Data', datetime.date(2025, 8, 1), datetime.date(2025, 9, 1)])
ws.append(['Usage', 0.5, 0.4, '=B3*2']); ws['B3'].number_format = '0%'
ws.append(['Inline', 'x<y&z', 1e-9, 12345678901])
ws2 = wb.create_sheet('Hidden'); ws2.sheet_state = 'hidden'; ws2.append(['a'])
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
wb.save(sys.argv[1])
`;
  try {
    execFileSync(py, ['-c', script, out], { stdio: 'pipe' });
    return readFileSync(out);
  } catch {
    return null;
  }
}

describe('our xlsx reader gives the same cells as exceljs', () => {
  const files = [...xlsxIn(path.join(REPO, 'tests/fixtures')), ...xlsxIn(SAMPLES)];
  it('has fixtures to compare', () => {
    expect(files.length).toBeGreaterThan(15);
    expect(files.map((f) => path.basename(f))).toContain('date1904-libreoffice.xlsx');
  });
  for (const file of files) {
    it(`${path.relative(path.dirname(REPO), file)}`, async () => {
      await expectSame(readFileSync(file), path.basename(file));
    });
  }
  it('exceljs-written workbooks (1900 and 1904 date systems)', async () => {
    await expectSame(await exceljsWorkbook(false), 'written.xlsx');
    await expectSame(await exceljsWorkbook(true), 'written-1904.xlsx');
  });
  it('a generated roll-up', async () => {
    const kpis = await sampleKpis(SAMPLES);
    await expectSame(await makeRollupWorkbook(kpis, 3, 12), 'rollup.xlsx');
  });
  it('a workbook openpyxl writes now', async () => {
    const bytes = openpyxlWorkbook();
    if (!bytes) return;
    await expectSame(bytes, 'openpyxl.xlsx');
  });
  it('the fixture set is the messy one', () => {
    expect(FIXTURES.endsWith('messy')).toBe(true);
  });
});
