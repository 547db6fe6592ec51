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
