import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { openDb } from '../../../main/db/open';
import { commitImport, previewImport, UNEXPECTED_FAILURE } from '../../../main/import/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { AppError } from '../../../shared/errors';
import { kpi } from '../../helpers/cli';
import { tempDb, tempDir } from '../../helpers/db';

const MESSY = path.resolve(__dirname, '../../fixtures/messy');
const bytesOf = (fixture: string) => new Uint8Array(fs.readFileSync(path.join(MESSY, fixture)));
/** A workbook without title rows, under any file name. */
const named = (fileName: string, fixture = 'date1904-openpyxl.xlsx') => ({ fileName, bytes: bytesOf(fixture) });
const HEADER_ONLY_CSV = { fileName: 'header-only.csv', bytes: new Uint8Array(Buffer.from('KPI,Data,Jan 2025\r\n')) };

describe('importing into a workspace', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  let session: { customerId: number; userId: number | null };
  const account = (name: string) => createAccount(t.db, ws.id, { name });
  const proposed = async (fileName: string, fixture?: string) =>
    (await previewImport(t.db, ws.id, named(fileName, fixture))).proposedAccount;
  const count = (table: string) => (t.db.raw.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'W', mode: 'corporate' });
    session = { customerId: ws.id, userId: null };
  });
  afterEach(async () => {
    await t.cleanup();
  });

  describe('corporate mode: the account proposed from the file', () => {
    it('matches whole words: "Ion" is not in "Relationship review", "Tech" is not in "TechCorp"', async () => {
      account('Ion');
      account('Tech');
      for (const fileName of ['Relationship review.xlsx', 'TechCorp-2025-09.xlsx']) {
        const preview = await previewImport(t.db, ws.id, named(fileName));
        expect(preview.proposedAccount, fileName).toBeNull();
        expect(preview.ambiguousAccounts, fileName).toEqual([]);
      }
      const tech = account('TechCorp');
      expect(await proposed('TechCorp-2025-09.xlsx')).toEqual({ id: tech.id, name: 'TechCorp', from: 'file name' });
    });

    it('finds names written with - _ . whatever the file name turned them into, the longest match first', async () => {
      account('Acme');
      const west = account('Acme-West');
      const jpm = account('J.P. Morgan');
      expect(await proposed('Acme-West-2025-09.xlsx')).toEqual({ id: west.id, name: 'Acme-West', from: 'file name' });
      expect((await proposed('acme_west scorecard.xlsx'))?.id).toBe(west.id);
      expect(await proposed('J.P. Morgan scorecard.xlsx')).toEqual({
        id: jpm.id,
        name: 'J.P. Morgan',
        from: 'file name',
      });
    });

    it('finds a name of several words run together as one ("GlobexAnalytics-2025-09.xlsx")', async () => {
      const globex = account('Globex Analytics');
      account('Globex');
      account('Analytics Co');
      // Before, none was proposed ("GlobexAnalytics" is no word of any name), and "Globex" is not taken for it.
      expect(await proposed('GlobexAnalytics-2025-09.xlsx')).toEqual({
        id: globex.id,
        name: 'Globex Analytics',
        from: 'file name',
      });
      // Words in a row still win over a name run together; a one-word name is never split.
      expect((await proposed('Globex Analytics scorecard.xlsx'))?.id).toBe(globex.id);
      expect(await proposed('Analyticsco.xlsx')).toEqual(expect.objectContaining({ name: 'Analytics Co' }));
    });

    it('proposes none when two accounts match equally, and names them', async () => {
      account('Acme');
      account('Globex');
      const preview = await previewImport(t.db, ws.id, named('Acme and Globex review.xlsx'));
      expect(preview.proposedAccount).toBeNull();
      expect(preview.ambiguousAccounts.sort()).toEqual(['Acme', 'Globex']);
    });

    it('looks in the title rows when the file name names no account', async () => {
      const techcorp = account('TechCorp Solutions');
      expect(await proposed('scorecard.xlsx', 'layout.xlsx')).toEqual({
        id: techcorp.id,
        name: 'TechCorp Solutions',
        from: 'title',
      });
    });
  });

  describe('corporate mode: an Account column', () => {
    it('is an extra column: a Client column filled on the first row only drops no row', async () => {
      const initech = account('Initech');
      const req = named('q3.xlsx', 'corporate-client-column.xlsx');
      const preview = await previewImport(t.db, ws.id, req);
      expect(preview.proposedAccount).toEqual({ id: initech.id, name: 'Initech', from: 'Account column' });
      expect(preview.issues).toEqual([]);
      expect(preview.blocked).toBeNull();
      const report = await commitImport(t.db, session, { ...req, period: '2025-09', accountId: initech.id });
      expect(report.uploads).toMatchObject([{ accountName: 'Initech', kpis: 3 }]);
      expect(report.issues).toEqual([]);
    });

    it('in roll-up mode, a blank Account cell under a named one is that account, with one warning', async () => {
      const rollup = createWorkspace(t.db, { name: 'R', mode: 'account_rollup' });
      const initech = createAccount(t.db, rollup.id, { name: 'Initech' });
      const req = named('q3.xlsx', 'corporate-client-column.xlsx');
      const preview = await previewImport(t.db, rollup.id, req);
      expect(preview.sheets[0].kpiRows).toBe(3);
      expect(preview.issues.map((i) => [i.row, i.column, i.message])).toEqual([
        [
          3,
          'A',
          'Rows 3, 4 have no account name in the Account column, so each takes the account named above it, as a merged cell would; write the name where that is wrong.',
        ],
      ]);
      const report = await commitImport(t.db, { customerId: rollup.id, userId: null }, { ...req, period: '2025-09' });
      expect(report.uploads).toMatchObject([{ accountId: initech.id, accountName: 'Initech', kpis: 3 }]);
    });

    it('in roll-up mode, rows above the first account name are reported and left out', async () => {
      const rollup = createWorkspace(t.db, { name: 'R', mode: 'account_rollup' });
      const csv = 'Account,KPI,Data\n,NPS Score,45\nAcme,NPS Score,40\n,CSAT Score,4.1\n';
      const preview = await previewImport(t.db, rollup.id, { fileName: 'r.csv', bytes: new TextEncoder().encode(csv) });
      expect(preview.sheets[0].kpiRows).toBe(2);
      expect(preview.issues.map((i) => [i.row, i.column, i.severity])).toEqual([
        [2, 'A', 'error'],
        [4, 'A', 'warning'],
        // No Category column: its one category, named after the file ("r"), has no weight.
        [undefined, undefined, 'warning'],
      ]);
      expect(preview.issues[0].message).toBe(
        '"NPS Score" has no account name in the Account column; the row was not imported.',
      );
      expect(preview.issues[1].message).toBe(
        'Row 4 has no account name in the Account column, so it takes the account named above it, as a merged cell would; write the name where that is wrong.',
      );
    });

    it('in roll-up mode, a sheet without one is said once to be left out, not row by row', async () => {
      const rollup = createWorkspace(t.db, { name: 'R', mode: 'account_rollup' });
      const wb = new ExcelJS.Workbook();
      const rs = wb.addWorksheet('Relationship Strength');
      rs.addRows([
        ['Account', 'KPI', 'Data'],
        ['Acme', 'NPS Score', 45],
      ]);
      wb.addWorksheet('Benchmarks').addRows([
        ['KPI', 'Data'],
        ['NPS Score', 30],
        ['CSAT Score', 4.2],
      ]);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const report = await commitImport(
        t.db,
        { customerId: rollup.id, userId: null },
        { fileName: 'master.xlsx', bytes, period: '2025-09', createAccounts: true },
      );
      expect(report.uploads).toMatchObject([{ accountName: 'Acme', kpis: 1 }]);
      expect(report.issues.map((i) => [i.severity, i.sheet, i.row ?? null])).toEqual([['warning', 'Benchmarks', null]]);
      expect(report.issues[0].message).toMatch(/so its KPIs belong to no account and are not imported\.$/);
    });

    it('with several accounts (a roll-up workbook) blocks the import and says to switch modes', async () => {
      const rockets = account('ACME Rockets');
      const req = named('master.xlsx', 'rollup.xlsx');
      const message =
        'This file has an Account column with 2 accounts, but this workspace is in corporate mode (one account per file): switch the workspace to roll-up mode in Settings to import each account separately.';
      expect((await previewImport(t.db, ws.id, req)).blocked).toBe(message);
      await expect(commitImport(t.db, session, { ...req, period: '2025-09', accountId: rockets.id })).rejects.toEqual(
        new AppError('refused', message),
      );
      expect(count('kpi_uploads')).toBe(0);
    });
  });

  it('matches account names by Unicode case folding: GROSSHANDEL MÜLLER AG is Großhandel Müller AG', async () => {
    const rollup = createWorkspace(t.db, { name: 'R', mode: 'account_rollup' });
    const existing = createAccount(t.db, rollup.id, { name: 'Großhandel Müller AG' });
    const csv = 'Account,KPI,Category,Data\nGROSSHANDEL MÜLLER AG,NPS Score,Relationship Strength,45\n';
    const report = await commitImport(
      t.db,
      { customerId: rollup.id, userId: null },
      { fileName: 'master.csv', bytes: new Uint8Array(Buffer.from(csv)), period: '2025-09' },
    );
    expect(report.accountsCreated).toEqual([]);
    expect(report.uploads.map((u) => u.accountId)).toEqual([existing.id]);
  });

  it('refuses a file with a header but no KPI row, writing nothing', async () => {
    const acme = account('Acme');
    const preview = await previewImport(t.db, ws.id, HEADER_ONLY_CSV);
    const message =
      'This file holds no KPI rows under its header row, so there is nothing to import; fill in at least one KPI and try again.';
    expect(preview.blocked).toBe(message);
    await expect(
      commitImport(t.db, session, { ...HEADER_ONLY_CSV, period: '2025-01', accountId: acme.id }),
    ).rejects.toEqual(new AppError('refused', message));
    expect([count('kpi_uploads'), count('kpis'), count('kpi_time_series')]).toEqual([0, 0, 0]);
  });

  it('shows a sheet whose header row comes near one with its columns to correct, and imports it once they are', async () => {
    const acme = account('Acme');
    const csv = 'Metric Name,Weight,Sep 2025\nNPS Score,0.3,45\n';
    const req = { fileName: 'acme.csv', bytes: new TextEncoder().encode(csv) };
    const message =
      'No sheet in this file has a header row with a KPI column and a Data or month column, so there is nothing to import. On sheet acme, row 1 has value columns ("Sep 2025") but no column of KPI names: head it "KPI" (or KPI Name, KPI Parameter, Metric, Parameter, Measure).';
    // The preview is not refused: it is blocked, with the sheet and its columns.
    const blocked = await previewImport(t.db, ws.id, req);
    expect(blocked.blocked).toBe(message);
    expect(blocked.skipped[0].reason).toBe(
      'row 1 has value columns ("Sep 2025") but no column of KPI names: head it "KPI" (or KPI Name, KPI Parameter, Metric, Parameter, Measure)',
    );
    expect(blocked.sheets).toEqual([]);
    expect(blocked.nearSheets.map((s) => [s.name, s.headerRow, s.mapping.map((m) => m.field)])).toEqual([
      ['acme', 1, ['ignored', 'weight', 'month']],
    ]);
    // The commit without a correction is refused, and writes nothing.
    await expect(commitImport(t.db, session, { ...req, period: '2025-09', accountId: acme.id })).rejects.toEqual(
      new AppError('refused', message),
    );
    expect(count('kpi_uploads')).toBe(0);

    // "Metric Name" taken as the KPI names: a KPI sheet, imported, and the correction remembered.
    const corrected = blocked.nearSheets[0].mapping.map((m) =>
      m.header === 'Metric Name' ? { ...m, field: 'kpi_parameter' as const } : m,
    );
    const mapped = { ...req, mappings: { acme: corrected } };
    const preview = await previewImport(t.db, ws.id, mapped);
    expect([preview.blocked, preview.nearSheets, preview.sheets[0].kpiRows]).toEqual([null, [], 1]);
    const report = await commitImport(t.db, session, { ...mapped, period: '2025-09', accountId: acme.id });
    expect(report.uploads).toMatchObject([{ accountName: 'Acme', kpis: 1 }]);
    const next = {
      fileName: 'acme-oct.csv',
      bytes: new TextEncoder().encode('Metric Name,Weight,Oct 2025\nNPS Score,0.3,50\n'),
    };
    const again = await previewImport(t.db, ws.id, next);
    expect([again.blocked, again.sheets[0].remembered, again.sheets[0].kpiRows]).toEqual([null, true, 1]);
  });

  it('names the month column of a Data value that differs from it, in the preview as in the report', async () => {
    const acme = account('Acme');
    const req = named('values.xlsx', 'values.xlsx');
    const preview = await previewImport(t.db, ws.id, req);
    const report = await commitImport(t.db, session, { ...req, period: '2025-09', accountId: acme.id });
    const conflicts = report.issues.filter((i) => i.message.includes('the Data value counts'));
    expect(preview.periods['2025-09'].conflicts).toEqual({ count: 2, issues: conflicts });
    expect(conflicts).toEqual([
      {
        severity: 'warning',
        sheet: 'Business Outcomes',
        row: 2,
        column: 'K',
        message: '"Churn Risk": Data is 43 but the 2025-09 column says 9; the Data value counts.',
      },
      {
        severity: 'warning',
        sheet: 'Business Outcomes',
        row: 3,
        column: 'K',
        message: '"Renewal Probability": Data is 55 but the 2025-09 column says 50; the Data value counts.',
      },
    ]);
  });

  it('previews per period the conflicts of the Data column and the accounts already holding the file', async () => {
    const acme = account('Acme');
    const csv = 'KPI,Data,Aug 2025,Sep 2025\nNPS Score,45,30,40\nCSAT Score,4.2,4.2,4\n';
    const req = { fileName: 'acme.csv', bytes: new Uint8Array(Buffer.from(csv)) };
    const before = await previewImport(t.db, ws.id, req);
    // Data differs from the latest month column: the default is the month after it (spec, step 3).
    expect(before.defaultPeriod).toBe('2025-10');
    expect(Object.keys(before.periods).sort()).toEqual(['2025-08', '2025-09', '2025-10']);
    const messages = (p: string) => before.periods[p].conflicts.issues.map((i) => i.message);
    expect(messages('2025-08')).toEqual([
      '"NPS Score": Data is 45 but the 2025-08 column says 30; the Data value counts.',
    ]);
    expect(messages('2025-09')).toEqual([
      '"NPS Score": Data is 45 but the 2025-09 column says 40; the Data value counts.',
      '"CSAT Score": Data is 4.2 but the 2025-09 column says 4; the Data value counts.',
    ]);
    expect(before.periods['2025-08'].alreadyImported).toEqual([]);

    await commitImport(t.db, session, { ...req, period: '2025-08', accountId: acme.id });
    const after = await previewImport(t.db, ws.id, req);
    expect(after.periods['2025-08'].alreadyImported).toEqual([{ id: acme.id, name: 'Acme' }]);
    expect(after.periods['2025-09'].alreadyImported).toEqual([]);
  });

  it('counts every conflict of a period and lists the first 20', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `KPI ${i + 1},${i + 10},${i}`).join('\n');
    const req = { fileName: 'many.csv', bytes: new Uint8Array(Buffer.from(`KPI,Data,Sep 2025\n${rows}\n`)) };
    const { conflicts } = (await previewImport(t.db, ws.id, req)).periods['2025-09'];
    expect(conflicts.count).toBe(25);
    expect(conflicts.issues.map((i) => i.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('in roll-up mode, blocks a file without an Account column in the preview and refuses it the same way', async () => {
    const rollup = createWorkspace(t.db, { name: 'R', mode: 'account_rollup' });
    const req = named('scorecard.xlsx');
    const message =
      'This workspace takes one master workbook with an Account column, and this file has none: add an Account column, or switch the upload mode to corporate in Settings.';
    const preview = await previewImport(t.db, rollup.id, req);
    expect(preview.blocked).toBe(message);
    expect(preview.accounts).toEqual([]);
    await expect(
      commitImport(t.db, { customerId: rollup.id, userId: null }, { ...req, period: '2025-01', createAccounts: true }),
    ).rejects.toEqual(new AppError('refused', message));
    expect(count('kpi_uploads')).toBe(0);
  });

  it('turns an unexpected failure into one sentence, logs it, and stores nothing', async () => {
    const acme = account('Acme');
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failure = new RangeError('Invalid string length');
      const parse = async () => {
        throw failure;
      };
      const req = { ...named('a.xlsx'), period: '2025-01', accountId: acme.id };
      await expect(commitImport(t.db, session, req, parse)).rejects.toEqual(
        new AppError('internal', UNEXPECTED_FAILURE),
      );
      await expect(previewImport(t.db, ws.id, req, parse)).rejects.toEqual(
        new AppError('internal', UNEXPECTED_FAILURE),
      );
      expect(log).toHaveBeenCalledWith('[kpi] import failed:', failure);
      expect(count('kpi_uploads')).toBe(0);
    } finally {
      log.mockRestore();
    }
  });
});

describe('the import command in corporate mode', () => {
  let t: ReturnType<typeof tempDir>;
  let db: string;
  /** A copy of a fixture under the given file name. */
  const file = (name: string, fixture = 'date1904-openpyxl.xlsx') => {
    const f = path.join(t.dir, name);
    fs.copyFileSync(path.join(MESSY, fixture), f);
    return f;
  };
  async function uploads() {
    const d = await openDb(db);
    try {
      return d.raw
        .prepare('SELECT a.account_name name FROM kpi_uploads u JOIN accounts a USING (account_id) ORDER BY upload_id')
        .all() as Array<{ name: string }>;
    } finally {
      await d.close();
    }
  }
  /** import FILE into the workspace W, with more options */
  const importInto = (fileName: string, fixture?: string, ...more: string[]) =>
    kpi('import', file(fileName, fixture), '--db', db, '--customer', 'W', ...more);
  beforeEach(async () => {
    t = tempDir();
    db = path.join(t.dir, 'cli.db');
    await kpi('init', '--db', db);
    await kpi('customer', 'add', '--db', db, '--name', 'W', '--mode', 'corporate');
    for (const name of ['Ion', 'Tech', 'Acme', 'Acme-West', 'Globex'])
      await kpi('account', 'add', '--db', db, '--customer', 'W', '--name', name);
  });
  afterEach(() => t.cleanup());

  it('uses a proposal only when it is unambiguous, and says which account and why', async () => {
    const ok = await importInto('Acme-West-2025-09.xlsx');
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')[1]).toBe('  account proposed from the file name: Acme-West');
    const named = await importInto('Relationship review.xlsx', undefined, '--account', 'Ion');
    expect(named.out.split('\n')[1]).toBe('  account: Ion (named with --account)');

    const none = await importInto('TechCorp-2025-09.xlsx');
    expect(none).toMatchObject({
      code: 1,
      err: 'kpi import: No account of W is named in the title rows or the file name of TechCorp-2025-09.xlsx: name the account it belongs to with --account (with --create-accounts for a new one).',
    });
    const two = await importInto('Acme vs Globex.xlsx');
    expect(two).toMatchObject({
      code: 1,
      err: 'kpi import: The file names several accounts equally (Acme, Globex); name the one it belongs to with --account.',
    });
    expect(await uploads()).toEqual([{ name: 'Acme-West' }, { name: 'Ion' }]);
  });

  it('finds the --account by Unicode case folding: STRASSENBAU WEISS GMBH is Straßenbau Weiß GmbH', async () => {
    await kpi('account', 'add', '--db', db, '--customer', 'W', '--name', 'Straßenbau Weiß GmbH');
    const r = await importInto('q3.xlsx', undefined, '--account', 'STRASSENBAU WEISS GMBH');
    expect(r.code).toBe(0);
    expect(await uploads()).toEqual([{ name: 'Straßenbau Weiß GmbH' }]);
  });

  it('refuses a roll-up workbook with a sentence on switching modes', async () => {
    const r = await importInto('master.xlsx', 'rollup.xlsx', '--account', 'Acme');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'kpi import: This file has an Account column with 2 accounts, but this workspace is in corporate mode (one account per file): switch the workspace to roll-up mode in Settings to import each account separately.',
    );
    expect(await uploads()).toEqual([]);
  });
});
