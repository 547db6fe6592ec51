import path from 'node:path';

/**
 * Where the desktop app keeps its data: Electron's `app.getPath('userData')`, the system's
 * app-data folder with the product name (package.json `productName`) appended. Computed here too,
 * without Electron, so that `npm start` on a machine where Electron cannot run serves the browser
 * preview on the very database the window would open.
 */
export const APP_NAME = 'KPI Dashboard';
/** The database file inside the app-data folder. */
export const DB_FILE_NAME = 'kpi-dashboard.db';
/** The log files' folder inside the app-data folder (main/log.ts). */
export const LOGS_DIR_NAME = 'logs';

export interface AppDataHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/**
 * The system's folder for applications' data, as Electron's `app.getPath('appData')` gives it:
 * `%APPDATA%` on Windows, `~/Library/Application Support` on macOS, `$XDG_CONFIG_HOME` (when set to
 * an absolute path) or `~/.config` elsewhere.
 */
export function systemAppDataDir({ platform, env, home }: AppDataHost): string {
  if (platform === 'win32') return env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  const xdg = env.XDG_CONFIG_HOME;
  return xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
}

/** The app's own folder: `<system app data>/KPI Dashboard`. */
export function appDataDir(host: AppDataHost): string {
  return (host.platform === 'win32' ? path.win32 : path.posix).join(systemAppDataDir(host), APP_NAME);
}
