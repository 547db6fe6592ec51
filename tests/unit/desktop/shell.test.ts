import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../main/electron/menu';
import { filesFromArgv, isOpenable } from '../../../main/electron/open-files';
import { WindowEvents } from '../../../main/electron/window-events';
import {
  DEFAULT_WINDOW,
  parseWindowState,
  placeOnDisplays,
  readWindowState,
  writeWindowState,
} from '../../../main/electron/window-state';
import type { AppEvent } from '../../../shared/contract';
import { describeKeys, type MenuAction, shortcuts } from '../../../shared/menu';
import { tempDir } from '../../helpers/db';

type Item = MenuItemConstructorOptions;
const sub = (menu: Item[], label: string) => (menu.find((m) => m.label === label)?.submenu ?? []) as Item[];
const labels = (items: Item[]) => items.map((i) => (i.type === 'separator' ? '---' : (i.label ?? i.role)));

describe('the application menu (shared/menu.ts, main/electron/menu.ts)', () => {
  it('Windows and Linux: File, Edit, View, Window, Help, with the app actions and their keys', () => {
    const acted: MenuAction[] = [];
    const menu = menuTemplate({ mac: false, dev: false }, (a) => acted.push(a));
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels(sub(menu, 'File'))).toEqual([
      'Import workbook…',
      '---',
      'New workspace…',
      'Switch workspace',
      '---',
      'Back up now',
      'Export workspace…',
      '---',
      'Quit',
    ]);
    const file = sub(menu, 'File');
    expect(file[0]).toMatchObject({ id: 'import', accelerator: 'CmdOrCtrl+I' });
    expect(file.at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
    expect(labels(sub(menu, 'Edit'))).toEqual([
      'undo',
      'redo',
      '---',
      'cut',
      'copy',
      'paste',
      'delete',
      '---',
      'selectAll',
    ]);
    const view = sub(menu, 'View');
    expect(view.slice(0, 5).map((i) => [i.label, i.id, i.accelerator])).toEqual([
      ['Portfolio', 'go-portfolio', 'CmdOrCtrl+1'],
      ['Accounts', 'go-accounts', 'CmdOrCtrl+2'],
      ['Import', 'go-import', 'CmdOrCtrl+3'],
      ['Playbooks', 'go-playbooks', 'CmdOrCtrl+4'],
      ['Settings', 'go-settings', 'CmdOrCtrl+5'],
    ]);
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(view.find((i) => i.role === 'togglefullscreen')?.accelerator).toBe('F11');
    expect(menu.find((m) => m.label === 'Window')).toEqual({ label: 'Window', role: 'windowMenu' });
    expect(labels(sub(menu, 'Help'))).toEqual(['Keyboard shortcuts', 'Open logs folder', '---', 'About KPI Dashboard']);
    // every action item calls back with its action
    for (const section of menu)
      for (const i of (section.submenu ?? []) as Item[]) (i.click as (() => void) | undefined)?.();
    expect(acted).toEqual([
      'import',
      'new-workspace',
      'switch-workspace',
      'backup',
      'export-workspace',
      'go-portfolio',
      'go-accounts',
      'go-import',
      'go-playbooks',
      'go-settings',
      'shortcuts',
      'open-logs',
      'about',
    ]);
  });
});

describe('the application menu on macOS and in development', () => {
  it('macOS: the app menu first (About, Services, Hide, Quit), Close in File, no About in Help', () => {
    const menu = menuTemplate({ mac: true, dev: false }, () => undefined);
    expect(menu.map((m) => m.label)).toEqual(['KPI Dashboard', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(sub(menu, 'KPI Dashboard').map((i) => i.role ?? '---')).toEqual([
      'about',
      '---',
      'services',
      '---',
      'hide',
      'hideOthers',
      'unhide',
      '---',
      'quit',
    ]);
    expect(sub(menu, 'File').at(-1)).toMatchObject({ role: 'close' });
    expect(sub(menu, 'File').some((i) => i.role === 'quit')).toBe(false);
    expect(sub(menu, 'Edit').some((i) => i.role === 'pasteAndMatchStyle')).toBe(true);
    expect(labels(sub(menu, 'Help'))).toEqual(['Keyboard shortcuts', 'Open logs folder']);
    expect(sub(menu, 'View').find((i) => i.role === 'togglefullscreen')?.accelerator).toBe('Ctrl+Cmd+F');
  });

  it('development adds reload and DevTools; the features still to come appear when their flag is on', () => {
    const dev = menuTemplate({ mac: false, dev: true }, () => undefined);
    expect(sub(dev, 'View').map((i) => i.role)).toContain('toggleDevTools');
    const later = menuTemplate({ mac: false, dev: false, features: { backup: true, exportWorkspace: true } }, () => {});
    expect(labels(sub(later, 'File'))).toEqual([
      'Import workbook…',
      '---',
      'New workspace…',
      'Switch workspace',
      '---',
      'Back up now',
      'Export workspace…',
      '---',
      'Quit',
    ]);
  });

  it('lists the shortcuts for the Help dialog as each system writes them', () => {
    expect(shortcuts({ mac: false, dev: false })).toEqual([
      { label: 'Import workbook', keys: 'Ctrl+I' },
      { label: 'Quit', keys: 'Ctrl+Q' },
      { label: 'Portfolio', keys: 'Ctrl+1' },
      { label: 'Accounts', keys: 'Ctrl+2' },
      { label: 'Import', keys: 'Ctrl+3' },
      { label: 'Playbooks', keys: 'Ctrl+4' },
      { label: 'Settings', keys: 'Ctrl+5' },
      { label: 'Actual size', keys: 'Ctrl+0' },
      { label: 'Zoom in', keys: 'Ctrl++' },
      { label: 'Zoom out', keys: 'Ctrl+-' },
      { label: 'Full screen', keys: 'F11' },
    ]);
    expect(shortcuts({ mac: true, dev: false })[0]).toEqual({ label: 'Quit KPI Dashboard', keys: '⌘Q' });
    expect(describeKeys('Ctrl+Cmd+F', true)).toBe('⌃⌘F');
  });
});

describe('the window state (main/electron/window-state.ts)', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 2560, height: 1400 };

  it('reads what it wrote, and the default from a missing or damaged file', () => {
    const t = tempDir();
    const file = path.join(t.dir, 'sub', 'window-state.json');
    expect(readWindowState(file)).toEqual(DEFAULT_WINDOW);
    writeWindowState(file, { x: 100, y: 50, width: 1400, height: 900 }, true);
    expect(readWindowState(file)).toEqual({ x: 100, y: 50, width: 1400, height: 900, maximized: true });
    fs.writeFileSync(file, '{"width": "wide"');
    expect(readWindowState(file)).toEqual(DEFAULT_WINDOW);
    expect(parseWindowState('{"width": 1200, "height": 800, "x": "a"}')).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    t.cleanup();
  });

  it('keeps a window where it was when a display still shows it', () => {
    const s = { x: 2000, y: 100, width: 1400, height: 900, maximized: true };
    expect(placeOnDisplays(s, [primary, right])).toEqual(s);
  });

  it('moves a window of an unplugged display to the primary one, centred', () => {
    const s = { x: 2000, y: 100, width: 1400, height: 900, maximized: false };
    expect(placeOnDisplays(s, [primary])).toEqual({ x: 260, y: 70, width: 1400, height: 900, maximized: false });
  });

  it('shrinks a window larger than its display and pulls a half-hidden one fully onto it', () => {
    expect(placeOnDisplays({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [primary])).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
      maximized: false,
    });
    expect(placeOnDisplays({ x: 1500, y: -30, width: 1200, height: 800, maximized: false }, [primary])).toEqual({
      x: 720,
      y: 0,
      width: 1200,
      height: 800,
      maximized: false,
    });
    // a sliver of 50 px on screen is not enough to reach the title bar: centred again
    expect(placeOnDisplays({ x: 1870, y: 100, width: 1200, height: 800, maximized: false }, [primary])).toMatchObject({
      x: 360,
      y: 120,
    });
  });

  it('centres a first window on the primary display', () => {
    expect(placeOnDisplays(DEFAULT_WINDOW, [primary, right])).toEqual({
      x: 280,
      y: 90,
      width: 1360,
      height: 860,
      maximized: false,
    });
  });
});

describe('files given to the app (main/electron/open-files.ts)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
    for (const f of ['q3.xlsx', 'Q4.CSV', 'acme.kpiw', 'notes.txt']) fs.writeFileSync(path.join(t.dir, f), 'x');
  });
  afterEach(() => t.cleanup());

  it('takes the workbooks, CSV and workspace files that exist, from any folder the command ran in', () => {
    expect(isOpenable('a.XLSX')).toBe(true);
    expect(isOpenable('a.xls')).toBe(false);
    const argv = [
      '/opt/KPI Dashboard/kpi-dashboard',
      '--no-sandbox',
      '/work/app', // the app's folder (development)
      'q3.xlsx',
      path.join(t.dir, 'Q4.CSV'),
      pathToFileURL(path.join(t.dir, 'acme.kpiw')).href,
      'notes.txt',
      'missing.xlsx',
      'q3.xlsx',
    ];
    expect(filesFromArgv(argv, t.dir)).toEqual([
      path.join(t.dir, 'q3.xlsx'),
      path.join(t.dir, 'Q4.CSV'),
      path.join(t.dir, 'acme.kpiw'),
    ]);
    // the executable itself is never a file to open
    expect(filesFromArgv([path.join(t.dir, 'q3.xlsx')], t.dir)).toEqual([]);
  });
});

describe('events kept for the window (main/electron/window-events.ts)', () => {
  it('keeps events until the page listens, and again while it reloads', () => {
    const sent: AppEvent[] = [];
    const events = new WindowEvents((e) => sent.push(e));
    const open: AppEvent = { type: 'open-file', name: 'q3.xlsx', bytes: new Uint8Array([1]) };
    events.post(open);
    events.post({ type: 'menu', action: 'go-import' });
    expect(sent).toEqual([]);
    events.markReady();
    expect(sent).toEqual([open, { type: 'menu', action: 'go-import' }]);
    events.post({ type: 'menu', action: 'shortcuts' });
    expect(sent).toHaveLength(3);
    events.reset();
    events.post({ type: 'menu', action: 'go-settings' });
    expect(sent).toHaveLength(3);
    events.markReady();
    expect(sent.at(-1)).toEqual({ type: 'menu', action: 'go-settings' });
  });
});
