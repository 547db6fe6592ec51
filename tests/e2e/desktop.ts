import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type ElectronApplication, _electron as electron, type Page } from '@playwright/test';

/**
 * How tests/e2e/electron.spec.ts starts the desktop app: from the sources' build with the Electron
 * binary of node_modules (development), or the packaged app named by KPI_E2E_APP (the release
 * workflow: release/linux-unpacked/kpi-dashboard, release/win-unpacked/KPI Dashboard.exe, or the
 * executable inside KPI Dashboard.app). The packaged app's fuses turn --inspect off, so Playwright
 * cannot drive its main process: it is reached over Chromium's DevTools protocol instead, and the
 * checks that need the main process use what a user can do (a keyboard shortcut) or are skipped.
 */
export const ROOT = path.resolve(__dirname, '../..');

export type Target =
  | { kind: 'dev'; bin: string }
  | { kind: 'packaged'; exe: string }
  | { kind: 'missing'; reason: string };

/**
 * The Electron binary if it is installed. Not `require('electron')`: that downloads the binary
 * when it is missing, and a test must not reach the network.
 */
function electronBinary(): string | null {
  const dir = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

export function desktopTarget(): Target {
  const packaged = process.env.KPI_E2E_APP;
  if (packaged) {
    return fs.existsSync(packaged)
      ? { kind: 'packaged', exe: packaged }
      : { kind: 'missing', reason: `KPI_E2E_APP names ${packaged}, which does not exist: run \`npm run dist\` first` };
  }
  const bin = electronBinary();
  if (!bin) {
    return {
      kind: 'missing',
      reason:
        'the Electron binary is not installed on this machine (it is downloaded on the first `npm start`); the browser preview tests cover the renderer',
    };
  }
  const built = fs.existsSync(path.join(ROOT, 'dist/main/electron.cjs'));
  const native = fs.existsSync(path.join(ROOT, '.electron-native/better_sqlite3.node'));
  if (!built || !native) {
    return {
      kind: 'missing',
      reason: 'the desktop build is missing: run `npm start` once (it builds dist/ and better-sqlite3 for Electron)',
    };
  }
  return { kind: 'dev', bin };
}

/**
 * Linux runners (and root) have no setuid sandbox helper for an unpacked Electron: its renderers
 * run without the OS sandbox there, as Playwright's own Electron launch does. Context isolation
 * and the page's restrictions, which these tests check, do not depend on it.
 */
const LINUX_ARGS = process.platform === 'linux' ? ['--no-sandbox'] : [];

export interface Desktop {
  page: Page;
  /** The main process, in development only (null for the packaged app). */
  main: ElectronApplication | null;
  userData: string;
  /** Starts the app a second time with these arguments; resolves to its exit code. */
  launchAgain(args: string[]): Promise<number | null>;
  /** The number of windows the app has open. */
  windows(): number;
  /** Quits the app (again: nothing); its data folder stays until `dispose`. */
  close(): Promise<void>;
  dispose(): void;
}

export async function launchDesktop(target: Exclude<Target, { kind: 'missing' }>): Promise<Desktop> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-electron-'));
  const env: Record<string, string> = { KPI_USER_DATA: userData };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] ??= v;
  const command = target.kind === 'dev' ? target.bin : target.exe;
  const appArgs = target.kind === 'dev' ? [ROOT] : [];
  const launchAgain = (args: string[]) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(command, [...LINUX_ARGS, ...appArgs, ...args], { env, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill(), 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  const dispose = () => {
    try {
      fs.rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // a helper process still holding a file (Windows): the temp folder stays
    }
  };
  const once = (fn: () => Promise<void>) => {
    let done: Promise<void> | null = null;
    return () => {
      done ??= fn();
      return done;
    };
  };

  if (target.kind === 'dev') {
    const main = await electron.launch({ executablePath: target.bin, args: appArgs, env });
    const page = await main.firstWindow();
    return {
      page,
      main,
      userData,
      launchAgain,
      windows: () => main.windows().length,
      close: once(() => main.close()),
      dispose,
    };
  }
  const child = spawn(target.exe, ['--remote-debugging-port=0', ...LINUX_ARGS], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const browser = await chromium.connectOverCDP(await devtoolsEndpoint(child));
  const page = await appPage(browser);
  return {
    page,
    main: null,
    userData,
    launchAgain,
    windows: () => browser.contexts().flatMap((c) => c.pages()).length,
    close: once(async () => {
      await browser.close().catch(() => undefined);
      // SIGTERM quits Electron as Quit does; Windows has no signals, so its whole process tree goes.
      if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F']);
      else child.kill();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }),
    dispose,
  };
}

/** The DevTools address Chromium prints on stderr when started with --remote-debugging-port=0. */
function devtoolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`The packaged app did not start:\n${seen}`)), 60_000);
    child.stderr?.on('data', (c: Buffer) => {
      seen += c.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`The packaged app ended (exit ${code}):\n${seen}`)));
  });
}

/** The app's page among the DevTools targets, once it has loaded app://kpi/. */
async function appPage(browser: Browser): Promise<Page> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const found = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith('app://kpi/'));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The packaged app showed no page of app://kpi/ within a minute.');
}
