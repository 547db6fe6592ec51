import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { readParsedRows } from '../../../main/import/parsed-json';
import { commitImport, previewImport } from '../../../main/import/service';
import { updateSettings } from '../../../main/settings/service';
import { deleteUpload, downloadUpload, lastUploadAccount, listUploads } from '../../../main/uploads/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { AppError } from '../../../shared/errors';
import { SAMPLES, tempDb } from '../../helpers/db';

const MESSY = path.resolve(__dirname, '../../fixtures/messy');
const read = (dir: string, f: string) => ({ fileName: f, bytes: new Uint8Array(fs.readFileSync(path.join(dir, f))) });
type Expected = Record<
  string,
  Record<
    string,
    { overall_health_score: number; columns: Record<string, number>; total_kpis: number; valid_kpis: number }
  >
>;

describe('the import, stored in the seed tables', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  let session: { customerId: number; userId: number };
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'W' });
    session = {
      customerId: ws.id,
      userId: (t.db.raw.prepare('SELECT user_id FROM users').get() as { user_id: number }).user_id,
    };
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const count = (table: string) => (t.db.raw.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
  const trends = () =>
    t.db.raw
      .prepare(
        `SELECT a.account_name name, printf('%04d-%02d', h.year, h.month) ym, h.* FROM health_trends h JOIN accounts a USING (account_id)`,
      )
      .all() as Array<Record<string, number | string>>;

  function expectMatches(file: string) {
    const expected = JSON.parse(fs.readFileSync(path.join(SAMPLES, file), 'utf8')) as Expected;
    const rows = trends();
    let n = 0;
    for (const [account, months] of Object.entries(expected)) {
      for (const [ym, e] of Object.entries(months)) {
        const got = rows.find((r) => r.name === account && r.ym === ym);
        expect(got, `${account} ${ym}`).toBeDefined();
        expect(
          Math.abs(Number(got!.overall_health_score) - e.overall_health_score),
          `${account} ${ym} overall`,
        ).toBeLessThanOrEqual(0.01);
        for (const [col, v] of Object.entries(e.columns))
          expect(Math.abs(Number(got![col]) - v), `${account} ${ym} ${col}`).toBeLessThanOrEqual(0.01);
        expect([got!.total_kpis, got!.valid_kpis]).toEqual([e.total_kpis, e.valid_kpis]);
        n++;
      }
    }
    return n;
  }

  it('imports the corporate sample: one upload, every KPI row and field, every month value, the expected scores', async () => {
    const account = createAccount(t.db, ws.id, { name: 'TechCorp Solutions' });
    const preview = await previewImport(t.db, ws.id, read(SAMPLES, 'techcorp-solutions-2025-09.xlsx'));
    expect(preview.proposedAccount).toEqual({ id: account.id, name: 'TechCorp Solutions', from: 'file name' });
    expect(preview.defaultPeriod).toBe('2025-09');
    expect(preview.months).toHaveLength(9);
    const report = await commitImport(t.db, session, {
      ...read(SAMPLES, 'techcorp-solutions-2025-09.xlsx'),
      period: '2025-09',
      accountId: account.id,
    });
    expect(report.uploads).toMatchObject([{ accountName: 'TechCorp Solutions', version: 1, kpis: 67 }]);
    expect(report.sheets.map((s) => s.kpisImported)).toEqual([14, 14, 13, 13, 13]);
    const upload = t.db.raw.prepare('SELECT * FROM kpi_uploads').get() as Record<string, unknown>;
    expect(upload).toMatchObject({
      version: 1,
      original_filename: 'techcorp-solutions-2025-09.xlsx',
      period_year: 2025,
      period_month: 9,
      user_id: session.userId,
    });
    expect(
      Buffer.compare(
        upload.raw_excel as Buffer,
        fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx')),
      ),
    ).toBe(0);
    expect(readParsedRows(upload.parsed_json as string)).toHaveLength(67);
    const nps = t.db.raw.prepare("SELECT * FROM kpis WHERE kpi_parameter = 'NPS Score'").get() as Record<
      string,
      unknown
    >;
    expect(nps).toMatchObject({
      category: 'Relationship Strength',
      row_index: 2,
      impact_level: expect.any(String),
      weight: expect.stringMatching(/%$/),
    });
    expect(count('kpi_time_series')).toBe(67 * 9);
    expect(expectMatches('techcorp-solutions-2025-09.expected.json')).toBe(9);
    // The file's month history is stored as it is in the file.
    const history = t.db.raw
      .prepare(
        "SELECT ts.month, ts.value, ts.health_status FROM kpi_time_series ts JOIN kpis k USING (kpi_id) WHERE k.kpi_parameter = 'NPS Score' ORDER BY ts.month",
      )
      .all() as Array<{ month: number; value: number; health_status: string }>;
    expect(history.map((h) => h.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(
      history.every((h) => typeof h.value === 'number' && ['Healthy', 'Risk', 'Critical'].includes(h.health_status)),
    ).toBe(true);
    // parsed_json keeps each row's month columns as the file says them, keyed by month.
    const parsedNps = readParsedRows(upload.parsed_json as string).find((r) => r.fields.kpi_parameter === 'NPS Score');
    if (!parsedNps) throw new Error('NPS Score is not in parsed_json');
    expect(Object.keys(parsedNps.months)).toEqual(history.map((h) => `2025-0${h.month}`));
    const monthColumns = history.filter((h) => h.month !== 9).map((h) => [`2025-0${h.month}`, h.value]);
    expect(Object.entries(parsedNps.months).filter(([k]) => k !== '2025-09')).toEqual(monthColumns);
    expect(parsedNps.dataValue).toBe(history[8].value);
  });

  it('imports the roll-up sample once per account, keeps the bytes once, and creates accounts only when confirmed', async () => {
    updateSettings(t.db, ws.id, { mode: 'account_rollup' });
    const file = read(SAMPLES, 'acme-rollup-2025-09.xlsx');
    const preview = await previewImport(t.db, ws.id, file);
    expect(preview.accounts).toHaveLength(10);
    expect(preview.accounts.every((a) => a.existingId === null)).toBe(true);
    const before = t.db.raw.serialize();
    await expect(commitImport(t.db, session, { ...file, period: '2025-09' })).rejects.toThrow(
      /10 accounts in this file are not in the workspace yet/,
    );
    expect(Buffer.compare(before, t.db.raw.serialize())).toBe(0);
    const report = await commitImport(t.db, session, { ...file, period: '2025-09', createAccounts: true });
    expect(report.accountsCreated).toHaveLength(10);
    expect(report.uploads.every((u) => u.version === 1 && u.kpis === 67)).toBe(true);
    expect(count('import_files')).toBe(1);
    expect(
      t.db.raw.prepare('SELECT count(*) n FROM kpi_uploads WHERE raw_excel IS NULL AND file_id IS NOT NULL').get(),
    ).toEqual({ n: 10 });
    expect(t.db.raw.prepare('SELECT master_file_name FROM customer_configs').get()).toEqual({
      master_file_name: 'acme-rollup-2025-09.xlsx',
    });
    expect(expectMatches('acme-rollup-2025-09.expected.json')).toBe(30);
    const one = listUploads(t.db, ws.id, report.uploads[0].accountId);
    expect(downloadUpload(t.db, ws.id, one[0].uploadId).bytes).toEqual(file.bytes);
  });

  it('recognises the identical file for the same account and period and stores nothing', async () => {
    const account = createAccount(t.db, ws.id, { name: 'TechCorp Solutions' });
    const file = read(SAMPLES, 'techcorp-solutions-2025-09.xlsx');
    await commitImport(t.db, session, { ...file, period: '2025-09', accountId: account.id });
    const before = t.db.raw.serialize();
    const again = await commitImport(t.db, session, { ...file, period: '2025-09', accountId: account.id });
    expect(again.alreadyImported).toBe(true);
    expect(Buffer.compare(before, t.db.raw.serialize())).toBe(0);
    // The same file for another period is a new version.
    const other = await commitImport(t.db, session, { ...file, period: '2025-10', accountId: account.id });
    expect(other.uploads[0].version).toBe(2);
  });

  it("names the account of the workspace's most recent upload, for the upload history to open on", async () => {
    const globex = createAccount(t.db, ws.id, { name: 'Globex' });
    const acme = createAccount(t.db, ws.id, { name: 'Acme' });
    expect(lastUploadAccount(t.db, ws.id)).toEqual({ accountId: null });
    const file = { fileName: 'kpis.csv', bytes: new TextEncoder().encode('KPI,Data\nNPS Score,45\n') };
    await commitImport(t.db, session, { ...file, period: '2025-09', accountId: globex.id });
    await commitImport(t.db, session, { ...file, period: '2025-09', accountId: acme.id });
    expect(lastUploadAccount(t.db, ws.id)).toEqual({ accountId: acme.id });
    // A roll-up file: the first account of its report.
    updateSettings(t.db, ws.id, { mode: 'account_rollup' });
    const csv = 'Account,KPI,Data\nInitech,NPS Score,45\nGlobex,NPS Score,50\n';
    const rollup = await commitImport(t.db, session, {
      fileName: 'master.csv',
      bytes: new TextEncoder().encode(csv),
      period: '2025-09',
      createAccounts: true,
    });
    expect(rollup.uploads.map((u) => u.accountName)).toEqual(['Initech', 'Globex']);
    expect(lastUploadAccount(t.db, ws.id)).toEqual({ accountId: rollup.uploads[0].accountId });
  });

  it('versions uploads: a later upload corrects a month, deleting it brings the earlier value back', async () => {
    const account = createAccount(t.db, ws.id, { name: 'TechCorp Solutions' });
    const file = read(SAMPLES, 'techcorp-solutions-2025-09.xlsx');
    await commitImport(t.db, session, { ...file, period: '2025-09', accountId: account.id });
    const septBefore = trends().find((r) => r.ym === '2025-09')!.overall_health_score as number;
    // A correction: the same workbook with NPS Score raised to 80 in Data.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx')) as never);
    const ws1 = wb.getWorksheet('Relationship Strength')!;
    let dataCol = 0;
    ws1.getRow(1).eachCell((c, col) => {
      if (String(c.value) === 'Data') dataCol = col;
    });
    ws1.eachRow((row) => {
      if (row.getCell(1).value === 'NPS Score' || row.getCell(2).value === 'NPS Score') row.getCell(dataCol).value = 80;
    });
    const corrected = new Uint8Array(await wb.xlsx.writeBuffer());
    const r2 = await commitImport(t.db, session, {
      fileName: 'techcorp-corrected.xlsx',
      bytes: corrected,
      period: '2025-09',
      accountId: account.id,
    });
    expect(r2.uploads[0].version).toBe(2);
    expect(r2.issues.some((i) => /Data is 80 but the 2025-09 column says/.test(i.message))).toBe(true);
    const septAfter = trends().find((r) => r.ym === '2025-09')!.overall_health_score as number;
    expect(septAfter).toBeGreaterThan(septBefore);
    // Other months still come from version 1 (and version 2's identical history).
    expect(trends()).toHaveLength(9);
    const deleted = deleteUpload(t.db, ws.id, r2.uploads[0].uploadId);
    expect(deleted.deletedVersion).toBe(2);
    expect(trends().find((r) => r.ym === '2025-09')!.overall_health_score).toBe(septBefore);
    expect(t.db.raw.prepare('SELECT count(*) n FROM kpis WHERE upload_id = ?').get(r2.uploads[0].uploadId)).toEqual({
      n: 0,
    });
  });

  it('refuses every bad file with one sentence, leaving the database byte for byte as it was', async () => {
    const account = createAccount(t.db, ws.id, { name: 'TechCorp Solutions' });
    await commitImport(t.db, session, {
      ...read(SAMPLES, 'techcorp-solutions-2025-09.xlsx'),
      period: '2025-09',
      accountId: account.id,
    });
    const before = t.db.raw.serialize();
    const cases = [
      'truncated.xlsx',
      'random.xlsx',
      'empty.xlsx',
      'word-renamed.xlsx',
      'no-kpi-sheet.xlsx',
      'no-header-row.xlsx',
      'legacy.xls',
      'encrypted.xlsx',
    ];
    for (const f of cases) {
      const err = await commitImport(t.db, session, {
        ...read(MESSY, f),
        period: '2025-09',
        accountId: account.id,
      }).catch((e) => e);
      expect(err, f).toBeInstanceOf(AppError);
      expect((err as AppError).code, f).toBe('refused');
      expect(
        (err as AppError).message.split(/(?<=[.!?])\s+(?=[A-Z])/).length,
        `${f}: ${(err as AppError).message}`,
      ).toBeLessThanOrEqual(2);
    }
    expect(Buffer.compare(before, t.db.raw.serialize())).toBe(0);
  });

  it('remembers a corrected column mapping for the next file with the same headers', async () => {
    const account = createAccount(t.db, ws.id, { name: 'Globex' });
    const csv = 'KPI,Data,Importance Level\nNPS Score,45,Critical\nCSAT Score,4.2,High\n';
    const file = { fileName: 'globex.csv', bytes: new TextEncoder().encode(csv) };
    const first = await previewImport(t.db, ws.id, file);
    const mapping = first.sheets[0].mapping.map((m) =>
      m.header === 'Importance Level' ? { ...m, field: 'impact_level' as const } : m,
    );
    expect(first.sheets[0].mapping.find((m) => m.header === 'Importance Level')?.field).toBe('ignored');
    await commitImport(t.db, session, {
      ...file,
      period: '2025-09',
      accountId: account.id,
      mappings: { [first.sheets[0].name]: mapping },
    });
    expect(t.db.raw.prepare("SELECT impact_level FROM kpis WHERE kpi_parameter = 'NPS Score'").get()).toEqual({
      impact_level: 'Critical',
    });
    const next = await previewImport(t.db, ws.id, {
      fileName: 'globex-october.csv',
      bytes: new TextEncoder().encode(csv.replace('45', '50')),
    });
    expect(next.sheets[0].remembered).toBe(true);
    expect(next.sheets[0].mapping.find((m) => m.header === 'Importance Level')?.field).toBe('impact_level');
  });
});
