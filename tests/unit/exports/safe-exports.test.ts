import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAccountKpis, exportPortfolio } from '../../../main/dashboard/export';
import { csvBytes, FORMULA_START, neutralise, neutraliseXlsx } from '../../../main/exports/sheet-writer';
import { completeExecution, skipExecutionStep, startExecution } from '../../../main/playbooks/executions';
import { reportXlsx } from '../../../main/playbooks/report-xlsx';
import { getReportView } from '../../../main/playbooks/reports';
import { exportRanges } from '../../../main/ranges/service';
import { playbookById } from '../../../shared/playbooks/catalogue';
import { tempDb } from '../../helpers/db';
import { xlsxPart } from '../../helpers/xlsx-parts';
import { account, putKpis, QUIET, workspace } from '../playbooks-service/helpers';

/** Text that a spreadsheet would run: a link, DDE commands, a sum, and ones behind a tab or a CR. */
const NASTY = [
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=2+2',
];

/** A small RFC 4180 reader: every field of every record. */
function csvFields(bytes: Uint8Array): string[] {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const fields: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r?\n|$)/g;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') break;
    fields.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
  }
  return fields;
}

/** Every text cell of every sheet, after proving that no cell of the file is a formula. */
async function xlsxTexts(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  const texts: string[] = [];
  for (const [i, ws] of wb.worksheets.entries()) {
    expect(await xlsxPart(bytes, `xl/worksheets/sheet${i + 1}.xml`)).not.toMatch(/<f[ >]/);
    ws.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof c.value === 'string') texts.push(c.value);
      }),
    );
  }
  return texts;
}

/** No field starts as a formula would; each nasty text is there, defused with its apostrophe. */
function expectDefused(texts: string[], nasty: string[]) {
  // a number (a negative bound) is written as a number, not text
  expect(texts.filter((t) => FORMULA_START.test(t) && !/^-\d+(\.\d+)?$/.test(t))).toEqual([]);
  // (an XML reader gives a stored carriage return back as a line feed)
  const found = (n: string) => texts.some((t) => t.includes(`'${n}`) || t.includes(`'${n.replace('\r', '\n')}`));
  for (const n of nasty) expect(found(n), JSON.stringify(n)).toBe(true);
}

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('the one writer', () => {
  it('defuses text starting with = + - @ tab or CR, in CSV always, in xlsx except a signed amount in words', () => {
    for (const n of NASTY) expect(neutralise(n)).toBe(`'${n}`);
    expect(neutralise('ACME')).toBe('ACME');
    expect(neutraliseXlsx('+45.8 points')).toBe('+45.8 points');
    expect(neutraliseXlsx('-23 tickets')).toBe('-23 tickets');
    expect(neutraliseXlsx("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(neutralise('+45.8 points')).toBe("'+45.8 points");
    expect(csvFields(csvBytes([['a', -2.5, null, '=1+1']]))).toEqual(['a', '-2.5', '', "'=1+1"]);
  });
});

describe('every kind of export, with names that would run as formulas', () => {
  it('reference ranges as CSV and xlsx', async () => {
    const insert = t.db.raw.prepare(
      `INSERT INTO kpi_reference_ranges (kpi_name, unit, higher_is_better, critical_min, critical_max, risk_min, risk_max, healthy_min, healthy_max)
       VALUES (?, ?, 1, 0, 10, 10, 30, 30, 100)`,
    );
    for (const [i, n] of NASTY.entries()) insert.run(n, i === 0 ? '=1+1' : 'score');
    const csv = await exportRanges(t.db, 'csv');
    expectDefused(csvFields(csv.bytes), [...NASTY, '=1+1']);
    const xlsx = await exportRanges(t.db, 'xlsx');
    expectDefused(await xlsxTexts(xlsx.bytes), [...NASTY, '=1+1']);
  });

  it('the portfolio and an account KPI table, as CSV and xlsx', async () => {
    const { customerId } = workspace(t.db);
    const ids = NASTY.map((n) => account(t.db, customerId, n));
    t.db.raw.prepare("UPDATE accounts SET industry = '@industry', region = '-region'").run();
    putKpis(t.db, customerId, ids[0], '2025-09', { ...QUIET, [NASTY[1]]: 3 });
    for (const format of ['csv', 'xlsx'] as const) {
      const p = await exportPortfolio(t.db, customerId, format);
      const texts = format === 'csv' ? csvFields(p.bytes) : await xlsxTexts(p.bytes);
      expectDefused(texts, [...NASTY, '@industry', '-region']);
      const k = await exportAccountKpis(t.db, customerId, ids[0], format);
      const kt = format === 'csv' ? csvFields(k.bytes) : await xlsxTexts(k.bytes);
      expectDefused(kt, format === 'csv' ? [NASTY[1]] : [NASTY[0], NASTY[1]]);
    }
  });

  it("a playbook report's xlsx", async () => {
    const { customerId, userId } = workspace(t.db);
    const accountId = account(t.db, customerId, NASTY[0]);
    putKpis(t.db, customerId, accountId, '2025-09', QUIET);
    const executionId = startExecution(t.db, customerId, {
      accountId,
      playbookId: 'voc-sprint',
      reason: NASTY[3],
      userId,
    });
    const steps = playbookById('voc-sprint')!.steps;
    for (const [i, s] of steps.entries()) skipExecutionStep(t.db, customerId, executionId, s.id, NASTY[i + 1]);
    completeExecution(t.db, customerId, executionId);
    const file = await reportXlsx(getReportView(t.db, customerId, executionId));
    const texts = await xlsxTexts(file.bytes);
    expect(texts.filter((x) => FORMULA_START.test(x) && !/^[+-]\d/.test(x))).toEqual([]);
    expect(texts).toContain(`'${NASTY[0]}`); // the account, on the Summary sheet
    expect(texts.some((x) => x.includes(NASTY[1]))).toBe(true); // a skip reason, in the Result column
  });
});
