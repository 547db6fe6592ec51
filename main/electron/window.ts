import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { APP_INDEX_URL } from './protocol';
import { MIN_WINDOW, placeOnDisplays, readWindowState, writeWindowState } from './window-state';

/**
 * The app's window: context isolation and the sandbox on, no Node in the renderer, the page from
 * app://kpi/, at the size and place it had (put back on a display that is there now).
 */
export function createMainWindow(o: { stateFile: string; onLoading: () => void }): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const place = placeOnDisplays(
    readWindowState(o.stateFile),
    displays.map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    x: place.x,
    y: place.y,
    width: place.width,
    height: place.height,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
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
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      writeWindowState(o.stateFile, win.getNormalBounds(), win.isMaximized());
    } catch {
      // the size is not worth an error on the way out
    }
  });
  // The page (re)loads: events for it are kept until it listens again.
  win.webContents.on('did-start-loading', o.onLoading);
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Brings the window to the front: shown, restored when minimised, focused. */
export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
