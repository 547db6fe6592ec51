import { contextBridge, ipcRenderer } from 'electron';
import type { AppEvent, DesktopChannel, KpiBridge, KpiDesktop } from '../shared/contract';

// The renderer's only doors to the app: window.kpi (invoke, onEvent, saveFile) and, in the desktop
// app only, window.kpiDesktop (printToPdf; ready: the page listens for menu commands and files to
// open, which main keeps until then). Their requests are typed in shared/contract.ts and checked
// in main/electron/ipc.ts; no Node, no general ipcRenderer.
const desktop = (channel: DesktopChannel, payload: unknown) => ipcRenderer.invoke(channel, payload);

const bridge: KpiBridge = {
  desktop: true,
  invoke: (channel, payload) => ipcRenderer.invoke('kpi:invoke', channel, payload),
  saveFile: (fileName, bytes) => desktop('kpi:save', { fileName, bytes }),
  onEvent: (listener) => {
    const wrapped = (_e: unknown, event: AppEvent) => listener(event);
    ipcRenderer.on('kpi:event', wrapped);
    return () => ipcRenderer.removeListener('kpi:event', wrapped);
  },
};
const kpiDesktop: KpiDesktop = {
  printToPdf: (fileName) => desktop('kpi:pdf', { fileName }),
  ready: () => desktop('kpi:ready', {}),
};

contextBridge.exposeInMainWorld('kpi', bridge);
contextBridge.exposeInMainWorld('kpiDesktop', kpiDesktop);
