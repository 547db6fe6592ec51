import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startWebServer, type WebServer } from '../../main/web/server';

/** Where screenshots are kept as test artifacts. */
export const SHOTS = path.resolve(__dirname, '../../artifacts/screenshots');
export const SAMPLES = path.resolve(__dirname, '../../../shared/samples');

/**
 * Each test gets the real browser preview: a fresh SQLite file, the real handlers, the built
 * renderer, and a page opened on the URL with its token.
 */
export const test = base.extend<{ app: WebServer; appPage: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern
  app: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-'));
    const server = await startWebServer({ dbFile: path.join(dir, 'e2e.db') });
    await use(server);
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
  appPage: async ({ page, app }, use) => {
    await page.goto(app.url);
    await use(page);
  },
});

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Creates a workspace through the UI. */
export async function createWorkspace(page: Page, name: string, mode: 'corporate' | 'rollup' = 'corporate') {
  const first = page.getByRole('button', { name: 'Create your first workspace' });
  if (await first.isVisible()) await first.click();
  else await page.getByRole('button', { name: 'New workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByLabel('Name').fill(name);
  if (mode === 'rollup') await dialog.getByLabel(/master workbook/).check();
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByLabel('Workspace', { exact: true })).toHaveValue(/\d+/);
}

export { expect };

/** Drops a file on the window as a user dragging it from the desktop would. */
export async function dropFile(page: Page, filePath: string): Promise<void> {
  const b64 = fs.readFileSync(filePath).toString('base64');
  const name = path.basename(filePath);
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      return dt;
    },
    { b64, name },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

/**
 * Imports a workbook through the import screen by dropping it on the window. Corporate files go
 * to `account` (created from the preview when new); roll-up files create their new accounts.
 */
export async function importByDrop(page: Page, filePath: string, options: { account?: string; period?: string } = {}) {
  await dropFile(page, filePath);
  const commit = page.getByRole('button', { name: /^Import [\d,]+ KPIs$/ });
  await expect(commit).toBeVisible();
  if (options.period) await page.getByLabel('Period', { exact: true }).fill(options.period);
  if (options.account) {
    const select = page.getByLabel('Account', { exact: true });
    const existing = select.locator('option', { hasText: options.account });
    if ((await existing.count()) === 0) {
      await page.getByLabel('New account name').fill(options.account);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(select.locator('option:checked')).toHaveText(new RegExp(options.account));
    } else {
      await select.selectOption({ label: (await existing.first().textContent())?.trim() ?? options.account });
    }
  }
  const create = page.getByLabel(/^Create the \d+ new accounts?$/);
  if (await create.isVisible()) await create.check();
  await commit.click();
  await expect(page.getByRole('heading', { name: /Import report|Already imported/ })).toBeVisible({ timeout: 60_000 });
}
