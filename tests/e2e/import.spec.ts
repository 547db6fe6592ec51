import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { createAccount } from '../../main/accounts/service';
import { BANDED_STORED, bandedWorkbook, globexSheets, titledWorkbook } from '../helpers/titled';
import { createWorkspace, dropFile, expect, importByDrop, SAMPLES, shot, test } from './fixtures';

const FIXTURES = path.resolve(__dirname, '../fixtures/messy');

function expectedScores(file: string) {
  return JSON.parse(fs.readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<
    string,
    Record<string, { overall_health_score: number; total_kpis: number; valid_kpis: number }>
  >;
}

test('both samples import by dropping them on the window and reproduce the expected scores', async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Samples');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('Drop a KPI workbook anywhere on this window')).toBeVisible();

  // Import stays off until the account is chosen, and says so beside the button.
  await dropFile(page, path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'));
  await expect(page.getByRole('button', { name: /^Import \d+ KPIs$/ })).toBeDisabled();
  await expect(page.getByText('Choose the account this workbook belongs to, or add it.')).toBeVisible();
  await importByDrop(page, path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'), { account: 'TechCorp Solutions' });
  const sheets = page.getByRole('table', { name: 'Sheets imported' });
  await expect(sheets.getByRole('row')).toHaveCount(6);
  await expect(page.getByText(/TechCorp Solutions \(v1\)/)).toBeVisible();
  // The report takes the focus, its actions beside its heading; the history opens on the account.
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeFocused();
  await expect(page.getByLabel('Account of the upload history')).toHaveValue('TechCorp Solutions');
  await shot(page, 'import-report-techcorp');

  // The roll-up master file, in a workspace switched to roll-up mode.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel(/Account roll-up/).check();
  await expect(page.getByText('Upload mode saved.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  // A file without an Account column is held back in the preview, before anything is tried.
  await dropFile(page, path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'));
  await expect(
    page.getByText(
      'This workspace takes one master workbook with an Account column, and this file has none: add an Account column, or switch the upload mode to corporate in Settings.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import \d+ KPIs$/ })).toBeDisabled();
  await expect(page.getByRole('list', { name: 'Accounts in this file' })).toHaveCount(0);

  await dropFile(page, path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'));
  const chips = page.getByRole('list', { name: 'Accounts in this file' });
  await expect(chips.getByRole('listitem')).toHaveCount(10);
  await expect(chips.getByText('new')).toHaveCount(10);
  await expect(page.getByRole('button', { name: /^Import \d+ KPIs$/ })).toBeDisabled();
  await expect(page.getByText('Tick "Create the 10 new accounts" to import this file.')).toBeVisible();
  await shot(page, 'import-preview-rollup');
  await page.getByLabel('Create the 10 new accounts').check();
  await page.getByRole('button', { name: /^Import \d+ KPIs$/ }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();

  // What was stored: every account-month of both expected files, to 0.01.
  const rows = app.backend.ctx.db.raw
    .prepare(
      `SELECT a.account_name name, printf('%04d-%02d', h.year, h.month) ym, h.overall_health_score s, h.total_kpis t, h.valid_kpis v
       FROM health_trends h JOIN accounts a ON a.account_id = h.account_id`,
    )
    .all() as Array<{ name: string; ym: string; s: number; t: number; v: number }>;
  let checked = 0;
  for (const f of ['techcorp-solutions-2025-09.expected.json', 'acme-rollup-2025-09.expected.json']) {
    for (const [account, months] of Object.entries(expectedScores(f))) {
      for (const [ym, e] of Object.entries(months)) {
        const got = rows.find((r) => r.name === account && r.ym === ym);
        expect(got, `${account} ${ym}`).toBeDefined();
        expect(Math.abs((got?.s ?? 0) - e.overall_health_score)).toBeLessThanOrEqual(0.01);
        expect([got?.t, got?.v]).toEqual([e.total_kpis, e.valid_kpis]);
        checked++;
      }
    }
  }
  expect(checked).toBe(39);

  // The identical file again: recognised, nothing stored twice.
  const uploads = () => (app.backend.ctx.db.raw.prepare('SELECT count(*) n FROM kpi_uploads').get() as { n: number }).n;
  const before = uploads();
  await dropFile(page, path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'));
  // The notice is about the period chosen: the file is held for Sep 2025, not for Aug 2025.
  const held = page.getByText(
    '10 accounts already hold this exact file for Sep 2025: importing it again stores nothing new.',
  );
  await expect(held).toBeVisible();
  await page.getByLabel('Period', { exact: true }).fill('2025-08');
  await expect(held).toBeHidden();
  await expect(page.getByText(/already hold/)).toHaveCount(0);
  await page.getByLabel('Period', { exact: true }).fill('2025-09');
  await expect(held).toBeVisible();
  await page.getByRole('button', { name: /^Import \d+ KPIs$/ }).click();
  await expect(page.getByRole('heading', { name: 'Already imported' })).toBeVisible();
  expect(uploads()).toBe(before);

  // Upload history: the account found by typing its name, versions listed, a version deleted
  // after confirmation, the focus kept in the history.
  await page.getByLabel('Account of the upload history').fill('TechCorp Solutions');
  const history = page.getByRole('table', { name: 'Upload history' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete version 1' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete version 1' }).click();
  await expect(page.getByText('No upload yet for this account.')).toBeFocused();
  const left = app.backend.ctx.db.raw
    .prepare(
      "SELECT count(*) n FROM health_trends h JOIN accounts a USING (account_id) WHERE a.account_name = 'TechCorp Solutions'",
    )
    .get();
  expect(left).toEqual({ n: 0 });

  // The same history on the account's own view, in its Uploads section.
  await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
  await page
    .getByRole('table', { name: 'Portfolio' })
    .getByRole('button', { name: 'ACME Anvils', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Uploads' }).click();
  const own = page.getByRole('table', { name: 'Upload history' });
  await expect(own.getByRole('row')).toHaveCount(2);
  await expect(own.getByRole('cell', { name: 'acme-rollup-2025-09.xlsx' })).toBeVisible();
  await shot(page, 'account-uploads');
});

test('a file that is not a workbook is refused with one clear sentence, and nothing is stored', async ({
  appPage: page,
  app,
}) => {
  // Before any workspace exists a dropped file is not lost without a word.
  await dropFile(page, path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'));
  await expect(page.getByRole('alert')).toHaveText('Create a workspace first, then drop the file again.');
  await expect(page.getByRole('button', { name: 'Create your first workspace' })).toBeFocused();
  await createWorkspace(page, 'Refusals');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  const dump = () => app.backend.ctx.db.raw.serialize();
  const before = dump();
  for (const [file, message] of [
    ['word-renamed.xlsx', /Word document/i],
    ['legacy.xls', /old-style \.xls/i],
    ['encrypted.xlsx', /password/i],
    ['no-kpi-sheet.xlsx', /nothing to import/i],
  ] as const) {
    await dropFile(page, path.join(FIXTURES, file));
    const alert = page.getByRole('alert').filter({ hasText: "This file can't be imported" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(message);
  }
  await shot(page, 'import-refused');
  expect(Buffer.compare(before, dump())).toBe(0);
});

test('corporate mode: a roll-up workbook is held back with a sentence on switching modes, and the account named in the file name is proposed', async ({
  appPage: page,
  app,
}, testInfo) => {
  await createWorkspace(page, 'Corporate');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await dropFile(page, path.join(FIXTURES, 'rollup.xlsx'));
  await expect(
    page.getByText(
      'This file has an Account column with 2 accounts, but this workspace is in corporate mode (one account per file): switch the workspace to roll-up mode in Settings to import each account separately.',
    ),
  ).toBeVisible();
  // An account is chosen, the import stays held back.
  await page.getByLabel('New account name').fill('Acme-West');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByLabel('Account', { exact: true }).locator('option:checked')).toHaveText('Acme-West');
  await expect(page.getByRole('button', { name: /^Import \d+ KPIs$/ })).toBeDisabled();

  // The same words in the file name as in the account's name, whatever the separators.
  const renamed = testInfo.outputPath('Acme_West 2025-09.xlsx');
  fs.copyFileSync(path.join(FIXTURES, 'layout.xlsx'), renamed);
  await dropFile(page, renamed);
  await expect(page.getByLabel('Account', { exact: true }).locator('option:checked')).toHaveText(
    'Acme-West (named in the file name)',
  );

  // A column mapping changed with the keyboard is previewed again in place: the sheet stays open,
  // the select keeps the focus, the preview stays on screen (no progress card), then shows the result.
  await page.locator('summary').filter({ hasText: 'Support & Experience' }).click();
  const weight = page.getByLabel('Column D of Support & Experience imported as');
  await weight.focus();
  await page.keyboard.press('ArrowDown');
  await expect(weight).toHaveValue('data');
  await expect(page.getByText('· updating…')).toBeVisible();
  await expect(page.getByText('· updating…')).toBeHidden();
  await expect(weight).toBeFocused();
  await expect(weight).toHaveValue('data');
  await expect(page.getByRole('table', { name: 'Columns of Support & Experience' })).toBeVisible();
  await expect(page.getByText(/The columns D \("Weight"\) and E \("Actual"\) both mean Data/)).toBeVisible();
  await expect(page.locator('.progress-card')).toHaveCount(0);
  await page.keyboard.press('ArrowUp');
  await expect(weight).toHaveValue('weight');
  await expect(page.getByText(/both mean Data/)).toBeHidden();
  await expect(weight).toBeFocused();
  await page.getByRole('button', { name: /^Import \d+ KPIs$/ }).click();
  await expect(page.getByText(/Acme-West \(v1\)/)).toBeVisible();
  const stored = app.backend.ctx.db.raw
    .prepare(
      'SELECT a.account_name name, u.original_filename file FROM kpi_uploads u JOIN accounts a USING (account_id)',
    )
    .all();
  expect(stored).toEqual([{ name: 'Acme-West', file: 'Acme_West 2025-09.xlsx' }]);
});

test('a hand-kept workbook: the period from its title on a month picker, its new account offered, a report of what changed', async ({
  appPage: page,
  app,
}) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-')), 'Globex scorecard.xlsx');
  fs.writeFileSync(file, await titledWorkbook(globexSheets()));
  await createWorkspace(page, 'Hand-kept');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await dropFile(page, file);
  const period = page.getByLabel('Period', { exact: true });
  await expect(period).toHaveValue('2025-09');
  await expect(period).toHaveAttribute('type', 'month');
  await expect(
    page.getByText('Period September 2025: from "data as of 28 Sep 2025" on sheet Relationship Strength.'),
  ).toBeVisible();
  const account = page.locator('#import-account');
  await expect(account).toHaveValue('new');
  await expect(account.locator('option:checked')).toHaveText(
    'Add Globex Analytics (a new account, named in the title rows)',
  );
  // Any month can be chosen, and the sentence says what the file suggests.
  await period.fill('2024-12');
  await expect(page.getByText(/^You chose Dec 2024\. The file suggests Sep 2025/)).toBeVisible();
  await period.fill('2025-09');
  await page.getByRole('button', { name: /^Import \d+ KPIs$/ }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  const changes = page.getByRole('table', { name: 'What changed per account' });
  await expect(changes.getByRole('row')).toHaveCount(2);
  await expect(changes.getByText('Globex Analytics')).toBeVisible();
  await expect(changes.getByText('new')).toBeVisible();
  // No timings in the window.
  await expect(page.getByText(/reading \d+(\.\d)? s/)).toHaveCount(0);
  const stored = app.backend.ctx.db.raw
    .prepare('SELECT a.account_name n, u.period_month m FROM kpi_uploads u JOIN accounts a USING (account_id)')
    .all();
  expect(stored).toEqual([{ n: 'Globex Analytics', m: 9 }]);
});

test('a sheet whose header row comes near one is shown with its columns: choosing the KPI column imports it', async ({
  appPage: page,
  app,
}) => {
  // A CSV whose KPI names are headed "Metric Name", which the contract does not name.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-')), 'initech.csv');
  fs.writeFileSync(file, 'Metric Name,Weight,Aug 2025,Sep 2025\nNPS Score,0.3,40,45\nCSAT Score,0.5,4.1,4.4\n');
  await createWorkspace(page, 'Near');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await dropFile(page, file);
  await expect(
    page.getByText(
      'No sheet in this file is a KPI sheet as it is: choose below what the columns of initech hold, or correct the workbook.',
    ),
  ).toBeVisible();
  await expect(page.getByText(/This sheet is not imported: row 1 has value columns/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import \d+ KPIs?$/ })).toBeDisabled();
  // No sheet read yet: no period or account to offer.
  await expect(page.getByLabel('Period', { exact: true })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.getByLabel('Column A of initech imported as').selectOption('kpi_parameter');
  await page.getByLabel('Column A of initech imported as').blur();
  // The sheet is a KPI sheet now: its two KPIs, the period from its month columns.
  await expect(page.getByRole('button', { name: 'Import 2 KPIs' })).toBeVisible();
  await expect(page.getByText(/This sheet is not imported/)).toHaveCount(0);
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue('2025-09');
  // With no Data column, the first rows show what each stores for the period: its month column.
  const sample = page.getByRole('table', { name: 'First rows of initech' });
  await expect(sample.getByRole('columnheader', { name: 'Value for Sep 2025' })).toBeVisible();
  await expect(sample.getByRole('row')).toHaveText([/Value for Sep 2025/, /NPS Score\s*45$/, /CSAT Score\s*4\.4$/]);
  await page.getByLabel('Period', { exact: true }).fill('2025-08');
  await expect(sample.getByRole('row')).toHaveText([/Value for Aug 2025/, /NPS Score\s*40$/, /CSAT Score\s*4\.1$/]);
  await page.getByLabel('Period', { exact: true }).fill('2025-09');
  await page.getByLabel('New account name').fill('Initech');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Import 2 KPIs' })).toBeEnabled();
  await page.getByRole('button', { name: 'Import 2 KPIs' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  await shot(page, 'import-near-sheet');
  const stored = app.backend.ctx.db.raw
    .prepare(
      'SELECT k.kpi_parameter n, ts.month m, ts.value v FROM kpi_time_series ts JOIN kpis k USING (kpi_id) ORDER BY n, m',
    )
    .all();
  expect(stored).toEqual([
    { n: 'CSAT Score', m: 8, v: 4.1 },
    { n: 'CSAT Score', m: 9, v: 4.4 },
    { n: 'NPS Score', m: 8, v: 40 },
    { n: 'NPS Score', m: 9, v: 45 },
  ]);
});

test("a European Excel's CSV with months headed without their year: the year from its title, every decimal comma a number", async ({
  appPage: page,
  app,
}) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-')), 'initech.csv');
  fs.writeFileSync(
    file,
    '\ufeffInitech KPIs 2025\r\nKPI;Data;Weight;Jan;Feb;Mar\r\nNPS Score;45,5;30%;40,5;41;42,25\r\nCSAT Score;4,4;50%;4,1;4,2;4,3\r\n',
  );
  await createWorkspace(page, 'European');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await dropFile(page, file);
  // Jan to Mar of 2025, and Data (different from March) the month after them.
  await expect(page.getByText('1 KPI sheet, 2 KPI rows, months Jan 2025 to Mar 2025.')).toBeVisible();
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue('2025-04');
  await page.locator('summary', { hasText: '3 month columns' }).click();
  await expect(page.getByLabel('Column D of initech imported as')).toHaveValue('month');
  const sample = page.getByRole('table', { name: 'First rows of initech' });
  // The Data cell as read, and the value it stores for the period.
  await expect(sample.getByRole('row')).toHaveText([
    /Value for Apr 2025/,
    /NPS Score\s*45,5\s*45\.5$/,
    /CSAT Score\s*4,4\s*4\.4$/,
  ]);
  await expect(page.getByText(/not a number|without a year/)).toHaveCount(0);
  await page.getByLabel('New account name').fill('Initech');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Import 2 KPIs' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  const stored = app.backend.ctx.db.raw
    .prepare(
      'SELECT k.kpi_parameter n, ts.year * 100 + ts.month ym, ts.value v FROM kpi_time_series ts JOIN kpis k USING (kpi_id) ORDER BY n, ym',
    )
    .all();
  expect(stored).toEqual([
    { n: 'CSAT Score', ym: 202501, v: 4.1 },
    { n: 'CSAT Score', ym: 202502, v: 4.2 },
    { n: 'CSAT Score', ym: 202503, v: 4.3 },
    { n: 'CSAT Score', ym: 202504, v: 4.4 },
    { n: 'NPS Score', ym: 202501, v: 40.5 },
    { n: 'NPS Score', ym: 202502, v: 41 },
    { n: 'NPS Score', ym: 202503, v: 42.25 },
    { n: 'NPS Score', ym: 202504, v: 45.5 },
  ]);
});

test('a title naming "Hooli" where "Hooli Inc" is an account: no new account chosen unasked, the like one a click away', async ({
  appPage: page,
  app,
}) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-')), 'scorecard.xlsx');
  const sheets = globexSheets();
  sheets[0].titles = ['KPI Scorecard', 'Account: Hooli', 'data as of 28 Sep 2025'];
  fs.writeFileSync(file, await titledWorkbook(sheets));
  await createWorkspace(page, 'Like names');
  const { db, session } = app.backend.ctx;
  createAccount(db, session.customerId as number, { name: 'Hooli Inc' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await dropFile(page, file);
  const account = page.locator('#import-account');
  await expect(page.getByText('The title names Hooli; Hooli Inc is in this workspace already.')).toBeVisible();
  await expect(account).toHaveValue('');
  await expect(page.getByRole('button', { name: /^Import \d+ KPIs$/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Use Hooli Inc' }).click();
  await expect(account.locator('option:checked')).toHaveText('Hooli Inc');
  await page.getByRole('button', { name: /^Import \d+ KPIs$/ }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  const stored = db.raw.prepare('SELECT a.account_name n FROM kpi_uploads u JOIN accounts a USING (account_id)').all();
  expect(stored).toEqual([{ n: 'Hooli Inc' }]);
});

test('a roll-up whose accounts are headed "Customer": the sentence names the column, mapping it to Account imports the file', async ({
  appPage: page,
  app,
}) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-')), 'portfolio.csv');
  fs.writeFileSync(
    file,
    'Customer,Category,KPI,Data\nGlobex,Business Outcomes,NPS Score,40\nInitech,Business Outcomes,NPS Score,50\n',
  );
  await createWorkspace(page, 'Portfolio', 'rollup');
  // An account whose name is the file's "Initech" but for an accent: the chip says so before it is created.
  const { db, session } = app.backend.ctx;
  createAccount(db, session.customerId as number, { name: 'Inítech' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await dropFile(page, file);
  await expect(
    page.getByText(/its column "Customer" \(sheet portfolio\) looks like the accounts: map it to Account/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import \d+ KPIs?$/ })).toBeDisabled();
  await page.getByLabel('Column A of portfolio imported as').selectOption('account');
  await page.getByLabel('Column A of portfolio imported as').blur();
  const chips = page.getByRole('list', { name: 'Accounts in this file' });
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await expect(chips.getByRole('listitem').filter({ hasText: 'Initech' })).toHaveText(
    /Initech\s*new\s*\(like Inítech\)/,
  );
  await expect(page.getByText(/looks like the accounts/)).toHaveCount(0);
  await page.getByLabel('Create the 2 new accounts').check();
  await page.getByRole('button', { name: 'Import 2 KPIs' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  const stored = app.backend.ctx.db.raw
    .prepare(
      'SELECT a.account_name n, ts.value v FROM kpi_time_series ts JOIN accounts a USING (account_id) ORDER BY n',
    )
    .all();
  expect(stored).toEqual([
    { n: 'Globex', v: 40 },
    { n: 'Initech', v: 50 },
  ]);
});

test('a scorecard with the company over its title and a row of years over its months: the account offered, every month in its year', async ({
  appPage: page,
  app,
}) => {
  // As hand-kept: the company's name in A1, the title under it, "2025" merged over Aug to Dec and
  // "2026" over Jan and Feb, the months written without their year.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-')), 'scorecard.xlsx');
  fs.writeFileSync(file, await bandedWorkbook(['Initech', 'Customer Health Scorecard']));
  await createWorkspace(page, 'Banded');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await dropFile(page, file);
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue('2026-02');
  const account = page.locator('#import-account');
  await expect(account).toHaveValue('new');
  await expect(account.locator('option:checked')).toHaveText('Add Initech (a new account, named in the title rows)');
  await page.getByRole('button', { name: 'Import 1 KPI' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  const stored = app.backend.ctx.db.raw
    .prepare('SELECT year * 100 + month ym, value FROM kpi_time_series ORDER BY ym')
    .all() as Array<{ ym: number; value: number }>;
  expect(stored.map((s) => `${s.ym}:${s.value}`)).toEqual(BANDED_STORED);
});
