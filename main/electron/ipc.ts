import fs from 'node:fs';
import path from 'node:path';
import { type BrowserWindow, dialog, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { type DesktopChannel, type DesktopInput, desktopContract } from '../../shared/contract';
import type { Backend } from '../app';
import { trustedFrame } from './security';
import type { WindowEvents } from './window-events';

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'Refused: not the app window.' } } as const;

/**
 * The window's doors into main (preload/index.ts): the contract's invoke, and the desktop-only
 * requests of shared/channels/app.ts (saving a file, printing the report to PDF, "ready": the page
 * listens for menu commands and files to open). Every message is checked to come from the app's
 * own page in the app's window, top frame; a desktop request's payload against its schema.
 */
export function registerIpc(o: { backend: Backend; window: () => BrowserWindow | null; events: WindowEvents }) {
  const trusted = (event: IpcMainInvokeEvent): BrowserWindow | null => {
    const win = o.window();
    return win && event.sender === win.webContents && trustedFrame(event.senderFrame) ? win : null;
  };
  /** Registers a desktop-only request: from the app's window only, its payload as its schema says. */
  const handle = <C extends DesktopChannel>(
    channel: C,
    answer: (win: BrowserWindow, input: DesktopInput<C>) => unknown,
  ) =>
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const win = trusted(event);
      const parsed = desktopContract[channel].input.safeParse(payload ?? {});
      if (!win || !parsed.success) return FORBIDDEN;
      return answer(win, parsed.data as DesktopInput<C>);
    });

  ipcMain.handle('kpi:invoke', async (event, channel: unknown, payload: unknown) => {
    if (!trusted(event)) return FORBIDDEN;
    return o.backend.invoke(channel, payload);
  });
  handle('kpi:save', (win, { fileName, bytes }) => saveAs(win, fileName, bytes));
  // The report page printed by Chromium, as the browser preview prints it with the same engine.
  handle('kpi:pdf', async (win, { fileName }) =>
    saveAs(win, fileName, await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })),
  );
  handle('kpi:ready', () => {
    o.events.markReady();
    return { ok: true, data: null };
  });
}

/** Asks where to save a file the app made, and writes it there, readable by its owner only. */
async function saveAs(win: BrowserWindow, fileName: string, bytes: Uint8Array) {
  const { canceled, filePath } = await dialog.showSaveDialog(win, { defaultPath: path.basename(fileName) });
  if (canceled || !filePath) return { ok: true, data: { saved: false } };
  await fs.promises.writeFile(filePath, bytes, { mode: 0o600 });
  return { ok: true, data: { saved: true, path: filePath } };
}
