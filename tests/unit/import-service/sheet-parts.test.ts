import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseInProcess } from '../../../main/import/parse';
import { sha256 } from '../../../main/import/service';
import { readWorkbook } from '../../../main/import/workbook/read';
import { interpretWorkbook } from '../../../shared/import/interpret';
import { SAMPLES } from '../../helpers/db';
import { withParser } from '../../helpers/parser';
import { makeRollupWorkbook, sampleKpis } from '../../helpers/workbooks';

const MESSY = path.resolve(__dirname, '../../fixtures/messy');

/** A roll-up whose second sheet spells the accounts otherwise than the first. */
async function spellings(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheets: Array<[string, string[]]> = [
    ['Relationship Strength', ['Acme Corp', 'globex']],
    ['Support & Experience', ['ACME corp ', 'Globex', 'Initech']],
  ];
  for (const [name, accounts] of sheets) {
    const ws = wb.addWorksheet(name);
    ws.addRow(['Account', 'KPI Parameter', 'Data']);
    for (const a of accounts) ws.addRow([a, 'NPS Score', 40]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The import reads a workbook sheet by sheet, interprets each sheet on its own and drops its cells
 * (readParts), then puts the sheets together (assemble), in this process (the command line) or on
 * the main process from the import thread, which sends each sheet as it is made: the result must
 * be exactly the interpretation of the whole workbook at once, duplicates across sheets and the
 * accounts' first spellings included.
 */
describe('a workbook interpreted sheet by sheet', () => {
  it('gives exactly the rows, issues, months, accounts and skipped sheets of the whole at once', async () => {
    const cases: Array<[string, Buffer]> = [
      ['generated.xlsx', await makeRollupWorkbook(await sampleKpis(SAMPLES), 40, 6)],
      ['acme.xlsx', fs.readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'))],
      ['techcorp.xlsx', fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'))],
      ['spellings.xlsx', await spellings()],
      ...['layout.xlsx', 'rollup.xlsx', 'duplicates.xlsx', 'values.xlsx', 'decorated.xlsx', 'comma.csv'].map(
        (f): [string, Buffer] => [f, fs.readFileSync(path.join(MESSY, f))],
      ),
    ];
    await withParser(async (thread) => {
      for (const [name, bytes] of cases) {
        for (const uploadMode of ['account_rollup', 'corporate'] as const) {
          const options = { uploadMode };
          const whole = interpretWorkbook(await readWorkbook(bytes, name), options);
          const req = { bytes, fileName: name, hash: sha256(bytes), options, take: true };
          const { readMs: _r, interpretMs: _i, ...inProcess } = await parseInProcess(req);
          expect(inProcess, `${name}, ${uploadMode}`).toEqual(whole);
          const { readMs: _r2, interpretMs: _i2, ...sent } = await thread.parse('parts', req);
          expect(sent, `${name}, ${uploadMode}, on the import thread`).toEqual(whole);
        }
      }
    });
  }, 120_000);

  it('reports duplicates across sheets where the whole reading does', async () => {
    const bytes = fs.readFileSync(path.join(MESSY, 'duplicates.xlsx'));
    const wb = await parseInProcess({
      bytes,
      fileName: 'duplicates.xlsx',
      hash: sha256(bytes),
      options: {},
      take: true,
    });
    expect(wb.issues.filter((i) => i.message.includes('appears twice')).map((i) => [i.sheet, i.row, i.column])).toEqual(
      [
        [' product value', 2, 'B'],
        [' product value', 4, 'B'],
        ['Support & Experience', 3, 'B'],
      ],
    );
  });
});
