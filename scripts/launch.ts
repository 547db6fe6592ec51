import { type SpawnSyncOptions, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_NAME, appDataDir, DB_FILE_NAME, LOGS_DIR_NAME } from '../main/app-data';
import { configureLog, log } from '../main/log';
import { startWebServer, type WebServer } from '../main/web/server';

/**
 * `npm start` after the build: opens the desktop window where Electron can run, else the same app
 * in the browser preview. Getting Electron ready (its binary, better-sqlite3 built for it) needs
 * the network on the first start; where that fails, the tools' own output goes to a log file, one
 * sentence says what happened and where that log is, and the preview is served on the database the
 * window would use, so that `npm install && npm start` always ends with the app open.
 */

export const ROOT = path.resolve(__dirname, '..');
/** The preview's port unless `--port N` says otherwise; a busy port falls back to a free one. */
export const DEFAULT_PORT = 5180;

export interface StartOptions {
  port: number;
  /** Given explicitly: a busy port is an error then, not a reason to pick another. */
  portGiven: boolean;
  /** Passed on to Electron (e.g. a workbook to open). */
  electronArgs: string[];
}

export function parseStartArgs(argv: string[]): StartOptions {
  const rest = [...argv];
  const i = rest.indexOf('--port');
  if (i < 0) return { port: DEFAULT_PORT, portGiven: false, electronArgs: rest };
  const port = Number(rest[i + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a number from 0 to 65535');
  rest.splice(i, 2);
  return { port, portGiven: true, electronArgs: rest };
}

/** The executable inside Electron's download for a system (as the electron package names it). */
export function electronPlatformPath(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The Electron binary if it is there, found as the electron package itself finds it (its
 * path.txt, or ELECTRON_OVERRIDE_DIST_PATH), without `require('electron')`, which would start a
 * download with its output on the screen.
 */
export function electronExecutable(electronDir: string, env: NodeJS.ProcessEnv, platform = process.platform) {
  const pathFile = path.join(electronDir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const bin = override
    ? path.join(override, rel || electronPlatformPath(platform))
    : rel
      ? path.join(electronDir, 'dist', rel)
      : null;
  return bin && fs.existsSync(bin) ? bin : null;
}

export type Blocker = 'download' | 'native' | 'display' | 'root';

/**
 * Why Electron cannot show a window on this machine even with its binary there: Linux without a
 * display, or as root (Chromium's sandbox refuses to start, and the app does not turn it off).
 */
export function desktopBlocker(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, uid: number | null): Blocker | null {
  if (platform !== 'linux') return null;
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'display';
  if (uid === 0) return 'root';
  return null;
}

const BECAUSE: Record<Blocker, string> = {
  download: 'the Electron binary could not be downloaded',
  native: 'better-sqlite3 could not be built for Electron',
  display: 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)',
  root: "it runs as root, where Chromium's sandbox does not start",
};

/** The one sentence `npm start` says when it serves the browser preview instead of the window. */
export function fallbackSentence(blocker: Blocker, logPath: string): string {
  const details = blocker === 'download' || blocker === 'native' ? ` (details in ${logPath})` : '';
  return `The desktop window cannot open here because ${BECAUSE[blocker]}${details}, so ${APP_NAME} runs in your browser instead:`;
}

/** Runs a tool with its output appended to the log file; true when it succeeded. */
function runLogged(logPath: string, command: string, args: string[], options: SpawnSyncOptions = {}): boolean {
  fs.appendFileSync(logPath, `\n$ ${[command, ...args].join(' ')}\n`);
  const fd = fs.openSync(logPath, 'a');
  try {
    const r = spawnSync(command, args, { cwd: ROOT, ...options, stdio: ['ignore', fd, fd] });
    if (r.error) fs.appendFileSync(logPath, `${r.error.message}\n`);
    fs.appendFileSync(logPath, `(exit ${r.status ?? r.signal ?? 'error'})\n`);
    return r.status === 0;
  } finally {
    fs.closeSync(fd);
  }
}

interface Host {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  uid: number | null;
  logPath: string;
}

/** Gets Electron and its better-sqlite3 ready: the binary, or why the window cannot open. */
export function prepareDesktop(host: Host): { bin: string } | { blocker: Blocker } {
  const electronDir = path.join(ROOT, 'node_modules', 'electron');
  let bin = electronExecutable(electronDir, host.env, host.platform);
  if (!bin) {
    console.log('Downloading Electron (once, about 100 MB)...');
    runLogged(host.logPath, process.execPath, [path.join(electronDir, 'install.js')], { env: host.env });
    bin = electronExecutable(electronDir, host.env, host.platform);
    if (!bin) return { blocker: 'download' };
  }
  // No need to build better-sqlite3 for a window that cannot open.
  const blocker = desktopBlocker(host.platform, host.env, host.uid);
  if (blocker) return { blocker };
  if (!fs.existsSync(path.join(ROOT, '.electron-native', 'better_sqlite3.node')))
    console.log('Making better-sqlite3 for Electron (once, up to a few minutes)...');
  const native = [path.join(ROOT, 'scripts', 'electron-native.mjs')];
  if (!runLogged(host.logPath, process.execPath, native, { env: host.env })) return { blocker: 'native' };
  return { bin };
}

/** Opens the desktop window; resolves to Electron's exit code. */
function runElectron(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { ELECTRON_RUN_AS_NODE: _asNode, ...rest } = env;
  const child = spawn(bin, [ROOT, ...args], { stdio: 'inherit', env: rest });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/** The browser preview on the desktop app's database, on the port asked for (or a free one). */
export async function servePreview(dataDir: string, options: StartOptions): Promise<WebServer> {
  const dbFile = path.join(dataDir, DB_FILE_NAME);
  const rendererDir = path.join(ROOT, 'dist', 'renderer');
  let server: WebServer;
  try {
    server = await startWebServer({ dbFile, port: options.port, rendererDir });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.portGiven) throw e;
    server = await startWebServer({ dbFile, port: 0, rendererDir });
  }
  log.info('startup', { mode: 'browser preview', db: dbFile, port: server.port });
  console.log(`${APP_NAME} (browser preview) on ${dbFile}; open:`);
  console.log(server.url);
  console.log('Stop it with Ctrl+C.');
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}

export async function start(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number | null> {
  const options = parseStartArgs(argv);
  const dataDir = appDataDir({ platform: process.platform, env, home: os.homedir() });
  const logsDir = path.join(dataDir, LOGS_DIR_NAME);
  fs.mkdirSync(logsDir, { recursive: true });
  const logPath = path.join(logsDir, 'npm-start.log');
  fs.writeFileSync(logPath, `npm start, ${new Date().toISOString()}: getting Electron ready\n`);
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const ready = prepareDesktop({ env, platform: process.platform, uid, logPath });
  if ('bin' in ready) return runElectron(ready.bin, options.electronArgs, env);
  console.log(fallbackSentence(ready.blocker, logPath));
  configureLog({ dir: logsDir });
  log.warn('desktop.unavailable', { blocker: ready.blocker, details: logPath });
  await servePreview(dataDir, options);
  return null; // serving until stopped
}
