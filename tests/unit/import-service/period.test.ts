import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { commitImport, previewImport } from '../../../main/import/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { kpi, queryFile } from '../../helpers/cli';
import { tempDb, tempDir } from '../../helpers/db';
import { globexSheets, JAN_AUG, type TitledSheet, titledWorkbook } from '../../helpers/titled';

/** One value per (month) of a KPI of an account, as stored. */
function storedValues(raw: import('better-sqlite3').Database, kpi: string) {
  const rows = raw
    .prepare(
      `SELECT ts.year * 100 + ts.month AS ym, ts.value FROM kpi_time_series ts JOIN kpis k USING (kpi_id)
       WHERE k.kpi_parameter = ? ORDER BY ym`,
    )
    .all(kpi) as Array<{ ym: number; value: number | null }>;
  return Object.fromEntries(rows.map((r) => [r.ym, r.value]));
}

const untitled = (sheets: TitledSheet[]) => sheets.map((s) => ({ ...s, titles: [] }));

describe('the default period and account of a workbook (spec: Modes, The import as a whole)', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  const session = () => ({ customerId: ws.id, userId: null });
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'W', mode: 'corporate' });
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const preview = async (fileName: string, sheets: TitledSheet[]) =>
    previewImport(t.db, ws.id, { fileName, bytes: await titledWorkbook(sheets) });

  it('the Globex case: September from the title, the new account from the title, no conflict with August', async () => {
    const p = await preview('Globex scorecard.xlsx', globexSheets());
    expect(p.defaultPeriod).toBe('2025-09');
    expect(p.defaultPeriodFrom).toEqual({
      from: 'title',
      sentence: 'Period September 2025: from "data as of 28 Sep 2025" on sheet Relationship Strength.',
    });
    expect(p.proposedAccount).toBeNull();
    expect(p.proposedNewAccount).toEqual({
      name: 'Globex Analytics',
      title: 'Globex Analytics — Relationship Strength KPIs',
      similar: [],
    });
    expect(p.periods['2025-09'].conflicts.count).toBe(0);
    expect(p.issues).toEqual([]);

    const report = await commitImport(t.db, session(), {
      fileName: 'Globex scorecard.xlsx',
      bytes: await titledWorkbook(globexSheets()),
      period: p.defaultPeriod,
      newAccountName: 'Globex Analytics',
      createAccounts: true,
    });
    expect(report.accountsCreated).toEqual(['Globex Analytics']);
    expect(report.uploads).toMatchObject([{ accountName: 'Globex Analytics', version: 1, kpis: 4 }]);
    // August keeps the August column; September is the Data column.
    expect(storedValues(t.db.raw, 'NPS Score')).toMatchObject({ 202508: 34, 202509: 8, 202501: 20 });
    expect(report.issues.filter((i) => i.message.includes('Data is'))).toEqual([]);
  });

  it('reads a title row as a person does: a label ending in ":" runs on into the next cell', async () => {
    const sheets = globexSheets();
    sheets[0].titles = [
      ['Account:', 'Initech'],
      ['Prepared on:', new Date(Date.UTC(2025, 9, 2))],
      ['Data as of:', new Date(Date.UTC(2025, 8, 30))],
    ];
    const p = await preview('scorecard.xlsx', sheets);
    // Cell by cell, the "prepared on" date (October) was taken for the data's, and "Account:" named no one.
    expect(p.defaultPeriodFrom.sentence).toBe(
      'Period September 2025: from "Data as of: 2025-09-30" on sheet Relationship Strength.',
    );
    expect(p.proposedNewAccount).toEqual({ name: 'Initech', title: 'Account: Initech', similar: [] });

    // A long note in the row's first cell does not push the date out of reach.
    sheets[0].titles = [[`Note: ${'please fill in every KPI each month. '.repeat(12)}`, 'Data as of:', '30 Sep 2025']];
    expect((await preview('scorecard.xlsx', sheets)).defaultPeriodFrom.sentence).toBe(
      'Period September 2025: from "Data as of: 30 Sep 2025" on sheet Relationship Strength.',
    );
  });

  it("takes the data's month of a title that also dates the export, in the title cell or in the cells beside a label", async () => {
    const sheets = globexSheets();
    sheets[0].titles = ['Globex Analytics — Relationship Strength KPIs', 'Oct 1, 2025 export of September data'];
    const p = await preview('scorecard.xlsx', sheets);
    // October was taken before: the export's date, not the data's month.
    expect(p.defaultPeriodFrom.sentence).toBe(
      'Period September 2025: from "Oct 1, 2025 export of September data" on sheet Relationship Strength.',
    );
    expect(p.periods['2025-09'].conflicts.count).toBe(0);
    sheets[0].titles = [['Exported:', new Date(Date.UTC(2026, 0, 5)), 'December data']];
    expect((await preview('scorecard.xlsx', sheets)).defaultPeriod).toBe('2025-12');
  });

  it('proposes an existing account named in the title rows before the file name', async () => {
    const globex = createAccount(t.db, ws.id, { name: 'Globex Analytics' });
    createAccount(t.db, ws.id, { name: 'Initech' });
    const p = await preview('Initech-2025-09.xlsx', globexSheets());
    expect(p.proposedAccount).toEqual({ id: globex.id, name: 'Globex Analytics', from: 'title' });
    expect(p.proposedNewAccount).toBeNull();
  });

  it('2. the file name when the titles name no month', async () => {
    const sheets = globexSheets();
    sheets[0].titles = ['Globex Analytics — Relationship Strength KPIs'];
    const p = await preview('globex_2025_10.xlsx', sheets);
    expect(p.defaultPeriod).toBe('2025-10');
    expect(p.defaultPeriodFrom).toEqual({
      from: 'file name',
      sentence: 'Period October 2025: from the file name "globex_2025_10.xlsx".',
    });
  });

  it('3. the latest month column when Data equals it, else the month after', async () => {
    const same = await preview('scorecard.xlsx', untitled(globexSheets('august')));
    expect(same.defaultPeriod).toBe('2025-08');
    expect(same.defaultPeriodFrom.from).toBe('month columns');
    expect(same.defaultPeriodFrom.sentence).toBe(
      'Period August 2025: the Data values equal the August 2025 column (4 of 4 rows).',
    );
    const newer = await preview('scorecard.xlsx', untitled(globexSheets('september')));
    expect(newer.defaultPeriod).toBe('2025-09');
    expect(newer.defaultPeriodFrom.sentence).toContain('so they are taken as the month after it');
  });

  it('a value column whose header names its month ("Current Value (Sep 2025)") is that month, not an extra column', async () => {
    const account = createAccount(t.db, ws.id, { name: 'Initech' });
    const csv = 'KPI,Aug 2025,Current Value (Sep 2025),Sep 2025 Target\nNPS Score,40,45,50\nCSAT Score,4.1,4.3,4.5\n';
    const req = { fileName: 'initech.csv', bytes: new TextEncoder().encode(csv) };
    const p = await previewImport(t.db, ws.id, req);
    expect(p.sheets[0].mapping.map((m) => m.field)).toEqual(['kpi_parameter', 'month', 'month', 'ignored']);
    expect(p.defaultPeriod).toBe('2025-09');
    expect(p.defaultPeriodFrom.sentence).toBe(
      'Period September 2025: no row has a Data value, so the latest month column (September 2025).',
    );
    await commitImport(t.db, session(), { ...req, period: p.defaultPeriod, accountId: account.id });
    // September's values are stored, the target column is not.
    expect(storedValues(t.db.raw, 'NPS Score')).toEqual({ 202508: 40, 202509: 45 });
  });

  it('4. the current month when nothing names one', async () => {
    const p = await preview('scorecard.xlsx', [
      { name: 'Relationship Strength', months: [], rows: [['NPS Score', 0.3, 20]] },
    ]);
    const now = new Date();
    expect(p.defaultPeriod).toBe(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
    expect(p.defaultPeriodFrom.from).toBe('today');
  });

  it('a date cell in the title rows names the period too', async () => {
    const sheets = globexSheets();
    sheets[0].titles = ['Globex Analytics — KPIs', new Date(Date.UTC(2025, 9, 31))];
    const p = await preview('scorecard.xlsx', sheets);
    expect(p.defaultPeriod).toBe('2025-10');
    expect(p.defaultPeriodFrom.sentence).toBe('Period October 2025: from "2025-10-31" on sheet Relationship Strength.');
  });

  it('a title of a dashboard, an account and a date ("Tableau de bord — Société Générale — …") names the account between', async () => {
    const sheets = globexSheets();
    sheets[0].titles = ['Tableau de bord — Société Générale — données au 30/09/2025'];
    const p = await preview('scorecard.xlsx', sheets);
    // Before, the first part ("Tableau de bord") was a title's words, and no account was proposed.
    expect(p.proposedNewAccount).toEqual({
      name: 'Société Générale',
      title: 'Tableau de bord — Société Générale — données au 30/09/2025',
      similar: [],
    });
    expect(p.defaultPeriod).toBe('2025-09');
  });

  it('any month can be chosen: Data goes to that month only, no month column is overwritten', async () => {
    const bytes = await titledWorkbook(globexSheets());
    const account = createAccount(t.db, ws.id, { name: 'Globex Analytics' });
    await commitImport(t.db, session(), { fileName: 'g.xlsx', bytes, period: '2024-12', accountId: account.id });
    const stored = storedValues(t.db.raw, 'NPS Score');
    expect(stored[202412]).toBe(8);
    expect(JAN_AUG.map((_, i) => stored[202501 + i])).toEqual([20, 22, 24, 26, 28, 30, 32, 34]);
  });
});

describe('the import command without --period and --account does what the window proposes', () => {
  let t: ReturnType<typeof tempDir>;
  let db: string;
  const query = <T>(sql: string) => queryFile<T>(db, sql);
  beforeEach(async () => {
    t = tempDir();
    db = path.join(t.dir, 'cli.db');
    await kpi('init', '--db', db);
    await kpi('customer', 'add', '--db', db, '--name', 'W', '--mode', 'corporate');
    await kpi('customer', 'add', '--db', db, '--name', 'R', '--mode', 'account_rollup');
  });
  afterEach(() => t.cleanup());
  const write = async (name: string, sheets: TitledSheet[]) => {
    const f = path.join(t.dir, name);
    fs.writeFileSync(f, await titledWorkbook(sheets));
    return f;
  };

  it("refuses to create the title's new account without --create-accounts, creates it with", async () => {
    const f = await write('Globex scorecard.xlsx', globexSheets());
    const refused = await kpi('import', f, '--db', db, '--customer', 'W');
    expect(refused).toMatchObject({
      code: 1,
      err: 'kpi import: The title names an account that is not in W yet, Globex Analytics: add --create-accounts to create it, or name an account with --account.',
    });
    expect(await query('SELECT * FROM accounts')).toEqual([]);

    const ok = await kpi('import', f, '--db', db, '--customer', 'W', '--create-accounts');
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n').slice(1, 3)).toEqual([
      '  account: Globex Analytics (new, named in the title rows, created)',
      '  Period September 2025: from "data as of 28 Sep 2025" on sheet Relationship Strength.',
    ]);
    expect(
      await query(
        'SELECT a.account_name, u.period_year, u.period_month FROM kpi_uploads u JOIN accounts a USING (account_id)',
      ),
    ).toEqual([{ account_name: 'Globex Analytics', period_year: 2025, period_month: 9 }]);
    const aug = await query<{ value: number }>(
      "SELECT ts.value FROM kpi_time_series ts JOIN kpis k USING (kpi_id) WHERE k.kpi_parameter = 'NPS Score' AND ts.year = 2025 AND ts.month = 8",
    );
    expect(aug).toEqual([{ value: 34 }]);
  });

  it('names an account of a like name before creating the one the title names ("Hooli" where "Hooli Inc" is)', async () => {
    await kpi('account', 'add', '--db', db, '--customer', 'W', '--name', 'Hooli Inc');
    await kpi('account', 'add', '--db', db, '--customer', 'W', '--name', 'Hoolis');
    const sheets = globexSheets();
    sheets[0].titles = ['KPI Scorecard', 'Account: Hooli', 'data as of 28 Sep 2025'];
    const f = await write('scorecard.xlsx', sheets);
    const refused = await kpi('import', f, '--db', db, '--customer', 'W');
    expect(refused.err).toBe(
      'kpi import: The title names an account that is not in W yet, Hooli; Hooli Inc is in W already: add --create-accounts to create it, or name an account with --account.',
    );
    const ok = await kpi('import', f, '--db', db, '--customer', 'W', '--create-accounts');
    expect(ok.out.split('\n')[1]).toBe(
      '  account: Hooli (new, named in the title rows, created; Hooli Inc is in W already)',
    );
    expect((await query<{ n: string }>('SELECT account_name n FROM accounts ORDER BY n')).map((a) => a.n)).toEqual([
      'Hooli',
      'Hooli Inc',
      'Hoolis',
    ]);
  });

  it('--account names an account to create with --create-accounts; --json says where the period came from', async () => {
    const f = await write('scorecard.xlsx', untitled(globexSheets('august')));
    const missing = await kpi('import', f, '--db', db, '--customer', 'W', '--account', 'Hooli');
    expect(missing).toMatchObject({
      code: 1,
      err: 'kpi import: There is no account named "Hooli" in W; add --create-accounts to create it.',
    });
    const r = await kpi(
      'import',
      f,
      '--db',
      db,
      '--customer',
      'W',
      '--account',
      'Hooli',
      '--create-accounts',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      period: '2025-08',
      accountsCreated: ['Hooli'],
      periodFrom: {
        from: 'month columns',
        sentence: 'Period August 2025: the Data values equal the August 2025 column (4 of 4 rows).',
      },
    });
  });

  it('takes the period from the title rows in roll-up mode too, and creates its new accounts only with --create-accounts', async () => {
    const wbBytes = await (async () => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const s = wb.addWorksheet('Relationship Strength');
      s.addRow(['Portfolio KPIs — data as of 30 Jun 2025']);
      s.addRow(['Account', 'KPI Parameter', 'Data', 'Apr 2025', 'May 2025']);
      s.addRow(['Acme', 'NPS Score', 40, 30, 35]);
      s.addRow(['Globex', 'NPS Score', 10, 12, 11]);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    })();
    const f = path.join(t.dir, 'master.xlsx');
    fs.writeFileSync(f, wbBytes);
    const refused = await kpi('import', f, '--db', db, '--customer', 'R');
    expect(refused).toMatchObject({
      code: 1,
      err: 'kpi import: 2 accounts in this file are not in R yet (Acme, Globex): add --create-accounts to create them. Nothing was stored.',
    });
    expect(await query('SELECT * FROM kpi_uploads')).toEqual([]);
    const r = await kpi('import', f, '--db', db, '--customer', 'R', '--create-accounts', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ period: '2025-06', accountsCreated: ['Acme', 'Globex'] });
    // The reading is the command's preview (the commit takes it): counted, not 0.
    expect(json.timings.read).toBeGreaterThan(0);
    const { read, check, store, score } = json.timings;
    expect(json.durationMs).toBeGreaterThanOrEqual(read + check + store + score - 4);
  });
});
