import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  binaryTarget,
  canCompileFor,
  copyFilter,
  describeTarget,
  findNodeGyp,
  installPrebuilt,
  nodeGypArgs,
  parseTarget,
  prebuildArgs,
} from '../../../scripts/electron-native.mjs';
import { tempDir } from '../../helpers/db';

/** Every file under dir, relative to it, sorted. */
const filesUnder = (dir: string) =>
  (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();

const ROOT = path.resolve(__dirname, '../../..');
const LINUX_X64 = { platform: 'linux', arch: 'x64' };
const HOST = { platform: process.platform, arch: process.arch };
const PKG_DIR = path.join(ROOT, 'node_modules/better-sqlite3');
const ELECTRON_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
).version;
const NODE_BUILD = path.join(PKG_DIR, 'build/Release/better_sqlite3.node');

/** Writes a file, making its folders. */
function put(file: string, content: string | Buffer = '') {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** The first bytes of a 64-bit Mach-O file for the given CPU type. */
function machO(cpuType: number): Buffer {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cpuType, 4);
  return b;
}

/** The first bytes of a PE (Windows) file for the given machine. */
function pe(machine: number): Buffer {
  const b = Buffer.alloc(0x100);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  return b;
}

describe('scripts/electron-native.mjs', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it("copies the package but its Node build, also for a project kept under a folder named 'build'", () => {
    const pkgDir = path.join(t.dir, 'build', 'kpi-dashboard', 'node_modules', 'better-sqlite3');
    for (const f of [
      'package.json',
      'binding.gyp',
      'src/better_sqlite3.cpp',
      'deps/build/x.gypi',
      'build/Release/x.node',
    ]) {
      fs.mkdirSync(path.dirname(path.join(pkgDir, f)), { recursive: true });
      fs.writeFileSync(path.join(pkgDir, f), f);
    }
    const work = path.join(t.dir, 'work');
    fs.cpSync(pkgDir, work, { recursive: true, filter: copyFilter(pkgDir) });
    expect(filesUnder(work)).toEqual(['binding.gyp', 'deps/build/x.gypi', 'package.json', 'src/better_sqlite3.cpp']);
  });

  it('builds for the system and processor electron-builder packs, else for this machine', () => {
    expect(parseTarget([], LINUX_X64)).toEqual(LINUX_X64);
    expect(parseTarget(['--platform', 'linux', '--arch', 'arm64'], LINUX_X64)).toEqual({
      platform: 'linux',
      arch: 'arm64',
    });
    expect(() => parseTarget(['--platform', 'darwin', '--arch', 'universal'], LINUX_X64)).toThrow(
      'A universal macOS build is not supported: pack for x64 and for arm64 separately.',
    );
    expect(() => parseTarget(['--arch', 'sparc'], LINUX_X64)).toThrow(
      '--arch must be one of x64, arm64, ia32, armv7l, not "sparc".',
    );
    expect(nodeGypArgs({ electronVersion: '45.4.1', arch: 'arm64' })).toEqual([
      'rebuild',
      '--release',
      '--target=45.4.1',
      '--arch=arm64',
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it('compiles only for this system, and for another processor only on macOS', () => {
    expect(canCompileFor(LINUX_X64, LINUX_X64)).toBe(true);
    expect(canCompileFor({ platform: 'win32', arch: 'x64' }, LINUX_X64)).toBe(false);
    expect(canCompileFor({ platform: 'linux', arch: 'arm64' }, LINUX_X64)).toBe(false);
    expect(canCompileFor({ platform: 'darwin', arch: 'x64' }, { platform: 'darwin', arch: 'arm64' })).toBe(true);
    expect(describeTarget({ platform: 'win32', arch: 'x64' })).toBe('Windows x64');
  });

  it('reads which system and processor a native module was built for', () => {
    // The Node build of better-sqlite3 that npm install made on this machine.
    const nodeBuild = fs.readFileSync(NODE_BUILD);
    expect(binaryTarget(nodeBuild.subarray(0, 4096))).toEqual({ platform: process.platform, arch: process.arch });
    expect(binaryTarget(machO(0x0100000c))).toEqual({ platform: 'darwin', arch: 'arm64' });
    expect(binaryTarget(machO(0x01000007))).toEqual({ platform: 'darwin', arch: 'x64' });
    expect(binaryTarget(pe(0x8664))).toEqual({ platform: 'win32', arch: 'x64' });
    expect(binaryTarget(pe(0xaa64))).toEqual({ platform: 'win32', arch: 'arm64' });
    expect(binaryTarget(Buffer.from('#!/bin/sh\necho not a module\n'))).toBeNull();
  });

  it('refuses, in one line, to compile for another system', () => {
    const other =
      process.platform === 'win32' ? { platform: 'linux', arch: 'x64' } : { platform: 'win32', arch: 'x64' };
    const r = spawnSync(
      process.execPath,
      ['scripts/electron-native.mjs', '--platform', other.platform, '--arch', other.arch, '--from-source'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(''); // refused before copying or downloading anything
    const host = describeTarget({ platform: process.platform, arch: process.arch });
    expect(r.stderr).toBe(
      `electron-native: better-sqlite3 for ${describeTarget(other)} cannot be built on this ${host} machine: run the ${describeTarget(other)} pack on ${describeTarget(other)}.\n`,
    );
  });

  describe("better-sqlite3's prebuilt Electron binary", () => {
    let work: string;
    beforeEach(() => {
      work = path.join(t.dir, 'src');
      fs.cpSync(PKG_DIR, work, { recursive: true, filter: copyFilter(PKG_DIR) });
    });

    it('is asked of prebuild-install for Electron and the target', () => {
      expect(prebuildArgs({ electronVersion: '45.4.1', platform: 'win32', arch: 'arm64' })).toEqual([
        '--runtime=electron',
        '--target=45.4.1',
        '--platform=win32',
        '--arch=arm64',
        '--verbose',
      ]);
    });

    it('is installed into the work folder when prebuild-install finds it', () => {
      // prebuild-install looks in the package's prebuilds/ folder before downloading: put there the
      // release archive it would download (holding this machine's Node build), so no network is needed.
      const abi = createRequire(createRequire(PKG_DIR).resolve('prebuild-install/package.json'))('node-abi').getAbi(
        ELECTRON_VERSION,
        'electron',
      );
      const version = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')).version;
      const staging = path.join(t.dir, 'staging');
      put(path.join(staging, 'build/Release/better_sqlite3.node'), fs.readFileSync(NODE_BUILD));
      const archive = path.join(
        work,
        'prebuilds',
        `better-sqlite3-v${version}-electron-v${abi}-${HOST.platform}-${HOST.arch}.tar.gz`,
      );
      fs.mkdirSync(path.dirname(archive));
      execFileSync('tar', ['-czf', archive, '-C', staging, 'build']);

      expect(installPrebuilt({ work, pkgDir: PKG_DIR, electronVersion: ELECTRON_VERSION, target: HOST })).toBe(true);
      expect(
        fs.readFileSync(path.join(work, 'build/Release/better_sqlite3.node')).equals(fs.readFileSync(NODE_BUILD)),
      ).toBe(true);
    });

    it('is reported missing when it cannot be downloaded, so the source build follows', () => {
      // A download host that refuses connections stands for being offline.
      const env = { ...process.env, npm_config_better_sqlite3_binary_host: 'http://127.0.0.1:9' };
      expect(installPrebuilt({ work, pkgDir: PKG_DIR, electronVersion: ELECTRON_VERSION, target: HOST, env })).toBe(
        false,
      );
      expect(fs.existsSync(path.join(work, 'build'))).toBe(false);
    });
  });

  it("finds node-gyp wherever npm put it, else npm's own", () => {
    const fromProject = findNodeGyp({ root: ROOT, env: {}, execPath: process.execPath });
    expect(fromProject).toBe(createRequire(path.join(ROOT, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));

    const elsewhere = path.join(t.dir, 'project');
    const noNode = path.join(t.dir, 'no-node/bin/node');
    expect(findNodeGyp({ root: elsewhere, env: {}, execPath: noNode })).toBeNull();

    const npmDir = path.join(t.dir, 'npm');
    put(path.join(npmDir, 'bin/npm-cli.js'));
    put(path.join(npmDir, 'node_modules/node-gyp/bin/node-gyp.js'));
    expect(
      findNodeGyp({ root: elsewhere, env: { npm_execpath: path.join(npmDir, 'bin/npm-cli.js') }, execPath: noNode }),
    ).toBe(path.join(npmDir, 'node_modules/node-gyp/bin/node-gyp.js'));

    const nodeDir = path.join(t.dir, 'node');
    put(path.join(nodeDir, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
    expect(findNodeGyp({ root: elsewhere, env: {}, execPath: path.join(nodeDir, 'bin/node') })).toBe(
      path.join(nodeDir, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    );
  });
});
