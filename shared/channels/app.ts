import { z } from 'zod';
import { bytes, fileName, out, unscoped } from './common';

/** The app itself: its version and database, and the desktop shell's own doors. */

export interface AppInfo {
  version: string;
  dbFile: string;
  desktop: boolean;
}

export const appChannels = {
  'app.info': { input: z.object({}), output: out<AppInfo>(), ...unscoped },
} as const;

export interface SavedFile {
  saved: boolean;
  path?: string;
}

/**
 * Desktop-only requests: the Electron shell answers them itself (a save dialog, Chromium's
 * printToPDF), not the dispatch; the preload exposes them and main/electron validates them
 * against these schemas. The browser preview has its own ways (a download, a printed PDF).
 */
export const desktopChannels = {
  'kpi:save': {
    input: z.object({ fileName, bytes }),
    output: out<SavedFile>(),
    desktopOnly: true,
  },
  'kpi:pdf': {
    input: z.object({ fileName }),
    output: out<SavedFile>(),
    desktopOnly: true,
  },
  /** The page listens now: main sends it the menu commands and files to open it kept until then. */
  'kpi:ready': {
    input: z.object({}),
    output: out<null>(),
    desktopOnly: true,
  },
} as const;
