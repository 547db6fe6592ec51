import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, type IpcMainInvokeEvent, ipcMain, session } from 'electron';
import { type DesktopChannel, type DesktopInput, desktopContract } from '../../shared/contract';
import { type Backend, startBackend } from '../app';

/**
 * The desktop shell: one window, context isolation and the sandbox on, no Node in the renderer,
 * no network, and every IPC message checked to come from our own page before it is dispatched.
 */
let backend: Backend | null = null;
let win: BrowserWindow | null = null;

const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

function nativeBinding(): string | undefined {
  // better-sqlite3 built for Electron's ABI lives apart from the Node build the tests use
  // (scripts/electron-native.mjs); packaged, it ships as a resource.
  const candidates = [
    app.isPackaged ? path.join(process.resourcesPath, 'better_sqlite3.node') : '',
    path.join(__dirname, '..', '..', '.electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => p && fs.existsSync(p));
}

/** The app's own window, its top frame (not an iframe in it), showing the app's own page. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    !!win &&
    event.sender === win.webContents &&
    !!frame &&
    frame.parent === null &&
    frame.url.split('?')[0].split('#')[0] === rendererUrl
  );
}

const REFUSED = { ok: false, error: { code: 'forbidden', message: 'Refused: not the app window.' } } as const;

/** A desktop-only request's payload, checked against its contract entry, from the app's own window only. */
function desktopRequest<C extends DesktopChannel>(
  event: IpcMainInvokeEvent,
  channel: C,
  payload: unknown,
): DesktopInput<C> | null {
  if (!trustedSender(event)) return null;
  const parsed = desktopContract[channel].input.safeParse(payload);
  return parsed.success ? (parsed.data as DesktopInput<C>) : null;
}

/** Asks where to save a file the app made, and writes it there. */
async function saveAs(fileName: string, bytes: Uint8Array) {
  const { canceled, filePath } = await dialog.showSaveDialog(win!, { defaultPath: path.basename(fileName) });
  if (canceled || !filePath) return { ok: true, data: { saved: false } };
  await fs.promises.writeFile(filePath, bytes);
  return { ok: true, data: { saved: true, path: filePath } };
}

async function createWindow() {
  win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'KPI Dashboard',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (url !== rendererUrl) e.preventDefault();
  });
  await win.loadFile(rendererIndex);
}

app.enableSandbox();

app.whenReady().then(async () => {
  // No network: only our own files may load; every permission request is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    const ok =
      details.url.startsWith('file://') ||
      details.url.startsWith('devtools://') ||
      details.url.startsWith('data:') ||
      details.url.startsWith('blob:');
    cb({ cancel: !ok });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  const dbFile = process.env.KPI_DB ?? path.join(app.getPath('userData'), 'kpi-dashboard.db');
  backend = await startBackend(dbFile, { desktop: true, nativeBinding: nativeBinding(), warmImport: true });
  backend.subscribe((event) => win?.webContents.send('kpi:event', event));

  ipcMain.handle('kpi:invoke', async (event, channel: unknown, payload: unknown) => {
    if (!trustedSender(event))
      return { ok: false, error: { code: 'forbidden', message: 'Refused: not the app window.' } };
    return backend!.invoke(channel, payload);
  });
  ipcMain.handle('kpi:save', async (event, payload: unknown) => {
    const req = desktopRequest(event, 'kpi:save', payload);
    if (!req) return REFUSED;
    return saveAs(req.fileName, req.bytes);
  });
  ipcMain.handle('kpi:pdf', async (event, payload: unknown) => {
    // The report page printed by Chromium, as the browser preview does with window.print.
    const req = desktopRequest(event, 'kpi:pdf', payload);
    if (!req) return REFUSED;
    return saveAs(req.fileName, await win!.webContents.printToPDF({ printBackground: true, pageSize: 'A4' }));
  });
  await createWindow();
});

app.on('window-all-closed', async () => {
  await backend?.close();
  app.quit();
});
