import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appDataDir, systemAppDataDir } from '../../../main/app-data';
import {
  DEFAULT_PORT,
  desktopBlocker,
  electronExecutable,
  electronPlatformPath,
  fallbackSentence,
  parseStartArgs,
} from '../../../scripts/launch';
import { tempDir } from '../../helpers/db';

const ROOT = path.resolve(__dirname, '../../..');

describe('the app-data folder, as Electron names it', () => {
  it('is the system folder for app data with the product name', () => {
    expect(appDataDir({ platform: 'linux', env: {}, home: '/home/ann' })).toBe('/home/ann/.config/KPI Dashboard');
    expect(appDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/data/cfg' }, home: '/home/ann' })).toBe(
      '/data/cfg/KPI Dashboard',
    );
    // a relative XDG_CONFIG_HOME is ignored, as the XDG specification and Chromium say
    expect(systemAppDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'cfg' }, home: '/home/ann' })).toBe(
      '/home/ann/.config',
    );
    expect(appDataDir({ platform: 'darwin', env: {}, home: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/KPI Dashboard',
    );
    expect(
      appDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, home: 'C:\\Users\\ann' }),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\KPI Dashboard');
    expect(appDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\ann' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\KPI Dashboard',
    );
  });
});

describe('scripts/launch.ts', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('reads --port and passes everything else on to Electron', () => {
    expect(parseStartArgs([])).toEqual({ port: DEFAULT_PORT, portGiven: false, electronArgs: [] });
    expect(parseStartArgs(['--port', '0', 'q3.xlsx'])).toEqual({ port: 0, portGiven: true, electronArgs: ['q3.xlsx'] });
    expect(() => parseStartArgs(['--port', 'x'])).toThrow('--port must be a number from 0 to 65535');
  });

  it('finds the Electron binary as the electron package does, without downloading it', () => {
    const dir = path.join(t.dir, 'electron');
    fs.mkdirSync(dir);
    expect(electronExecutable(dir, {}, 'linux')).toBeNull();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(electronExecutable(dir, {}, 'linux')).toBeNull(); // named but not downloaded
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(electronExecutable(dir, {}, 'linux')).toBe(path.join(dir, 'dist', 'electron'));
    // ELECTRON_OVERRIDE_DIST_PATH wins, as in the package's index.js
    const other = path.join(t.dir, 'other');
    expect(electronExecutable(dir, { ELECTRON_OVERRIDE_DIST_PATH: other }, 'linux')).toBeNull();
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'electron'), '');
    expect(electronExecutable(dir, { ELECTRON_OVERRIDE_DIST_PATH: other }, 'linux')).toBe(path.join(other, 'electron'));
    expect(electronPlatformPath('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(electronPlatformPath('win32')).toBe('electron.exe');
  });

  it('knows when a Linux machine cannot show the window at all', () => {
    expect(desktopBlocker('linux', {}, 1000)).toBe('display');
    expect(desktopBlocker('linux', { DISPLAY: ':0' }, 0)).toBe('root');
    expect(desktopBlocker('linux', { WAYLAND_DISPLAY: 'wayland-0' }, 1000)).toBeNull();
    expect(desktopBlocker('darwin', {}, 501)).toBeNull();
    expect(desktopBlocker('win32', {}, null)).toBeNull();
  });

  it('says what happened in one sentence, naming the log where a tool failed', () => {
    for (const b of ['download', 'native', 'display', 'root'] as const) {
      const s = fallbackSentence(b, '/x/logs/npm-start.log');
      expect(s).toMatch(
        /^The desktop window cannot open here because .+, so KPI Dashboard runs in your browser instead:$/,
      );
      expect(s.split(/\.\s/)).toHaveLength(1); // one sentence
      expect(s.includes('/x/logs/npm-start.log')).toBe(b === 'download' || b === 'native');
    }
  });
});

/** npm's own script (npm sets npm_execpath for the scripts it runs), else npm on the PATH. */
function npm(args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli)) return spawn(process.execPath, [cli, ...args], options);
  return spawn('npm', args, { ...options, shell: process.platform === 'win32' });
}

function stopTree(child: ChildProcess) {
  if (child.exitCode !== null || !child.pid) return;
  if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F']);
  else process.kill(-child.pid, 'SIGTERM');
}

describe('npm start where the Electron binary cannot be downloaded', () => {
  it('says so in one sentence, keeps the downloader output in a log it names, and serves the app on the desktop database', async () => {
    const t = tempDir('kpi-start-');
    const home = path.join(t.dir, 'home');
    fs.mkdirSync(home);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      USERPROFILE: home,
      APPDATA: path.join(home, 'AppData', 'Roaming'),
      // The real download, made to fail: no Electron where the package looks for it, an empty
      // download cache, and a mirror nothing listens on.
      ELECTRON_OVERRIDE_DIST_PATH: path.join(t.dir, 'no-electron'),
      electron_config_cache: path.join(t.dir, 'electron-cache'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      npm_config_update_notifier: 'false',
      FORCE_COLOR: '0',
    };
    delete env.XDG_CONFIG_HOME;
    delete env.ELECTRON_RUN_AS_NODE;
    const dataDir = appDataDir({ platform: process.platform, env, home });
    const logPath = path.join(dataDir, 'logs', 'npm-start.log');

    const child = npm(['start', '--', '--port', '0'], {
      cwd: ROOT,
      env,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)$/m.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m[1]);
          } else if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`npm start ended (exit ${child.exitCode}):\n${out}\n${err}`));
          }
        }, 200);
      });

      const said = out.split(/\r?\n/).filter((l) => l.startsWith('The desktop window cannot open here'));
      expect(said).toEqual([fallbackSentence('download', logPath)]);
      // the downloader's own output is in the log, not on the screen
      const logged = fs.readFileSync(logPath, 'utf8');
      expect(logged).toContain('install.js');
      expect(logged).toMatch(/fetch failed|ECONNREFUSED|RequestError|HTTPError/);
      expect(`${out}\n${err}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(out).toContain(`KPI Dashboard (browser preview) on ${path.join(dataDir, 'kpi-dashboard.db')}; open:`);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toContain('<div id="root"></div>');
      // the app behind it, on the desktop app's database
      const token = new URL(url).searchParams.get('token')!;
      const api = await fetch(new URL('/api/invoke', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-KPI-Token': token },
        body: JSON.stringify({ channel: 'workspaces.list', payload: {} }),
      });
      expect(await api.json()).toMatchObject({ ok: true, data: { workspaces: [] } });
      expect(fs.existsSync(path.join(dataDir, 'kpi-dashboard.db'))).toBe(true);
    } finally {
      stopTree(child);
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      t.cleanup();
    }
  }, 240_000);
});
