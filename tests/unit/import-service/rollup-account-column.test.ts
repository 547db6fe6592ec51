import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { commitImport, previewImport } from '../../../main/import/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { AppError } from '../../../shared/errors';
import { kpi } from '../../helpers/cli';
import { tempDb } from '../../helpers/db';

const CSV =
  'Customer,Category,KPI,Data\nGlobex,Business Outcomes,NPS Score,40\nInitech,Business Outcomes,NPS Score,50\n';
const file = (name: string) => ({ fileName: name, bytes: new TextEncoder().encode(CSV) });

describe('a roll-up whose account column is headed "Customer"', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'R', mode: 'account_rollup' });
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const uploads = () => (t.db.raw.prepare('SELECT count(*) n FROM kpi_uploads').get() as { n: number }).n;

  it('names that column and how to use it, in the preview as on commit; mapped once, it imports and is remembered', async () => {
    // Before, the sentence only said the file had no Account column.
    const message =
      'This workspace takes one master workbook with an Account column, and this file has none; its column "Customer" (sheet portfolio) looks like the accounts: map it to Account in the import window\'s columns (remembered for the next file with these headers), or rename the header to Account.';
    const preview = await previewImport(t.db, ws.id, file('portfolio.csv'));
    expect(preview.blocked).toBe(message);
    const session = { customerId: ws.id, userId: null };
    const req = { ...file('portfolio.csv'), period: '2025-09', createAccounts: true };
    await expect(commitImport(t.db, session, req)).rejects.toEqual(new AppError('refused', message));
    expect(uploads()).toBe(0);
    // The column mapped to Account, as the window's columns do.
    const sheet = preview.sheets[0];
    const mapping = sheet.mapping.map((m) => (m.header === 'Customer' ? { ...m, field: 'account' as const } : m));
    const report = await commitImport(t.db, session, { ...req, mappings: { [sheet.name]: mapping } });
    expect(report.uploads.map((u) => u.accountName).sort()).toEqual(['Globex', 'Initech']);
    const next = await previewImport(t.db, ws.id, file('portfolio-oct.csv'));
    expect([next.blocked, next.sheets[0].remembered]).toEqual([null, true]);
  });

  it('names the existing account a new name is but for accents, "&" or spacing, in the preview and on the command line', async () => {
    createAccount(t.db, ws.id, { name: 'Nestlé' });
    createAccount(t.db, ws.id, { name: 'Procter & Gamble' });
    createAccount(t.db, ws.id, { name: 'Globex Analytics' });
    const csv =
      'Account,Category,KPI,Data\nNestle,Business Outcomes,NPS Score,40\nProcter and Gamble,Business Outcomes,NPS Score,50\nGlobexAnalytics,Business Outcomes,NPS Score,45\nInitech,Business Outcomes,NPS Score,30\nnestlé,Business Outcomes,CSAT Score,4\n';
    const preview = await previewImport(t.db, ws.id, { fileName: 'p.csv', bytes: new TextEncoder().encode(csv) });
    // Before, "Nestle" was one more new account beside Nestlé, without a word.
    expect(preview.accounts.map((a) => [a.name, a.existingId != null, a.like])).toEqual([
      ['Nestle', false, 'Nestlé'],
      ['Procter and Gamble', false, 'Procter & Gamble'],
      ['GlobexAnalytics', false, 'Globex Analytics'],
      ['Initech', false, null],
      ['Nestlé', true, null],
    ]);
    const file = path.join(path.dirname(t.file), 'p.csv');
    fs.writeFileSync(file, csv);
    const base = ['import', file, '--db', t.file, '--customer', 'R', '--period', '2025-09'];
    await t.db.close();
    const refused = await kpi(...base);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'Alike but for accents, "&" or spacing: Nestle (R has Nestlé), Procter and Gamble (R has Procter & Gamble), GlobexAnalytics (R has Globex Analytics); write the name as the workspace does to import into that account.',
    );
    const created = await kpi(...base, '--create-accounts');
    expect(created.code).toBe(0);
    expect(created.out).toContain('note: created beside an account alike but for accents, "&" or spacing:');
  });
});
