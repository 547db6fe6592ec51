import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkspace, expect, test } from './fixtures';

/** Issue 13, point 1: a CRM export imported from the Accounts screen, previewed first, all or nothing. */
test('an accounts list is previewed, refused while it has a problem, and imported with the new accounts confirmed', async ({
  appPage: page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-list-'));
  const bad = path.join(dir, 'crm-bad.csv');
  const good = path.join(dir, 'crm.csv');
  fs.writeFileSync(bad, 'Account Name,ARR,Renews on\nInitech,lots,2027-02-30\n');
  fs.writeFileSync(
    good,
    'Account Name,ARR,Renews on,Tier\nInitech,"$90,000",2027-02-28,SMB\nHooli,1200000,2027-06-30,Enterprise\n',
  );

  await createWorkspace(page, 'CRM');
  await page.getByRole('navigation').getByRole('button', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'Import list…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an accounts list' });

  await dialog.getByLabel('File').setInputFiles(bad);
  await expect(dialog.getByRole('list', { name: 'Problems' })).toContainText(
    'Row 2: the revenue "lots" is not an amount.',
  );
  await expect(dialog.getByRole('list', { name: 'Problems' })).toContainText(
    'the renewal date "2027-02-30" is not a date',
  );
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  await dialog.getByLabel('File').setInputFiles(good);
  const rows = dialog.getByRole('table', { name: 'Accounts in the list' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Initech');
  await expect(rows.first()).toContainText('New');
  await expect(rows.first()).toContainText('renewal: – → 2027-02-28');
  // New accounts need a tick before the import button turns on.
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await dialog.getByLabel(/Create 2 new accounts/).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Accounts list imported: 2 created, 0 updated, 0 unchanged.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Hooli' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Initech' })).toBeVisible();
  fs.rmSync(dir, { recursive: true, force: true });
});
