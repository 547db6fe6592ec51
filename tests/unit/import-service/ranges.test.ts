import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { commitImport } from '../../../main/import/service';
import {
  deleteRange,
  exportRanges,
  importRanges,
  listRanges,
  rangeImpact,
  saveRange,
} from '../../../main/ranges/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { AppError } from '../../../shared/errors';
import { SAMPLES, tempDb } from '../../helpers/db';

describe('reference ranges', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'W' });
    const a = createAccount(t.db, ws.id, { name: 'TechCorp Solutions' });
    await commitImport(
      t.db,
      { customerId: ws.id, userId: null },
      {
        fileName: 'techcorp.xlsx',
        bytes: fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx')),
        period: '2025-09',
        accountId: a.id,
      },
    );
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const nps = () => listRanges(t.db).find((r) => r.kpiName === 'NPS Score')!;
  const npsStatus = () =>
    t.db.raw
      .prepare(
        "SELECT ts.health_status s, ts.health_score v FROM kpi_time_series ts JOIN kpis k USING (kpi_id) WHERE k.kpi_parameter = 'NPS Score' AND ts.month = 9",
      )
      .get() as { s: string; v: number };
  const sept = () =>
    (t.db.raw.prepare('SELECT overall_health_score s FROM health_trends WHERE month = 9').get() as { s: number }).s;

  it('refuses a range whose bands do not touch, naming the bound at fault, and changes nothing', () => {
    const before = t.db.raw.serialize();
    const bad = { ...nps(), riskMin: 12 };
    expect(() => saveRange(t.db, null, { id: bad.id, range: bad })).toThrow(/NPS Score: risk_min/);
    expect(() => saveRange(t.db, null, { range: { ...nps(), kpiName: 'New KPI', healthyMax: 20 } })).toThrow(/healthy/);
    expect(() => saveRange(t.db, null, { range: { ...nps(), kpiName: ' nps  score ' } })).toThrow(/already exists/);
    expect(Buffer.compare(before, t.db.raw.serialize())).toBe(0);
  });

  it('re-scores the stored months when a range changes, and previews the status changes first', () => {
    const before = { status: npsStatus(), overall: sept() };
    // Make NPS much harder: healthy only from 80.
    const harder = { ...nps(), riskMax: 80, healthyMin: 80 };
    const impact = rangeImpact(t.db, ws.id, { id: harder.id, range: harder });
    expect(impact.scored).toBe(1);
    expect(sept()).toBe(before.overall); // preview saved nothing
    saveRange(t.db, null, { id: harder.id, range: harder });
    const after = { status: npsStatus(), overall: sept() };
    expect(after.overall).not.toBe(before.overall);
    expect(after.status.v).not.toBe(before.status.v);
    deleteRange(t.db, harder.id);
    expect(npsStatus()).toEqual({ s: null, v: null });
  });

  it('previews what a range change does in the other workspaces too, since ranges are shared', async () => {
    const csv = 'KPI,Category,Data\nNPS Score,Relationship Strength,45\n';
    for (const name of ['Client B', 'Client C']) {
      const other = createWorkspace(t.db, { name });
      const a = createAccount(t.db, other.id, { name: `${name} account` });
      await commitImport(
        t.db,
        { customerId: other.id, userId: null },
        { fileName: 'nps.csv', bytes: new TextEncoder().encode(csv), period: '2025-09', accountId: a.id },
      );
    }
    // Healthy only from 80: 45 becomes Risk in both other workspaces.
    const harder = { ...nps(), riskMax: 80, healthyMin: 80 };
    const impact = rangeImpact(t.db, ws.id, { id: harder.id, range: harder });
    expect(impact.elsewhere).toEqual({ workspaces: 2, changed: 2 });
  });

  it('exports the ranges in the layout of reference-ranges.csv and imports them back', async () => {
    const csv = await exportRanges(t.db, 'csv');
    const text = new TextDecoder().decode(csv.bytes);
    const sample = fs.readFileSync(path.join(SAMPLES, 'reference-ranges.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(sample.split(/\r?\n/)[0]);
    const sortLines = (s: string) => s.trim().split(/\r?\n/).slice(1).sort();
    expect(sortLines(text)).toEqual(sortLines(sample));
    expect(
      await importRanges(
        t.db,
        null,
        'reference-ranges.csv',
        new Uint8Array(fs.readFileSync(path.join(SAMPLES, 'reference-ranges.csv'))),
      ),
    ).toEqual({
      added: 0,
      updated: 0,
      unchanged: 40,
    });
    const xlsx = await exportRanges(t.db, 'xlsx');
    const edited = text.replace(
      'NPS Score,score,true,-100,10,10,30,30,100',
      'NPS Score,score,true,-100,20,20,40,40,100',
    );
    expect(await importRanges(t.db, null, 'ranges.csv', new TextEncoder().encode(edited))).toEqual({
      added: 0,
      updated: 1,
      unchanged: 39,
    });
    expect(nps()).toMatchObject({ criticalMax: 20, healthyMin: 40 });
    expect(await importRanges(t.db, null, 'ranges.xlsx', xlsx.bytes)).toEqual({ added: 0, updated: 1, unchanged: 39 });
    expect(nps()).toMatchObject({ criticalMax: 10, healthyMin: 30 });
  });

  it('reads a range file as people write one: spaced headers, decimal commas, percent cells, WAHR', async () => {
    // A European Excel's CSV: ";" between fields, "0,5" for 0.5 and WAHR for TRUE. Before, "KPI Name"
    // was no kpi_name column, and every comma was dropped from a bound ("0,5" was 5).
    const csv = [
      'KPI Name;Unit;Higher is better;Critical Min;Critical Max;Risk Min;Risk Max;Healthy Min;Healthy Max',
      'Churn Rate X;%;FALSCH;10,5;100;5,25;10,5;0;5,25',
      'Adoption X;%;higher;0;40;40;60,5;60,5;100',
    ].join('\n');
    expect(await importRanges(t.db, null, 'ranges.csv', new TextEncoder().encode(csv))).toEqual({
      added: 2,
      updated: 0,
      unchanged: 0,
    });
    const byName = (n: string) => listRanges(t.db).find((r) => r.kpiName === n);
    expect(byName('Churn Rate X')).toMatchObject({ higherIsBetter: false, criticalMin: 10.5, riskMin: 5.25 });
    expect(byName('Adoption X')).toMatchObject({ higherIsBetter: true, riskMax: 60.5 });
    // An xlsx whose bounds are percent cells (0.4 shown as 40%): in points, as a KPI's values are.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Ranges');
    sheet.addRow([
      'KPI',
      'Unit',
      'Higher is better',
      'Critical min',
      'Critical max',
      'Risk min',
      'Risk max',
      'Healthy min',
      'Healthy max',
    ]);
    sheet.addRow(['Adoption X', '%', true, 0, 0.5, 0.5, 0.7, 0.7, 1]);
    for (let c = 4; c <= 9; c++) sheet.getRow(2).getCell(c).numFmt = '0%';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await importRanges(t.db, null, 'ranges.xlsx', bytes)).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(byName('Adoption X')).toMatchObject({ criticalMax: 50, riskMax: 70, healthyMax: 100 });
  });

  it('refuses a range file with a faulty row as a whole', async () => {
    const before = t.db.raw.serialize();
    const file =
      'kpi_name,unit,higher_is_better,critical_min,critical_max,risk_min,risk_max,healthy_min,healthy_max\nA,x,true,0,1,1,2,2,3\nB,x,maybe,0,1,1,2,2,3\n';
    await expect(importRanges(t.db, null, 'r.csv', new TextEncoder().encode(file))).rejects.toThrow(
      /Row 3 \(B\): higher_is_better/,
    );
    await expect(importRanges(t.db, null, 'r.csv', new TextEncoder().encode('name,unit\nA,x\n'))).rejects.toThrow(
      /missing/,
    );
    expect(Buffer.compare(before, t.db.raw.serialize())).toBe(0);
  });

  it('lists every faulty row of a range file (up to 20), naming the bound at fault', async () => {
    const before = t.db.raw.serialize();
    // one good row, four faulty ones, then 20 rows without a unit
    const file = `kpi_name,unit,higher_is_better,critical_min,critical_max,risk_min,risk_max,healthy_min,healthy_max
A,x,true,0,1,1,2,2,3
B,x,true,0,1,2,3,3,4
C,x,maybe,0,1,1,2,2,3
D,x,true,0,lots,1,2,2,3
A,x,true,0,1,1,2,2,3
${Array.from({ length: 20 }, (_, i) => `E${i},,true,0,1,1,2,2,3`).join('\n')}
`;
    const e = await importRanges(t.db, null, 'r.csv', new TextEncoder().encode(file)).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.message).toBe('Nothing was imported: 24 rows of this file are faulty.');
    expect(e.details).toHaveLength(21);
    expect(e.details.slice(0, 5)).toEqual([
      'Row 3 (B): risk_min (2) must equal critical_max (1) so the bands touch.',
      'Row 4 (C): higher_is_better must be true or false.',
      'Row 5 (D): critical_max "lots" is not a number.',
      'Row 6 (A): "A" appears twice in the file.',
      'Row 7 (E0): unit is empty.',
    ]);
    expect(e.details[20]).toBe('…and 4 more faulty rows.');
    expect(Buffer.compare(before, t.db.raw.serialize())).toBe(0);
  });
});
