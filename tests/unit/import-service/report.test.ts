import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { formatReport } from '../../../main/import/cli';
import { commitImport, previewImport } from '../../../main/import/service';
import { startExecution } from '../../../main/playbooks/executions';
import { updateTrigger } from '../../../main/playbooks/triggers';
import { deleteUpload } from '../../../main/uploads/service';
import { createWorkspace, defaultUserId } from '../../../main/workspaces/service';
import type { ImportReport } from '../../../shared/channels/import';
// Registers the playbook hooks (new workspace, after a re-score), as the app does.
import '../../../main/playbooks/triggers';
import { tempDb } from '../../helpers/db';
import { globexSheets, JAN_AUG, type TitledSheet, titledWorkbook } from '../../helpers/titled';

/** The Globex workbook with a Support & Experience sheet whose CSAT Score is `csat`, Aug values changed where asked. */
function sheets(csat: number, augChanges: Record<string, number> = {}, nps = 8): TitledSheet[] {
  const base = globexSheets();
  for (const r of base[0].rows) if (augChanges[r[0]] !== undefined) r[3 + 7] = augChanges[r[0]];
  base[0].rows[0][2] = nps;
  base.push({
    name: 'Support & Experience',
    months: JAN_AUG,
    rows: [['CSAT Score', 1, csat, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5]],
  });
  return base;
}

/** A report with nothing in it, for the command line's text of large ones. */
const emptyReport: ImportReport = {
  fileName: 'rollup.xlsx',
  mode: 'account_rollup',
  period: '2025-09',
  alreadyImported: false,
  uploads: [],
  accountsCreated: [],
  skippedAccounts: [],
  changes: [],
  sheets: [],
  skipped: [],
  issues: [],
  months: ['2025-09'],
  unweightedCategories: [],
  scored: { accounts: 60, months: 60, trendsWritten: 60, ms: 1 },
  durationMs: 1,
  timings: { read: 0, check: 0, store: 0, score: 0 },
};

describe('the import report says what changed (issue 10, point 2)', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  let session: { customerId: number; userId: number | null };
  let globex: number;
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'W', mode: 'corporate' });
    session = { customerId: ws.id, userId: defaultUserId(t.db, ws.id) };
    globex = createAccount(t.db, ws.id, { name: 'Globex Analytics' }).id;
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const importBook = async (s: TitledSheet[], fileName = 'globex.xlsx', period = '2025-09') =>
    commitImport(t.db, session, { fileName, bytes: await titledWorkbook(s), period, accountId: globex });

  it('names a CSV file without a Category column as the reason its KPIs count in no weighted category', async () => {
    const csv = (text: string, fileName: string) =>
      commitImport(t.db, session, {
        fileName,
        bytes: new TextEncoder().encode(text),
        period: '2025-09',
        accountId: globex,
      });
    // The preview says so before anything is stored, in the report's words.
    const bytes = new TextEncoder().encode('KPI,Data\nNPS Score,41\nCSAT Score,88\n');
    const preview = await previewImport(t.db, ws.id, { fileName: 'globex-2025-09.csv', bytes });
    const bare = await csv('KPI,Data\nNPS Score,41\nCSAT Score,88\n', 'globex-2025-09.csv');
    expect(preview.issues.map((i) => i.message)).toEqual(
      bare.issues.filter((i) => i.message.startsWith('This file has no Category column')).map((i) => i.message),
    );
    expect(bare.unweightedCategories).toEqual(['globex-2025-09']);
    expect(bare.issues.map((i) => i.message)).toContain(
      'This file has no Category column, so its KPIs are one category named after the file, "globex-2025-09", which has no weight in Settings: it does not count in the overall health. Add a Category column naming each KPI\'s category (as a workbook\'s sheets do: "Relationship Strength", "Support & Experience" …), or give "globex-2025-09" a weight in Settings.',
    );
    expect(bare.changes[0].health.after).toBeNull();
    // With the column: the weighted categories count, and no word of the file's name.
    const named = await csv(
      'KPI,Data,Category\nNPS Score,41,Relationship Strength\nCSAT Score,88,Support & Experience\n',
      'globex-2025-09-b.csv',
    );
    expect(named.unweightedCategories).toEqual([]);
    const namedPreview = await previewImport(t.db, ws.id, {
      fileName: 'globex-2025-09-c.csv',
      bytes: new TextEncoder().encode('KPI,Data,Category\nNPS Score,41,Relationship Strength\n'),
    });
    expect(namedPreview.issues).toEqual([]);
    expect(named.changes[0].health.after).toEqual(expect.any(Number));
    // A workbook's sheet of a category without a weight is named as before.
    const misc = await importBook([{ name: 'Misc', months: [], rows: [['NPS Score', 1, 41]] }], 'globex-misc.xlsx');
    expect(misc.issues.map((i) => i.message)).toContain(
      'The category "Misc" has no weight in Settings, so it does not count in the overall health.',
    );
  });

  it('health before and after for the period with its status, and the months restated by how much', async () => {
    const first = await importBook(sheets(4.5));
    expect(first.changes).toHaveLength(1);
    const c1 = first.changes[0];
    expect(c1).toMatchObject({ accountId: globex, accountName: 'Globex Analytics', created: false, version: 1 });
    expect(c1.health.before).toBeNull();
    expect(c1.health.after).toEqual(expect.any(Number));
    expect(c1.health.statusAfter).toMatch(/Healthy|Risk|Critical/);
    expect(c1.restated).toEqual([]);

    // August restated for two KPIs (the third is written again with the same value: no change).
    const second = await importBook(
      sheets(4.5, { 'NPS Score': 50, 'QBR Attendance Rate': 95, 'Champion Strength': 3.2 }),
      'globex-v2.xlsx',
    );
    const c2 = second.changes[0];
    expect(c2.version).toBe(2);
    expect(c2.health.before).toBe(c1.health.after);
    expect(c2.health.after).toBe(c1.health.after);
    expect(c2.restated).toHaveLength(1);
    expect(c2.restated[0]).toMatchObject({
      month: '2025-08',
      values: 2,
      examples: [
        { kpi: 'NPS Score', from: 34, to: 50 },
        { kpi: 'QBR Attendance Rate', from: 81, to: 95 },
      ],
    });
    expect(c2.restated[0].healthAfter).not.toBe(c2.restated[0].healthBefore);
    expect(formatReport(second).join('\n')).toContain(
      'restated 2025-08: 2 values changed (NPS Score 34 -> 50, QBR Attendance Rate 81 -> 95)',
    );
  });

  it('the command line says its counts in words that agree with them ("1 KPI, 1 value")', async () => {
    const one: TitledSheet[] = [{ name: 'Support & Experience', months: [], rows: [['CSAT Score', 1, 4.5]] }];
    const lines = formatReport(await importBook(one));
    expect(lines).toContain('  sheet Support & Experience: 1 row read, 1 KPI imported, 0 notes skipped');
    expect(lines).toContain('  account Globex Analytics: version 1, 1 KPI, 1 value');
    expect(lines.find((l) => l.startsWith('  months:'))).toMatch(/; scored 1 account, 1 account-month$/);
  });

  it('says before and after the import which KPIs no range matches, and an account left without a score', async () => {
    const unranged: TitledSheet[] = [
      { name: 'Support & Experience', months: [], rows: [['CSAT', 1, 4.5]] },
      { name: 'Relationship Strength', months: [], rows: [['Champion Strength', 1, 4]] },
    ];
    const bytes = await titledWorkbook(unranged);
    const warning = {
      severity: 'warning',
      sheet: 'Support & Experience',
      message:
        '1 KPI has no reference range, so it is stored but not scored: "CSAT" (a range is named "CSAT Score"). Add a range in Settings, or name the KPI as its range is named.',
    };
    const preview = await previewImport(t.db, ws.id, { fileName: 'globex.xlsx', bytes });
    expect(preview.issues).toEqual([warning]);
    const report = await importBook(unranged);
    expect(report.issues).toEqual([warning]);
    expect(report.changes[0].health.after).toEqual(expect.any(Number));

    // October: only the unranged KPI has a value, so the account has no health for it.
    const none = await importBook(
      [{ name: 'Support & Experience', months: [], rows: [['CSAT', 1, 4.5]] }],
      'csat.xlsx',
      '2025-10',
    );
    expect(none.changes[0].health).toMatchObject({ before: null, after: null });
    expect(formatReport(none)).toContain('  Globex Analytics: no health score for 2025-10');
  });

  it('the command line lists the first 50 accounts of a large report, the most changed first, and counts the rest', () => {
    const change = (i: number, statusAfter: 'Healthy' | 'Critical') => ({
      accountId: i,
      accountName: `A${i}`,
      created: true,
      version: 1,
      health: { before: null, after: 50, statusBefore: 'Healthy' as const, statusAfter },
      restated: [],
      playbooks: [],
    });
    const report = {
      ...emptyReport,
      uploads: Array.from({ length: 60 }, (_, i) => ({
        uploadId: i,
        accountId: i,
        accountName: `A${i}`,
        version: 1,
        kpis: 1,
        values: 1,
      })),
      accountsCreated: Array.from({ length: 60 }, (_, i) => `A${i}`),
      changes: Array.from({ length: 60 }, (_, i) => change(i, i === 59 ? 'Critical' : 'Healthy')),
    };
    const lines = formatReport(report);
    expect(lines.filter((l) => /^ {2}account A\d+: version/.test(l))).toHaveLength(50);
    expect(lines).toContain('  ... and 10 more accounts stored (--json lists every upload)');
    expect(lines.find((l) => l.startsWith('  accounts created:'))).toMatch(/, A49, \.\.\. \(60 accounts\)$/);
    const health = lines.filter((l) => / {2}A\d+: health for/.test(l));
    expect(health).toHaveLength(50);
    // The account whose status fell comes first.
    expect(health[0]).toMatch(/^ {2}A59: health for 2025-09 .*status Healthy -> Critical$/);
    expect(lines).toContain('  ... and 10 more accounts (--json lists every account)');
  });

  it('an identical value written again is not a change', async () => {
    await importBook(sheets(4.5));
    // The same values in another file (a note row added): written as version 2, nothing restated.
    const copy = sheets(4.5);
    copy[0].rows.push(['Source: CRM export'] as unknown as TitledSheet['rows'][number]);
    const again = await importBook(copy, 'globex-copy.xlsx');
    expect(again.alreadyImported).toBe(false);
    expect(again.changes[0].restated).toEqual([]);
    expect(again.changes[0].health.before).toBe(again.changes[0].health.after);
  });

  it('names the playbooks whose trigger holds now and did not before', async () => {
    const quiet = await importBook(sheets(4.5, {}, 80));
    expect(quiet.changes[0].playbooks.map((p) => p.playbookId)).not.toContain('voc-sprint');
    const low = await importBook(sheets(3.1, {}, 80), 'globex-low-csat.xlsx');
    const voc = low.changes[0].playbooks.find((p) => p.playbookId === 'voc-sprint');
    expect(voc).toMatchObject({ started: false });
    expect(voc?.reason).toContain('CSAT Score 3.1 < 3.6');
    // Still firing on the next import: not "now" any more.
    const still = await importBook(sheets(3.0, {}, 80), 'globex-lower-csat.xlsx');
    expect(still.changes[0].playbooks.map((p) => p.playbookId)).not.toContain('voc-sprint');
  });

  it("names the month a playbook's trigger read when it is not the import's period", async () => {
    const nps = (data: number | null): TitledSheet[] => [
      { name: 'Relationship Strength', months: ['Aug 2025'], rows: [['NPS Score', 1, data, 5]] },
    ];
    // With the period's own data, the reason is the trigger's own.
    const own = await importBook(nps(4));
    expect(own.changes[0].playbooks.find((p) => p.playbookId === 'voc-sprint')?.reason).toBe('NPS Score 4 < 10');
    // September's Data empty: the latest scored month, which triggers read, is August, and the report says so.
    const initech = createAccount(t.db, ws.id, { name: 'Initech' }).id;
    const r = await commitImport(t.db, session, {
      fileName: 'initech.xlsx',
      bytes: await titledWorkbook(nps(null)),
      period: '2025-09',
      accountId: initech,
    });
    expect(r.changes[0].health).toMatchObject({ before: null, after: null });
    expect(r.changes[0].playbooks.find((p) => p.playbookId === 'voc-sprint')?.reason).toBe(
      'NPS Score 5 < 10 (data of 2025-08)',
    );
  });

  it('says a playbook was started only when this import started it', async () => {
    updateTrigger(t.db, ws.id, { type: 'voc', autoTrigger: true });
    await importBook(sheets(4.5, {}, 80));
    const low = await importBook(sheets(3.1, {}, 80), 'globex-low-csat.xlsx');
    expect(low.changes[0].playbooks.find((p) => p.playbookId === 'voc-sprint')).toMatchObject({ started: true });

    // Another account whose VoC Sprint runs already (started by hand while it was quiet): when the
    // import makes its trigger hold, the playbook fires but this import started nothing.
    const initech = createAccount(t.db, ws.id, { name: 'Initech' }).id;
    const importInitech = async (csat: number, fileName: string) =>
      commitImport(t.db, session, {
        fileName,
        bytes: await titledWorkbook(sheets(csat, {}, 80)),
        period: '2025-09',
        accountId: initech,
      });
    await importInitech(4.5, 'initech.xlsx');
    startExecution(t.db, ws.id, { accountId: initech, playbookId: 'voc-sprint' });
    const running = await importInitech(3.1, 'initech-low-csat.xlsx');
    expect(running.changes[0].playbooks.find((p) => p.playbookId === 'voc-sprint')).toMatchObject({ started: false });
  });

  it('says when and by whom the identical file was imported', async () => {
    // The same bytes twice: exceljs stamps each file it writes with the time, so two writes differ across a second.
    const bytes = await titledWorkbook(sheets(4.5));
    const importBytes = () =>
      commitImport(t.db, session, { fileName: 'globex.xlsx', bytes, period: '2025-09', accountId: globex });
    await importBytes();
    const again = await importBytes();
    expect(again.alreadyImported).toBe(true);
    expect(again.changes).toEqual([]);
    expect(again.skippedAccounts).toEqual([
      {
        name: 'Globex Analytics',
        reason: expect.stringMatching(/^already imported as version 1 on \d{4}-\d\d-\d\d \d\d:\d\d by Me$/),
        version: 1,
        uploadedAt: expect.any(String),
        userName: 'Me',
      },
    ]);
  });

  it('never reuses a version: after deleting v2 the next upload is v3', async () => {
    const v1 = await importBook(sheets(4.5), 'a.xlsx');
    const v2 = await importBook(sheets(4.4), 'b.xlsx');
    expect([v1.uploads[0].version, v2.uploads[0].version]).toEqual([1, 2]);
    deleteUpload(t.db, ws.id, v2.uploads[0].uploadId);
    const v3 = await importBook(sheets(4.3), 'c.xlsx');
    expect(v3.uploads[0].version).toBe(3);
    deleteUpload(t.db, ws.id, v3.uploads[0].uploadId);
    deleteUpload(t.db, ws.id, v1.uploads[0].uploadId);
    expect((await importBook(sheets(4.2), 'd.xlsx')).uploads[0].version).toBe(4);
  });

  it('lists the accounts created by the import among the changes', async () => {
    const r = await commitImport(t.db, session, {
      fileName: 'initech.xlsx',
      bytes: await titledWorkbook(sheets(4.5)),
      period: '2025-09',
      newAccountName: 'Initech',
      createAccounts: true,
    });
    expect(r.accountsCreated).toEqual(['Initech']);
    expect(r.changes).toMatchObject([{ accountName: 'Initech', created: true, version: 1 }]);
  });

  it('in a roll-up, each account’s restated months are its own: found as the account is written and scored', async () => {
    const rollup = createWorkspace(t.db, { name: 'R', mode: 'account_rollup' });
    const who = { customerId: rollup.id, userId: defaultUserId(t.db, rollup.id) };
    const csv = (rows: string[]) =>
      new TextEncoder().encode(
        [
          'Account,Category,KPI Parameter,Weight,Data,Jun 2025,Jul 2025',
          ...rows.map((r) => r.replace(',', ',Relationship Strength,')),
        ].join('\n'),
      );
    const file = (name: string, rows: string[]) => ({ fileName: name, bytes: csv(rows), period: '2025-08' });
    await commitImport(t.db, who, {
      ...file('v1.csv', [
        'Acme,NPS Score,50%,30,20,25',
        'Acme,CSAT Score,50%,4.2,4.0,4.1',
        'Beta,NPS Score,100%,40,35,38',
      ]),
      createAccounts: true,
    });
    // Acme's July NPS restated (25 -> 45) and its August Data changed; Beta's values written again as they were.
    const second = await commitImport(t.db, who, {
      ...file('v2.csv', [
        'Acme,NPS Score,50%,31,20,45',
        'Acme,CSAT Score,50%,4.2,4.0,4.1',
        'Beta,NPS Score,100%,40,35,38',
        'Gamma,NPS Score,100%,10,10,10',
      ]),
      createAccounts: true,
    });
    const byName = new Map(second.changes.map((c) => [c.accountName, c]));
    expect(byName.get('Acme')?.restated).toMatchObject([
      { month: '2025-07', values: 1, examples: [{ kpi: 'NPS Score', from: 25, to: 45 }] },
      { month: '2025-08', values: 1, examples: [{ kpi: 'NPS Score', from: 30, to: 31 }] },
    ]);
    expect(byName.get('Beta')?.restated).toEqual([]);
    expect(byName.get('Gamma')).toMatchObject({ created: true, version: 1, restated: [] });
    expect(byName.get('Acme')?.health.before).toEqual(expect.any(Number));
  });
});
