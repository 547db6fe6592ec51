import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAccountsList, previewAccountsList } from '../../../main/accounts/list-import';
import { accountsByName, createAccount } from '../../../main/accounts/service';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/framework';
import { type Db, openDb } from '../../../main/db/open';
import { readWorkbook } from '../../../main/import/workbook';
import { parseAccountsList } from '../../../shared/accounts/list';
import { tempDir } from '../../helpers/db';

async function kpi(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(commands, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A CRM export as a CSM has it: a title row, then headers in the CRM's own words. */
async function crmXlsx(file: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Accounts export');
  ws.addRow(['Accounts export, 3 Dec 2026']);
  ws.addRow(['Account Name', 'ARR', 'CSM Email', 'Renews on', 'Industry', 'Region', 'Tier']);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

const accountsTable = (d: Db) =>
  d.raw
    .prepare(
      'SELECT account_name, revenue, owner_user_id, renewal_date, industry, region, segment FROM accounts ORDER BY account_id',
    )
    .all();

describe('accounts list import (issue 13, point 1)', () => {
  let t: ReturnType<typeof tempDir>;
  let dbFile: string;
  let db: Db;
  let anaId: number;
  beforeEach(async () => {
    t = tempDir();
    dbFile = path.join(t.dir, 'list.db');
    await kpi('customer', 'add', '--db', dbFile, '--name', 'ACME');
    await kpi('account', 'add', '--db', dbFile, '--customer', 'ACME', '--name', 'Rockets');
    await kpi('account', 'add', '--db', dbFile, '--customer', 'ACME', '--name', 'Globex Analytics');
    db = await openDb(dbFile);
    anaId = Number(
      db.raw.prepare("INSERT INTO users (customer_id, user_name, email) VALUES (1, 'Ana CSM', 'ana@acme.com')").run()
        .lastInsertRowid,
    );
  });
  afterEach(async () => {
    await db.close();
    t.cleanup();
  });

  it('reads the headers in the CRM’s words, dates as date cells or YYYY-MM-DD text, amounts with currency signs', async () => {
    const file = path.join(t.dir, 'crm.xlsx');
    await crmXlsx(file, [
      ['Rockets', 1_200_000, 'ANA@acme.com', new Date(Date.UTC(2027, 1, 28)), 'Aerospace', 'EMEA', 'Enterprise'],
      ['  globex   analytics ', '$250,000', null, '2027-06-30', null, null, 'Mid-market'],
    ]);
    const parsed = parseAccountsList(await readWorkbook(fs.readFileSync(file), 'crm.xlsx'));
    expect(parsed).toMatchObject({
      sheet: 'Accounts export',
      columns: { account: 1, revenue: 2, owner: 3, renewal: 4, industry: 5, region: 6, segment: 7 },
      problems: [],
    });
    expect(parsed!.rows).toEqual([
      {
        row: 3,
        name: 'Rockets',
        revenue: 1_200_000,
        ownerEmail: 'ana@acme.com',
        renewalDate: '2027-02-28',
        industry: 'Aerospace',
        region: 'EMEA',
        segment: 'Enterprise',
      },
      { row: 4, name: 'globex analytics', revenue: 250_000, renewalDate: '2027-06-30', segment: 'Mid-market' },
    ]);
  });

  it('previews each row as update, create or unchanged, with what would change, and writes nothing', async () => {
    const file = path.join(t.dir, 'crm.xlsx');
    await crmXlsx(file, [
      ['Rockets', 1_200_000, 'ana@acme.com', '2027-02-28', null, null, 'Enterprise'],
      ['Globex Analytics', null, null, null, null, null, null],
      ['Initech', 90_000, null, null, 'Software', null, null],
    ]);
    const before = accountsTable(db);
    const p = await previewAccountsList(db, 1, 'crm.xlsx', fs.readFileSync(file));
    expect(accountsTable(db)).toEqual(before);
    expect(p.counts).toEqual({ create: 1, update: 1, unchanged: 1 });
    expect(p.columns).toEqual(['Account', 'Revenue', 'Owner email', 'Renewal date', 'Industry', 'Region', 'Segment']);
    expect(p.problems).toEqual([]);
    expect(p.rows[0]).toMatchObject({
      name: 'Rockets',
      action: 'update',
      changes: [
        { field: 'revenue', from: '0', to: '1200000' },
        { field: 'owner', from: null, to: 'Ana CSM' },
        { field: 'renewal', from: null, to: '2027-02-28' },
        { field: 'segment', from: null, to: 'Enterprise' },
      ],
    });
    expect(p.rows[2]).toMatchObject({ name: 'Initech', action: 'create', accountId: null });
  });

  it('refuses unknown accounts until confirmed, then creates and updates in one go and records owner and renewal changes', async () => {
    const file = path.join(t.dir, 'crm.xlsx');
    await crmXlsx(file, [
      ['Rockets', 1_200_000, 'ana@acme.com', '2027-02-28', null, null, 'Enterprise'],
      ['Initech', 90_000, null, null, 'Software', null, null],
    ]);
    const bytes = fs.readFileSync(file);
    const before = accountsTable(db);
    await expect(
      importAccountsList(db, 1, { fileName: 'crm.xlsx', bytes, createAccounts: false }, null),
    ).rejects.toThrow('Nothing was imported: one account is not in this workspace (Initech); confirm to create it.');
    expect(accountsTable(db)).toEqual(before);

    const r = await importAccountsList(db, 1, { fileName: 'crm.xlsx', bytes, createAccounts: true }, anaId);
    expect(r).toEqual({ created: ['Initech'], updated: ['Rockets'], unchanged: 0 });
    expect(accountsTable(db)).toEqual([
      {
        account_name: 'Rockets',
        revenue: 1_200_000,
        owner_user_id: anaId,
        renewal_date: '2027-02-28',
        industry: null,
        region: null,
        segment: 'Enterprise',
      },
      {
        account_name: 'Globex Analytics',
        revenue: 0,
        owner_user_id: null,
        renewal_date: null,
        industry: null,
        region: null,
        segment: null,
      },
      {
        account_name: 'Initech',
        revenue: 90_000,
        owner_user_id: null,
        renewal_date: null,
        industry: 'Software',
        region: null,
        segment: null,
      },
    ]);
    const changes = db.raw.prepare('SELECT field, new_value, user_id FROM account_changes ORDER BY field').all();
    expect(changes).toEqual([
      { field: 'owner', new_value: String(anaId), user_id: anaId },
      { field: 'renewal', new_value: '2027-02-28', user_id: anaId },
      { field: 'segment', new_value: 'Enterprise', user_id: anaId },
    ]);
    // The same list again changes nothing.
    expect(await importAccountsList(db, 1, { fileName: 'crm.xlsx', bytes, createAccounts: true }, anaId)).toEqual({
      created: [],
      updated: [],
      unchanged: 2,
    });
  });

  it('refuses a list with a bad date, an unknown owner or a repeated account, naming the row, and changes nothing', async () => {
    const file = path.join(t.dir, 'bad.xlsx');
    await crmXlsx(file, [
      ['Rockets', 1_000, 'bob@acme.com', null, null, null, null],
      ['Globex Analytics', 'lots', null, '31/02/2027', null, null, null],
      ['ROCKETS', 5, null, null, null, null, null],
    ]);
    const before = accountsTable(db);
    const p = await previewAccountsList(db, 1, 'bad.xlsx', fs.readFileSync(file));
    expect(p.problems).toEqual([
      'Row 4: the revenue "lots" is not an amount.',
      'Row 4: the renewal date "31/02/2027" is not a date (write it YYYY-MM-DD).',
      'Row 5: ROCKETS is already on row 3.',
      'Row 3: no user of this workspace has the email bob@acme.com.',
    ]);
    await expect(
      importAccountsList(db, 1, { fileName: 'bad.xlsx', bytes: fs.readFileSync(file), createAccounts: true }, null),
    ).rejects.toThrow('Nothing was imported: Row 4: the revenue "lots" is not an amount. (and 3 more problems)');
    expect(accountsTable(db)).toEqual(before);
  });

  it('says so when a file has no Account column', async () => {
    const file = path.join(t.dir, 'kpis.csv');
    fs.writeFileSync(file, 'KPI,Data\nNPS,42\n');
    await expect(previewAccountsList(db, 1, 'kpis.csv', fs.readFileSync(file))).rejects.toThrow(
      'kpis.csv has no accounts list: no sheet has a header row with an Account column',
    );
  });

  it('runs from the command line: CSV, refusal without --create-accounts (exit 1), then the import', async () => {
    await db.close();
    const file = path.join(t.dir, 'crm.csv');
    fs.writeFileSync(
      file,
      'Account,Revenue,Owner email,Renewal date,Segment\nRockets,"1,500",ana@acme.com,2027-03-31,SMB\nHooli,10,,,\n',
    );
    const refused = await kpi('accounts', 'import', file, '--db', dbFile, '--customer', 'ACME');
    expect(refused).toMatchObject({
      code: 1,
      err: 'kpi accounts import: Nothing was imported: 1 listed account is not in ACME (Hooli); add --create-accounts to create it.',
    });
    const done = await kpi('accounts', 'import', file, '--db', dbFile, '--customer', 'ACME', '--create-accounts');
    expect(done.code).toBe(0);
    expect(done.out.split('\n')).toEqual([
      'crm.csv: 1 created, 1 updated, 0 unchanged (sheet crm; columns Account, Revenue, Owner email, Renewal date, Segment).',
      '  updated Rockets: revenue 0 -> 1500, owner - -> Ana CSM, renewal - -> 2027-03-31, segment - -> SMB',
      '  created Hooli: revenue - -> 10',
    ]);
    db = await openDb(dbFile);
    expect(accountsTable(db).map((a: any) => a.account_name)).toEqual(['Rockets', 'Globex Analytics', 'Hooli']);
  });

  it('creating many accounts checks each name against the list read once, which each new account joins', () => {
    const known = accountsByName(db, 1);
    expect([...known.keys()].sort()).toEqual(['globex analytics', 'rockets']);
    expect(() => createAccount(db, 1, { name: '  ROCKETS ' }, known)).toThrow(
      /An account named "Rockets" already exists/,
    );
    const made = createAccount(db, 1, { name: 'Initech' }, known);
    expect(known.get('initech')?.account_id).toBe(made.id);
    // The next one of the same name is refused from the list alone (no read of the table).
    expect(() => createAccount(db, 1, { name: 'initech' }, known)).toThrow(/An account named "Initech" already exists/);
    expect(db.raw.prepare("SELECT COUNT(*) FROM accounts WHERE account_name LIKE 'initech'").pluck().get()).toBe(1);
  });
});

describe('an accounts list saved by a European Excel', () => {
  it("reads a European Excel's CSV: amounts with a decimal comma and points or spaces between thousands", async () => {
    const csv =
      'Account;ARR;Segment\r\nRockets;1.200.000,50 \u20ac;Enterprise\r\nGlobex Analytics;250 000,00 \u20ac;Mid-market\r\n';
    const parsed = parseAccountsList(await readWorkbook(Buffer.from(csv, 'utf8'), 'crm.csv'));
    expect(parsed?.problems).toEqual([]);
    expect(parsed?.rows.map((r) => [r.name, r.revenue, r.segment])).toEqual([
      ['Rockets', 1_200_000.5, 'Enterprise'],
      ['Globex Analytics', 250_000, 'Mid-market'],
    ]);
  });
});

describe('renewal dates as a CRM exports them or a person types them', () => {
  // Before, only a date cell or YYYY-MM-DD text was a date: "31.03.2026" refused the whole list.
  it('reads day-first with dots, either order where a number above 12 tells the day, and month names', async () => {
    const dates = [
      '31.03.2026',
      '31/03/2026',
      '3/31/2026',
      '31-03-2026',
      '31 Mar 2026',
      'Mar 31, 2026',
      '31-Mar-2026',
      'March 31 2026',
      '31. März 2026',
      '2026/03/31',
      '15.04.2026',
    ];
    const csv = `Account,Renewal date\n${dates.map((d, i) => `A${i},"${d}"`).join('\n')}\n`;
    const parsed = parseAccountsList(await readWorkbook(Buffer.from(csv, 'utf8'), 'crm.csv'));
    expect(parsed?.problems).toEqual([]);
    expect(parsed?.rows.map((r) => r.renewalDate)).toEqual([...Array(10).fill('2026-03-31'), '2026-04-15']);
  });

  it('refuses a date that reads both ways or names no day, saying why, rather than guessing', async () => {
    const csv = 'Account,Renewal date\nA,03/04/2026\nB,31.02.2026\nC,Smarch 3 2026\nD,04/04/2026\n';
    const parsed = parseAccountsList(await readWorkbook(Buffer.from(csv, 'utf8'), 'crm.csv'));
    expect(parsed?.problems.map((p) => p.message)).toEqual([
      'Row 2: the renewal date "03/04/2026" can be read as 3/4 or 4/3 (day and month): write it YYYY-MM-DD.',
      'Row 3: the renewal date "31.02.2026" is not a date (write it YYYY-MM-DD).',
      'Row 4: the renewal date "Smarch 3 2026" is not a date (write it YYYY-MM-DD).',
    ]);
    expect(parsed?.rows.find((r) => r.name === 'D')?.renewalDate).toBe('2026-04-04');
  });
});

describe('owners as a CRM names them', () => {
  let t: Awaited<ReturnType<typeof tempDir>>;
  let db: Db;
  beforeEach(async () => {
    t = await tempDir();
    db = await openDb(path.join(t.dir, 'kpis.db'));
    await kpi('customer', 'add', '--db', path.join(t.dir, 'kpis.db'), '--name', 'ACME');
    for (const [name, email] of [
      ['Ana Lima', 'ana@acme.com'],
      ['Bo Berg', 'bo@acme.com'],
      ['Bo Berg', 'bo.berg@acme.com'],
    ])
      await kpi(
        'user',
        'add',
        '--db',
        path.join(t.dir, 'kpis.db'),
        '--customer',
        'ACME',
        '--name',
        name,
        '--email',
        email,
      );
  });
  afterEach(async () => {
    await db.close();
    await t.cleanup();
  });

  // A Salesforce export's "Account Owner" holds names; Outlook writes "Name <email>". Before, both
  // were "not an email address" and refused the whole list.
  it("by a user's name, or \"Name <email>\", and says when a name is nobody's or two users'", async () => {
    const csv = 'Account,Account Owner\nRockets,ana lima\nGlobex,Ana Lima <ANA@acme.com>\n';
    const p = await previewAccountsList(db, 1, 'crm.csv', Buffer.from(csv));
    expect(p.problems).toEqual([]);
    expect(p.rows.map((r) => [r.name, r.changes.find((c) => c.field === 'owner')?.to])).toEqual([
      ['Rockets', 'Ana Lima'],
      ['Globex', 'Ana Lima'],
    ]);
    const bad = 'Account,Owner\nRockets,Bo Berg\nGlobex,Cy Diaz\nInitech,42\n';
    expect((await previewAccountsList(db, 1, 'crm.csv', Buffer.from(bad))).problems).toEqual([
      'Row 4: the owner "42" is neither an email address nor a name.',
      'Row 2: 2 users of this workspace are named Bo Berg: name the owner by email.',
      "Row 3: no user of this workspace is named Cy Diaz (name the owner by a user's name or email).",
    ]);
    await importAccountsList(db, 1, { fileName: 'crm.csv', bytes: Buffer.from(csv), createAccounts: true }, null);
    const owners = db.raw
      .prepare(
        'SELECT a.account_name n, u.email e FROM accounts a JOIN users u ON u.user_id = a.owner_user_id ORDER BY n',
      )
      .all();
    expect(owners).toEqual([
      { n: 'Globex', e: 'ana@acme.com' },
      { n: 'Rockets', e: 'ana@acme.com' },
    ]);
  });
});

describe('headers of the CRMs people export from', () => {
  // A HubSpot companies export is headed "Company name" and "Company owner"; before, it had no
  // Account column ("no accounts list").
  it('reads a HubSpot export and a customer-success tool export', async () => {
    for (const csv of [
      'Company name,Company owner,Annual Revenue,Industry\nGlobex,Ana Lima,"$1,200,000",Software\n',
      'Customer Name,Customer Success Manager,ARR,Renewal Date\nGlobex,ana@acme.com,1200000,2026-03-31\n',
      'Organization Name,CSM Name,Segment\nGlobex,Ana Lima,Enterprise\n',
    ]) {
      const parsed = parseAccountsList(await readWorkbook(Buffer.from(csv, 'utf8'), 'crm.csv'));
      expect([csv, parsed?.rows.map((r) => [r.name, r.ownerEmail ?? r.ownerName])]).toEqual([
        csv,
        [['Globex', expect.any(String)]],
      ]);
      expect(parsed?.problems).toEqual([]);
    }
  });
});
