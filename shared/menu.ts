/**
 * The desktop app's menu, as one table: main builds the Electron menu from it
 * (main/electron/menu.ts) and the renderer's "Keyboard shortcuts" list reads its keys from it.
 * An item with an `action` reaches the renderer as a `menu` event (AppEvent) unless main handles
 * it itself (`main: true`); an item with a `role` is Electron's own (copy, zoom, quit...).
 */

export type MenuAction =
  | 'import'
  | 'new-workspace'
  | 'switch-workspace'
  | 'backup'
  | 'export-workspace'
  | 'go-portfolio'
  /** No menu item: sent when the daily notice of overdue steps is clicked (main/electron/daily-notice.ts). */
  | 'go-today'
  | 'go-accounts'
  | 'go-import'
  | 'go-playbooks'
  | 'go-settings'
  | 'shortcuts'
  | 'open-logs'
  | 'about';

/** Items of features still to come, in the table now and shown when their flag is turned on. */
export const MENU_FEATURES = { backup: true, exportWorkspace: true };
export type MenuFeature = keyof typeof MENU_FEATURES;

/** Electron's menu roles used here (its own labels, accelerators and behaviour). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools';

/** A key combination in Electron's accelerator syntax; per system where they differ. */
export type Keys = string | { mac: string; other: string };

export interface MenuEntry {
  label?: string;
  action?: MenuAction;
  role?: MenuRole;
  /** Shown in the menu and in the shortcuts list (a role's keys are Electron's own defaults). */
  keys?: Keys;
  /** Handled in the main process (a dialog, the logs folder), not sent to the window. */
  main?: boolean;
  feature?: MenuFeature;
  /** Only on macOS, only elsewhere, or only in development. */
  only?: 'mac' | 'other' | 'dev';
  separator?: true;
}

export interface MenuSection {
  label: string;
  /** Electron's Window menu (its items are the system's own). */
  role?: 'windowMenu';
  only?: 'mac';
  items: MenuEntry[];
}

const SEP: MenuEntry = { separator: true };

export const MENU: MenuSection[] = [
  {
    label: 'KPI Dashboard',
    only: 'mac',
    items: [
      { role: 'about' },
      SEP,
      { role: 'services' },
      SEP,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      SEP,
      { label: 'Quit KPI Dashboard', role: 'quit', keys: 'Cmd+Q' },
    ],
  },
  {
    label: 'File',
    items: [
      { label: 'Import workbook…', action: 'import', keys: 'CmdOrCtrl+I', main: true },
      SEP,
      { label: 'New workspace…', action: 'new-workspace' },
      { label: 'Switch workspace', action: 'switch-workspace' },
      SEP,
      { label: 'Back up now', action: 'backup', feature: 'backup', main: true },
      { label: 'Export workspace…', action: 'export-workspace', feature: 'exportWorkspace' },
      SEP,
      { role: 'close', only: 'mac' },
      { label: 'Quit', role: 'quit', only: 'other', keys: 'Ctrl+Q' },
    ],
  },
  {
    label: 'Edit',
    items: [
      { role: 'undo' },
      { role: 'redo' },
      SEP,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle', only: 'mac' },
      { role: 'delete' },
      SEP,
      { role: 'selectAll' },
    ],
  },
  {
    label: 'View',
    items: [
      { label: 'Portfolio', action: 'go-portfolio', keys: 'CmdOrCtrl+1' },
      { label: 'Accounts', action: 'go-accounts', keys: 'CmdOrCtrl+2' },
      { label: 'Import', action: 'go-import', keys: 'CmdOrCtrl+3' },
      { label: 'Playbooks', action: 'go-playbooks', keys: 'CmdOrCtrl+4' },
      { label: 'Settings', action: 'go-settings', keys: 'CmdOrCtrl+5' },
      SEP,
      { label: 'Actual size', role: 'resetZoom', keys: 'CmdOrCtrl+0' },
      { label: 'Zoom in', role: 'zoomIn', keys: 'CmdOrCtrl+Plus' },
      { label: 'Zoom out', role: 'zoomOut', keys: 'CmdOrCtrl+-' },
      SEP,
      { label: 'Full screen', role: 'togglefullscreen', keys: { mac: 'Ctrl+Cmd+F', other: 'F11' } },
      { role: 'reload', only: 'dev' },
      { role: 'forceReload', only: 'dev' },
      { role: 'toggleDevTools', only: 'dev' },
    ],
  },
  { label: 'Window', role: 'windowMenu', items: [] },
  {
    label: 'Help',
    items: [
      { label: 'Keyboard shortcuts', action: 'shortcuts' },
      { label: 'Open logs folder', action: 'open-logs', main: true },
      SEP,
      { label: 'About KPI Dashboard', action: 'about', main: true, only: 'other' },
    ],
  },
];

export interface MenuOptions {
  mac: boolean;
  dev: boolean;
  features?: Partial<Record<MenuFeature, boolean>>;
}

/** Whether an entry or section is part of the menu on this system, in this build. */
export function shown(entry: { only?: MenuEntry['only']; feature?: MenuFeature }, o: MenuOptions): boolean {
  if (entry.only === 'mac' && !o.mac) return false;
  if (entry.only === 'other' && o.mac) return false;
  if (entry.only === 'dev' && !o.dev) return false;
  if (entry.feature && !(o.features?.[entry.feature] ?? MENU_FEATURES[entry.feature])) return false;
  return true;
}

/** An entry's keys on this system. */
export function keysFor(keys: Keys, mac: boolean): string {
  return typeof keys === 'string' ? keys : mac ? keys.mac : keys.other;
}

/** Keys as a person reads them: "Ctrl+I" or "⌘I", "Ctrl+Cmd+F" or "⌃⌘F". */
export function describeKeys(keys: string, mac: boolean): string {
  const words = keys.split('+').map((p) => (p === 'Plus' ? '+' : p));
  if (!mac) return words.map((w) => (w === 'CmdOrCtrl' ? 'Ctrl' : w)).join('+');
  const symbols: Record<string, string> = { CmdOrCtrl: '⌘', Cmd: '⌘', Ctrl: '⌃', Shift: '⇧', Alt: '⌥' };
  return words.map((w) => symbols[w] ?? w).join('');
}

/** The menu's keyboard shortcuts on this system, in the menu's order, for the Help list. */
export function shortcuts(o: MenuOptions): Array<{ label: string; keys: string }> {
  const out: Array<{ label: string; keys: string }> = [];
  for (const section of MENU) {
    if (!shown(section, o)) continue;
    for (const e of section.items) {
      if (!e.keys || !e.label || !shown(e, o)) continue;
      out.push({ label: e.label.replace(/…$/, ''), keys: describeKeys(keysFor(e.keys, o.mac), o.mac) });
    }
  }
  return out;
}
