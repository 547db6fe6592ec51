import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startWebServer } from '../../main/web/server';
import { createWorkspace, expect, shot, test } from './fixtures';

test('Settings → Backups: back up now, then restore; the window shows the restored data without a restart', async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Acme');
  expect((await app.backend.invoke('accounts.create', { name: 'First Account' })).ok).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Backups' });
  await expect(card.getByText('No backups yet.')).toBeVisible();
  await card.getByRole('button', { name: 'Back up now' }).click();
  const table = card.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Made by hand');
  await expect(table.getByRole('row').nth(1)).toContainText('Acme');

  // a change after the backup, which the restore takes away
  expect((await app.backend.invoke('accounts.create', { name: 'Added Later' })).ok).toBe(true);
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByText('Added Later')).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();

  await table.getByRole('button', { name: /^Restore the backup of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('The current database is backed up first');
  await shot(page, 'backups-restore-confirm');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText(/^Restored\. The database as it was before is kept as/)).toBeVisible();
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByText('First Account')).toBeVisible();
  await expect(page.getByText('Added Later')).toHaveCount(0);
  // the file as it was before the restore is listed as a backup of its own
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'Before a restore' })).toHaveCount(1);
});

base('a damaged database at start: the window says so and restores the newest good backup', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-'));
  const file = path.join(dir, 'e2e.db');
  try {
    const first = await startWebServer({ dbFile: file });
    expect((await first.backend.invoke('workspaces.create', { name: 'Acme' })).ok).toBe(true);
    expect((await first.backend.invoke('accounts.create', { name: 'Kept Account' })).ok).toBe(true);
    expect((await first.backend.invoke('backups.create', {})).ok).toBe(true);
    await first.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096, 8192); // wreck the second page
    fs.writeFileSync(file, bytes);

    const app = await startWebServer({ dbFile: file });
    try {
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: 'The database cannot be opened' })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('e2e.db is damaged');
      const offer = page.getByRole('region', { name: 'Newest good backup' });
      await expect(offer).toContainText('Acme');
      await shot(page, 'backups-recovery');
      expect(fs.readFileSync(file).equals(bytes)).toBe(true); // untouched, not replaced by an empty file
      await offer.getByRole('button', { name: 'Restore this backup…' }).click();
      await page
        .getByRole('dialog', { name: 'Restore this backup?' })
        .getByRole('button', { name: 'Restore', exact: true })
        .click();
      await expect(page.getByLabel('Workspace', { exact: true })).toHaveValue(/\d+/);
      await page.getByRole('button', { name: 'Accounts' }).click();
      await expect(page.getByText('Kept Account')).toBeVisible();
      expect(fs.readdirSync(dir).some((f) => f.startsWith('e2e.db.damaged-'))).toBe(true);
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
