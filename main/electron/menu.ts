import type { MenuItemConstructorOptions } from 'electron';
import { keysFor, MENU, type MenuAction, type MenuEntry, type MenuOptions, shown } from '../../shared/menu';

/**
 * The Electron menu template made from the one table in shared/menu.ts: every action item calls
 * `act(action)` (main decides whether to handle it or send it to the window), roles stay
 * Electron's. Pure: no Electron at run time, so the menu can be checked in unit tests.
 */
export function menuTemplate(o: MenuOptions, act: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  return MENU.filter((section) => shown(section, o)).map((section) => {
    if (section.role) return { label: section.label, role: section.role };
    return { label: section.label, submenu: items(section.items, o, act) };
  });
}

function items(entries: MenuEntry[], o: MenuOptions, act: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  const out: MenuItemConstructorOptions[] = [];
  for (const e of entries) {
    if (!shown(e, o)) continue;
    if (e.separator) {
      // no separator first, last, or twice in a row (around items hidden here)
      if (out.length && out[out.length - 1].type !== 'separator') out.push({ type: 'separator' });
      continue;
    }
    const item: MenuItemConstructorOptions = {};
    if (e.label) item.label = e.label;
    if (e.keys) item.accelerator = keysFor(e.keys, o.mac);
    if (e.role) item.role = e.role;
    if (e.action) {
      const action = e.action;
      item.id = action;
      item.click = () => act(action);
    }
    out.push(item);
  }
  while (out.length && out[out.length - 1].type === 'separator') out.pop();
  return out;
}
