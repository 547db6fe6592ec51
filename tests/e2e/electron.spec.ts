import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * The Electron binary if it is installed. Not `require('electron')`: that downloads the binary
 * when it is missing, and a test must not reach the network.
 */
function electronBinary(): string | null {
  const dir = path.resolve(__dirname, '../../node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

test('the desktop app opens its window with the workspace shell', async () => {
  const bin = electronBinary();
  const built = fs.existsSync(path.resolve(__dirname, '../../dist/main/electron.cjs'));
  const native = fs.existsSync(path.resolve(__dirname, '../../.electron-native/better_sqlite3.node'));
  const reason = !bin
    ? 'the Electron binary is not installed on this machine (it is downloaded on the first `npm start`); the browser preview tests cover the renderer'
    : !built || !native
      ? 'the desktop build is missing: run `npm start` once (it builds dist/ and better-sqlite3 for Electron)'
      : null;
  // Printed as well as recorded, so that the run's output says why.
  if (reason) console.log(`skipped: Electron launch test: ${reason}`);
  test.skip(reason !== null, reason ?? '');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-electron-'));
  const app = await electron.launch({
    executablePath: bin!,
    args: [path.resolve(__dirname, '../..')],
    env: { ...process.env, KPI_DB: path.join(dir, 'desktop.db') },
  });
  const win = await app.firstWindow();
  await expect(win.getByRole('heading', { name: 'Welcome to KPI Dashboard' })).toBeVisible();
  expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
