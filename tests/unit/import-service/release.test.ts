/**
 * The store releases the rows it has written (issue 10, speed and memory): the workbook handed to
 * it has no KPI rows left once the import is stored, the report and the stored values are those
 * of every row, and the file read before (a preview, then its commit) is read again afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ParsedWorkbook, parseInProcess } from '../../../main/import/parse';
import { commitImport, type Parse, previewImport } from '../../../main/import/service';
import { updateSettings } from '../../../main/settings/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { SAMPLES, tempDb } from '../../helpers/db';

const file = () => ({
  fileName: 'acme-rollup-2025-09.xlsx',
  bytes: new Uint8Array(fs.readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'))),
});

describe('the store releases the rows it has written', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let session: { customerId: number; userId: number | null };
  beforeEach(async () => {
    t = await tempDb();
    const ws = createWorkspace(t.db, { name: 'W' });
    updateSettings(t.db, ws.id, { mode: 'account_rollup' });
    session = { customerId: ws.id, userId: null };
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const values = () => (t.db.raw.prepare('SELECT count(*) n FROM kpi_time_series').get() as { n: number }).n;

  it('empties the workbook it was given, and stores and reports every row', async () => {
    let given: ParsedWorkbook | null = null;
    const parse: Parse = async (req, onPhase) => {
      given = await parseInProcess(req, onPhase);
      return given;
    };
    const preview = await previewImport(t.db, session.customerId, file(), parse);
    const kpiRows = preview.sheets.reduce((n, s) => n + s.kpiRows, 0);
    expect(kpiRows).toBe(670);
    const report = await commitImport(t.db, session, { ...file(), period: '2025-09', createAccounts: true }, parse);
    expect(given).not.toBeNull();
    expect((given as unknown as ParsedWorkbook).sheets.every((s) => s.rows.length === 0)).toBe(true);
    expect(report.uploads.reduce((n, u) => n + u.kpis, 0)).toBe(kpiRows);
    expect(report.sheets.reduce((n, s) => n + s.kpisImported, 0)).toBe(kpiRows);
    const stored = values();
    expect(stored).toBeGreaterThan(kpiRows);

    // The same file again (its rows were taken by the store): read anew, every row there.
    const again = await previewImport(t.db, session.customerId, file());
    expect(again.sheets.reduce((n, s) => n + s.kpiRows, 0)).toBe(kpiRows);
    const next = await commitImport(t.db, session, { ...file(), period: '2025-10' });
    expect(next.uploads.reduce((n, u) => n + u.kpis, 0)).toBe(kpiRows);
    expect(next.uploads.every((u) => u.version === 2)).toBe(true);
  });
});
