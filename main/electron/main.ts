import fs from 'node:fs';
import path from 'node:path';
import { app, type BrowserWindow, dialog, Menu, Notification, protocol, session, shell } from 'electron';
import type { MenuAction } from '../../shared/menu';
import { type Backend, startBackend } from '../app';
import { DB_FILE_NAME, LOGS_DIR_NAME } from '../app-data';
import { MAX_FILE_BYTES, REFUSAL_MESSAGES } from '../import/workbook/safety';
import { closeLog, configureLog, log } from '../log';
import { dailyNotice, OPEN_TODAY } from './daily-notice';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { filesFromArgv, OPENABLE_EXTENSIONS } from './open-files';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './protocol';
import { guardContents, lockSession } from './security';
import { createMainWindow, focusWindow } from './window';
import { WindowEvents } from './window-events';

/**
 * The desktop shell, kept thin: the rules live in plain modules beside it (protocol, security,
 * menu, window-state, open-files), each tested without Electron. One instance per user: a second
 * launch hands its files to the first and quits.
 */
const dev = !app.isPackaged;
const mac = process.platform === 'darwin';
// Tests (and anyone who wants a second profile) can give the app its own data folder.
if (process.env.KPI_USER_DATA) app.setPath('userData', path.resolve(process.env.KPI_USER_DATA));
const userData = app.getPath('userData');
const logsDir = path.join(userData, LOGS_DIR_NAME);
const rendererDir = path.join(__dirname, '..', 'renderer');

let backend: Backend | null = null;
let win: BrowserWindow | null = null;
let quitting = false;
const events = new WindowEvents((e) => win?.webContents.send('kpi:event', e));
const refused = (what: string, url: string) => log.warn('refused', { what, url: url.slice(0, 300) });

/** One OS notification a day for overdue steps; its click opens Today (daily-notice.ts). */
const notices = dailyNotice({
  workspace: () => {
    const ctx = backend?.ctx;
    if (!ctx || ctx.damaged || ctx.session.customerId == null || !Notification.isSupported()) return null;
    const { customerId, userId, locked } = ctx.session;
    return { db: ctx.db, customerId, userId, locked };
  },
  notify: (o) => new Notification(o),
  now: () => new Date(),
  openToday: () => {
    showWindow();
    events.post(OPEN_TODAY);
  },
  onError: (error) => log.warn('daily-notice.failed', { error }),
});

/** The window, made if there is none (macOS keeps the app running without one), brought forward. */
function showWindow(): BrowserWindow | null {
  if (!backend) return null; // still starting: the window comes when the backend is up
  if (!win) {
    win = createMainWindow({ stateFile: path.join(userData, 'window-state.json'), onLoading: () => events.reset() });
    win.on('closed', () => {
      win = null;
      events.reset();
    });
  } else focusWindow(win);
  return win;
}

/** Files to open go to the import screen, one after the other, once the window listens. */
async function openFiles(files: string[]): Promise<void> {
  for (const file of files) {
    try {
      const { size } = await fs.promises.stat(file);
      log.info('open-file', { fileName: path.basename(file), sizeBytes: size });
      if (size > MAX_FILE_BYTES) {
        await dialog.showMessageBox({
          type: 'warning',
          message: path.basename(file),
          detail: REFUSAL_MESSAGES['too-large'],
        });
        continue;
      }
      const bytes = new Uint8Array(await fs.promises.readFile(file));
      events.post({ type: 'open-file', name: path.basename(file), bytes });
    } catch (error) {
      log.warn('open-file.failed', { fileName: path.basename(file), error });
      await dialog.showMessageBox({ type: 'warning', message: `${path.basename(file)} could not be read.` });
    }
  }
  if (files.length) showWindow();
}

async function importFromMenu(): Promise<void> {
  const w = showWindow();
  events.post({ type: 'menu', action: 'import' });
  // Without a workspace the window says to create one first; no file is asked for.
  if (!w || backend?.ctx.session.customerId == null) return;
  const extensions = OPENABLE_EXTENSIONS.map((e) => e.slice(1));
  const r = await dialog.showOpenDialog(w, {
    title: 'Import workbook',
    properties: ['openFile'],
    filters: [{ name: 'KPI workbooks', extensions }],
  });
  if (!r.canceled && r.filePaths[0]) await openFiles([r.filePaths[0]]);
}

function about(): void {
  const detail = [
    `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
    `Data: ${userData}`,
  ].join('\n');
  const options = {
    type: 'info' as const,
    title: 'About KPI Dashboard',
    message: `KPI Dashboard ${app.getVersion()}`,
    detail,
  };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** File → Back up now: a backup beside the database, and a sentence saying where. */
async function backupFromMenu(): Promise<void> {
  const r = await backend?.invoke('backups.create', {});
  if (!r) return;
  const message = r.ok ? 'Backed up.' : 'The backup was not made.';
  const detail = r.ok
    ? `${(r.data as { name: string }).name}, in ${path.join(path.dirname(backend?.ctx.dbFile ?? ''), 'backups')}`
    : r.error.message;
  const options = { type: r.ok ? ('info' as const) : ('warning' as const), message, detail };
  await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

function onMenu(action: MenuAction): void {
  if (action === 'import') void importFromMenu();
  else if (action === 'backup') void backupFromMenu();
  else if (action === 'open-logs') void shell.openPath(logsDir);
  else if (action === 'about') about();
  else {
    showWindow();
    events.post({ type: 'menu', action });
  }
}

async function start(): Promise<void> {
  log.info('startup', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    packaged: app.isPackaged,
    userData,
  });
  if (process.platform === 'win32') app.setAppUserModelId('com.kpidashboard.app');
  lockSession(session.defaultSession, { dev, refused });
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
  const dbFile = process.env.KPI_DB ?? path.join(userData, DB_FILE_NAME);
  // The first start of the day backs the file up (beside it, in `backups`), before any migration.
  backend = await startBackend(dbFile, {
    desktop: true,
    nativeBinding: nativeBinding(),
    warmImport: true,
    dailyBackup: true,
  });
  backend.subscribe((event) => win?.webContents.send('kpi:event', event));
  registerIpc({ backend, window: () => win, events });
  app.setAboutPanelOptions({ applicationName: 'KPI Dashboard', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ mac, dev }, onMenu)));
  // The overdue steps' notice once the window is ready, then every hour.
  showWindow()?.once('ready-to-show', () => notices.start());
  await openFiles(filesFromArgv(process.argv, process.cwd()));
}

function nativeBinding(): string | undefined {
  // better-sqlite3 built for Electron's ABI lives apart from the Node build the tests use
  // (scripts/electron-native.mjs); packaged, it ships as a resource.
  const candidates = [
    app.isPackaged ? path.join(process.resourcesPath, 'better_sqlite3.node') : '',
    path.join(__dirname, '..', '..', '.electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => p && fs.existsSync(p));
}

/** Start-up failed (the database cannot be opened or migrated): a sentence, the details in the log. */
function fatal(error: unknown): void {
  log.error('startup.failed', { error });
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('KPI Dashboard cannot start', `${message}\n\nThe details are in the log, in ${logsDir}.`);
  void closeLog().then(() => app.exit(1));
}

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

if (!app.requestSingleInstanceLock()) {
  // Another instance has the lock (and the database): it gets this launch's files and comes forward.
  app.quit();
} else {
  configureLog({ dir: logsDir });
  process.on('uncaughtException', (error) => log.error('uncaught', { error }));
  process.on('unhandledRejection', (error) => log.error('unhandled-rejection', { error }));
  app.enableSandbox();
  app.on('web-contents-created', (_e, contents) => guardContents(contents, { dev, refused }));
  app.on('second-instance', (_e, argv, cwd) => {
    showWindow();
    void openFiles(filesFromArgv(argv, cwd));
  });
  // macOS: "Open with", a drop on the dock icon (also before the app is ready).
  app.on('open-file', (e, file) => {
    e.preventDefault();
    void app.whenReady().then(() => openFiles([file]));
  });
  app.on('activate', () => showWindow());
  // macOS convention: the app stays open when its last window closes.
  app.on('window-all-closed', () => {
    if (!mac) app.quit();
  });
  app.on('will-quit', (e) => {
    if (quitting) return;
    quitting = true;
    e.preventDefault();
    notices.stop();
    log.info('quit');
    void Promise.resolve(backend?.close())
      .catch((error) => log.error('quit.failed', { error }))
      .then(() => closeLog())
      .then(() => app.quit());
  });
  app.whenReady().then(start).catch(fatal);
}
