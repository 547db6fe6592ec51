import fs from 'node:fs';
import path from 'node:path';

/**
 * The window's size, place and maximised state, kept in `<app data>/window-state.json` and put
 * back on a display that is there now (a monitor unplugged since, a smaller screen, another
 * resolution). Pure apart from reading and writing that file.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: centred by the system. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW: WindowState = { width: 1360, height: 860, maximized: false };
export const MIN_WINDOW = { width: 1024, height: 700 };
/** How much of the window must be on a display for it to stay where it was (its title bar, reachable). */
const MIN_VISIBLE = { width: 200, height: 80 };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The saved state, or the default one when the file is missing, unreadable or not such a state. */
export function parseWindowState(text: string | null): WindowState {
  if (!text) return { ...DEFAULT_WINDOW };
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text);
  } catch {
    return { ...DEFAULT_WINDOW };
  }
  if (!v || typeof v !== 'object' || !isNum(v.width) || !isNum(v.height)) return { ...DEFAULT_WINDOW };
  const state: WindowState = {
    width: Math.round(v.width),
    height: Math.round(v.height),
    maximized: v.maximized === true,
  };
  if (isNum(v.x) && isNum(v.y)) {
    state.x = Math.round(v.x);
    state.y = Math.round(v.y);
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * The state to open the window with, given the work areas of the displays there now (the primary
 * one first): on the display that shows most of it, no larger than that display and moved fully
 * onto it; centred on the primary display when no display shows enough of it.
 */
export function placeOnDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  if (!workAreas.length) return { width: state.width, height: state.height, maximized: state.maximized };
  let best: Rect | null = null;
  let bestArea = 0;
  if (state.x !== undefined && state.y !== undefined) {
    const win = { x: state.x, y: state.y, width: state.width, height: state.height };
    for (const area of workAreas) {
      const o = overlap(win, area);
      if (o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && o.width * o.height > bestArea) {
        best = area;
        bestArea = o.width * o.height;
      }
    }
  }
  const area = best ?? workAreas[0];
  const width = Math.min(Math.max(state.width, Math.min(MIN_WINDOW.width, area.width)), area.width);
  const height = Math.min(Math.max(state.height, Math.min(MIN_WINDOW.height, area.height)), area.height);
  if (!best || state.x === undefined || state.y === undefined) {
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
      maximized: state.maximized,
    };
  }
  const x = Math.min(Math.max(state.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(state.y, area.y), area.y + area.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

export function readWindowState(file: string): WindowState {
  try {
    return parseWindowState(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW };
  }
}

/** Writes the state (to a temporary file renamed over the old one, so a crash leaves one or the other). */
export function writeWindowState(file: string, bounds: Rect, maximized: boolean): void {
  const state: WindowState = { ...bounds, maximized };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(tmp, file);
}
