import { contextBridge, ipcRenderer } from 'electron';
import type { AppEvent, KpiBridge } from '../shared/contract';

// The renderer's only doors to the app: window.kpi (invoke, onEvent, saveFile) and, in the desktop
// app only, window.kpiDesktop.printToPdf; no Node, no general ipcRenderer.
const bridge: KpiBridge = {
  desktop: true,
  invoke: (channel, payload) => ipcRenderer.invoke('kpi:invoke', channel, payload),
  saveFile: (fileName, bytes) => ipcRenderer.invoke('kpi:save', fileName, bytes),
  onEvent: (listener) => {
    const wrapped = (_e: unknown, event: AppEvent) => listener(event);
    ipcRenderer.on('kpi:event', wrapped);
    return () => ipcRenderer.removeListener('kpi:event', wrapped);
  },
};

contextBridge.exposeInMainWorld('kpi', bridge);
contextBridge.exposeInMainWorld('kpiDesktop', {
  printToPdf: (fileName: string) => ipcRenderer.invoke('kpi:pdf', fileName),
});
