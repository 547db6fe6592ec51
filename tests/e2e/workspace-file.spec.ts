import path from 'node:path';
import { createWorkspace, dropFile, expect, test } from './fixtures';

/** Issue 11, point 4: a workspace exported as an encrypted .kpiw file and added back as a new workspace. */
test('a workspace goes out as an encrypted .kpiw file and comes back as "Name (2)" after its passphrase', async ({
  appPage: page,
}, testInfo) => {
  await createWorkspace(page, 'Handover');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByRole('table', { name: 'Portfolio' }).locator('tbody tr')).toHaveCount(11, { timeout: 60_000 });

  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  const card = page.getByRole('region', { name: 'Workspace file' });
  await card.getByLabel('Encrypt with a passphrase').check();
  await card.getByLabel('Passphrase', { exact: true }).fill('handover 2026');
  await card.getByLabel('Passphrase again').fill('handover 2026');
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Export workspace file…' }).click();
  const file = path.join(testInfo.outputDir, 'handover.kpiw');
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^Handover \d{4}-\d{2}-\d{2}\.kpiw$/);
  await d.saveAs(file);

  // Dropped on the window from another screen, the file goes to this card (not to the importer).
  await page.getByRole('navigation').getByRole('button', { name: 'Accounts', exact: true }).click();
  await dropFile(page, file);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(card.getByLabel('Passphrase of the file')).toBeVisible();
  await card.getByLabel('Passphrase of the file').fill('wrong passphrase');
  await card.getByRole('button', { name: 'Open file' }).click();
  await expect(card.getByRole('alert')).toContainText('the passphrase is wrong or the file was changed');
  await card.getByLabel('Passphrase of the file').fill('handover 2026');
  await card.getByRole('button', { name: 'Open file' }).click();
  await expect(card.getByRole('status')).toContainText('Handover: 11 accounts, 11 uploads, encrypted.');
  await card.getByRole('button', { name: 'Add "Handover (2)"' }).click();
  await expect(page.getByText('Workspace "Handover (2)" added from handover.kpiw and opened.')).toBeVisible();
  await expect(page.getByLabel('Workspace', { exact: true }).locator('option:checked')).toHaveText('Handover (2)');
  await expect(page.getByRole('table', { name: 'Portfolio' }).locator('tbody tr')).toHaveCount(11);
});
