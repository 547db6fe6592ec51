import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagedExecutable } from '../../../scripts/packaged-app.mjs';

/**
 * The GitHub workflows and electron-builder's configuration cannot run here: they are read with the
 * YAML parser electron-builder brings (js-yaml), and checked for the jobs, matrix and steps they
 * must have, so that a typo fails `npm test` rather than a release.
 */
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => yaml.load(fs.readFileSync(path.join(ROOT, file), 'utf8')) as any;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
/** The index of the first step matching, failing the test when there is none. */
function stepIndex(steps: Step[], match: (s: Step) => boolean, what: string): number {
  const i = steps.findIndex(match);
  expect(i, `a step that ${what}`).toBeGreaterThanOrEqual(0);
  return i;
}
const runs = (cmd: string | RegExp) => (s: Step) =>
  typeof s.run === 'string' && (typeof cmd === 'string' ? s.run.includes(cmd) : cmd.test(s.run));
const uses = (action: string) => (s: Step) => typeof s.uses === 'string' && s.uses.startsWith(`${action}@`);

function checkActionsPinned(workflow: any) {
  for (const [name, job] of Object.entries<any>(workflow.jobs))
    for (const s of job.steps as Step[]) {
      expect(
        Object.keys(s).every((k) =>
          ['name', 'uses', 'run', 'if', 'with', 'env', 'id', 'shell', 'working-directory'].includes(k),
        ),
        `${name}: ${JSON.stringify(s)}`,
      ).toBe(true);
      if (s.uses) expect(s.uses, `${name} pins its actions to a version`).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
      expect(!!s.uses !== !!s.run, `${name}: a step either uses an action or runs a command`).toBe(true);
    }
}

describe('.github/workflows/release.yml', () => {
  const wf = read('.github/workflows/release.yml');

  it('runs on a v* tag, on Ubuntu, Windows and macOS', () => {
    expect(wf.on).toEqual({ push: { tags: ['v*'] } });
    const job = wf.jobs.installers;
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JavaScript template
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy['fail-fast']).toBe(false);
    checkActionsPinned(wf);
  });

  it('installs, runs the unit tests, packs, then launches the packaged app, in that order', () => {
    const steps: Step[] = wf.jobs.installers.steps;
    const checkout = stepIndex(steps, uses('actions/checkout'), 'checks out the app');
    const node = stepIndex(steps, uses('actions/setup-node'), 'sets up Node');
    expect(steps[node].with?.['node-version']).toBe(20);
    const ci = stepIndex(steps, runs(/^npm ci\b/), 'runs npm ci');
    const unit = stepIndex(steps, runs(/^npm run test:unit$/), 'runs the unit tests');
    const dist = stepIndex(steps, runs(/^npm run dist\b/), 'runs npm run dist');
    expect(steps[dist].run).toContain('--publish never');
    expect(steps[dist].run).toContain('-c.mac.identity=- -c.mac.hardenedRuntime=false');
    expect(steps[dist].run).toMatch(/"-c\.linux\.maintainer=[^"]+ <[^"]+>"/);
    const exe = stepIndex(steps, runs('scripts/packaged-app.mjs'), 'names the packaged app');
    expect(steps[exe].run).toContain('KPI_E2E_APP=');
    const linux = stepIndex(
      steps,
      runs(/^xvfb-run -a npx playwright test tests\/e2e\/electron\.spec\.ts$/),
      'launches it under xvfb',
    );
    expect(steps[linux].if).toBe("runner.os == 'Linux'");
    const others = stepIndex(
      steps,
      runs(/^npx playwright test tests\/e2e\/electron\.spec\.ts$/),
      'launches it elsewhere',
    );
    expect(steps[others].if).toBe("runner.os != 'Linux'");
    const xvfb = stepIndex(steps, runs('install -y -qq xvfb'), 'installs xvfb on Linux');
    expect(steps[xvfb].if).toBe("runner.os == 'Linux'");
    const upload = stepIndex(steps, uses('actions/upload-artifact'), 'keeps the installers');
    expect([checkout, node, ci, unit, dist, exe, Math.max(linux, others), upload]).toEqual(
      [checkout, node, ci, unit, dist, exe, Math.max(linux, others), upload].sort((a, b) => a - b),
    );
    const files = String(steps[upload].with?.path).trim().split('\n');
    expect(files).toEqual([
      'app/release/*.AppImage',
      'app/release/*.deb',
      'app/release/*Setup*.exe',
      'app/release/*.dmg',
    ]);
    expect(steps[upload].with?.['if-no-files-found']).toBe('error');
  });

  it('puts every installer on one draft release once all three systems are done', () => {
    const job = wf.jobs['draft-release'];
    expect(job.needs).toBe('installers');
    expect(job.permissions).toEqual({ contents: 'write' });
    expect(wf.permissions).toEqual({ contents: 'read' });
    const steps: Step[] = job.steps;
    const download = stepIndex(steps, uses('actions/download-artifact'), 'gathers the installers');
    expect(steps[download].with).toMatchObject({ path: 'installers', 'merge-multiple': true });
    const release = stepIndex(steps, uses('softprops/action-gh-release'), 'makes the release');
    expect(steps[release].with).toMatchObject({ draft: true, files: 'installers/*', fail_on_unmatched_files: true });
  });
});

describe('.github/workflows/ci.yml', () => {
  const wf = read('.github/workflows/ci.yml');

  it("runs the README's test command on pull requests, on Debian with Debian's Chromium", () => {
    expect(Object.keys(wf.on)).toContain('pull_request');
    const job = wf.jobs.test;
    expect(job.container).toMatch(/^node:20-bookworm/);
    const steps: Step[] = job.steps;
    const chromium = stepIndex(steps, runs('apt-get install -y -qq chromium'), "installs Debian's Chromium");
    const ci = stepIndex(steps, runs(/^npm ci\b/), 'runs npm ci');
    const test = stepIndex(steps, runs(/^npm test$/), 'runs npm test');
    expect(steps[test].env).toEqual({ PLAYWRIGHT_CHROMIUM_EXECUTABLE: '/usr/bin/chromium' });
    expect(chromium < test && ci < test).toBe(true);
    // the README's command is the one run
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toMatch(/^npm test\s+#/m);
    checkActionsPinned(wf);
  });

  it('launches the desktop app from the development build under xvfb, failing rather than skipping', () => {
    const steps: Step[] = wf.jobs.desktop.steps;
    const get = stepIndex(steps, runs('node node_modules/electron/install.js'), 'downloads Electron');
    const test = stepIndex(
      steps,
      runs(/^xvfb-run -a npx playwright test tests\/e2e\/electron\.spec\.ts$/),
      'runs the launch test',
    );
    expect(steps[get].run).toContain('node scripts/electron-native.mjs');
    expect(steps[test].env).toEqual({ KPI_E2E_REQUIRE_DESKTOP: '1' });
    expect(get < test).toBe(true);
  });

  it('both workflows run from app/, with the handbook beside it as ../shared', () => {
    for (const file of ['.github/workflows/ci.yml', '.github/workflows/release.yml']) {
      const w = read(file);
      for (const job of Object.values<any>(w.jobs)) {
        const checkout = (job.steps as Step[]).filter(uses('actions/checkout'));
        if (!checkout.length) continue;
        expect(checkout[0].with).toEqual({ path: 'app' });
        expect(job.defaults.run['working-directory']).toBe('app');
      }
    }
  });
});

describe('both workflows', () => {
  it('run only npm scripts and project files that exist', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const file of ['.github/workflows/ci.yml', '.github/workflows/release.yml']) {
      const commands = Object.values<any>(read(file).jobs)
        .flatMap((job) => job.steps as Step[])
        .map((s) => s.run ?? '')
        .join('\n');
      for (const [, script] of commands.matchAll(/npm run ([\w:-]+)/g))
        expect(pkg.scripts, `${file}: npm run ${script}`).toHaveProperty([script]);
      for (const [, f] of commands.matchAll(
        /\b((?:scripts|tests\/e2e|node_modules\/electron)\/[\w./-]+\.(?:mjs|ts|js))\b/g,
      ))
        expect(fs.existsSync(path.join(ROOT, f)), `${file}: ${f}`).toBe(true);
    }
  });
});

describe('electron-builder.yml', () => {
  const cfg = read('electron-builder.yml');

  it("passes electron-builder's own validation of its options", async () => {
    const req = createRequire(path.join(ROOT, 'node_modules/electron-builder/package.json'));
    const { getConfig, validateConfiguration } = req('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = req('builder-util');
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // and it would catch a misspelt option
    config.electronFuses = { ...config.electronFuses, runAsNod: false };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it("reads the release's npm run dist options as electron-builder's command line does", async () => {
    const req = createRequire(path.join(ROOT, 'node_modules/electron-builder/package.json'));
    const builder = req('electron-builder/out/builder.js');
    const { getConfig, validateConfiguration } = req('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = req('builder-util');
    const steps: Step[] = read('.github/workflows/release.yml').jobs.installers.steps;
    // GitHub puts its values in first: the repository's owner, say "acme"
    const run = steps
      .find(runs(/^npm run dist -- /))!
      .run!.replace(/\$\{\{\s*github\.repository_owner\s*\}\}/g, 'acme');
    // the words after `--`, as the shell splits them (double quotes only, as the step uses)
    const words = [...run.replace(/^npm run dist -- /, '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
    const options = builder.normalizeOptions(builder.configureBuildCommand(builder.createYargs()).parse(words));
    expect(options.publish).toBe('never');
    const config = await getConfig(ROOT, null, options.config);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.mac).toMatchObject({ identity: '-', hardenedRuntime: false });
    expect(config.linux.maintainer).toBe('acme <acme@users.noreply.github.com>');
  });

  it("sets Electron's fuses for the packaged app", () => {
    expect(cfg.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('makes the AppImage and deb, the NSIS installer and the dmg, into release/', () => {
    expect(cfg.linux.target).toEqual(['AppImage', 'deb']);
    expect(cfg.win.target).toEqual(['nsis']);
    expect(cfg.mac.target).toEqual(['dmg']);
    expect(cfg.directories.output).toBe('release');
    expect(cfg.files).toContain('dist/**/*');
  });

  it('offers the app for the files it opens, the default only for its own .kpiw', () => {
    const exts = (list: Array<{ ext: string | string[] }>) => list.flatMap((a) => [a.ext].flat()).sort();
    expect(exts(cfg.mac.fileAssociations)).toEqual(['csv', 'kpiw', 'xlsx']);
    for (const a of cfg.mac.fileAssociations)
      expect(a.rank).toBe([a.ext].flat().includes('kpiw') ? 'Owner' : 'Alternate');
    expect(exts(cfg.linux.fileAssociations)).toEqual(['kpiw']);
    expect(cfg.linux.mimeTypes).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    // Windows: the installer's association would make the app the default, so only for .kpiw
    expect(exts(cfg.win.fileAssociations)).toEqual(['kpiw']);
    expect(cfg.fileAssociations).toBeUndefined();
  });

  it("names the packaged app's executable where electron-builder leaves it", () => {
    const o = { productName: 'KPI Dashboard', name: 'kpi-dashboard', releaseDir: 'release' };
    expect(packagedExecutable({ ...o, platform: 'linux', arch: 'x64' })).toBe(
      path.join('release', 'linux-unpacked', 'kpi-dashboard'),
    );
    expect(packagedExecutable({ ...o, platform: 'win32', arch: 'x64' })).toBe(
      path.join('release', 'win-unpacked', 'KPI Dashboard.exe'),
    );
    expect(packagedExecutable({ ...o, platform: 'darwin', arch: 'arm64' })).toBe(
      path.join('release', 'mac-arm64', 'KPI Dashboard.app', 'Contents', 'MacOS', 'KPI Dashboard'),
    );
  });
});
