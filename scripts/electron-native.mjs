// Makes better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, apart from
// node_modules (whose Node build the tests use), so `npm test` still works after `npm start`.
// First tries better-sqlite3's prebuilt Electron binary (prebuild-install, as the package's own
// install does), else compiles it with node-gyp against Electron's headers; `--from-source` skips
// the prebuilt. Run by `npm start` (for this machine) and by electron-builder's beforePack (for the
// system and processor being packed: `--platform P --arch A`); needs the network, so it is never
// part of `npm install`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** @typedef {{ platform: string, arch: string }} Target */

export const PLATFORMS = ['linux', 'darwin', 'win32'];
export const ARCHES = ['x64', 'arm64', 'ia32', 'armv7l'];

/**
 * Which files of the better-sqlite3 package are copied into the work folder: all but its Node
 * build (the `build` folder at the package's root). Tested on the path relative to the package,
 * so a project kept under any folder named "build" still copies everything.
 * @param {string} pkgDir the package's folder, as given to fs.cpSync
 * @returns {(src: string) => boolean}
 */
export function copyFilter(pkgDir) {
  return (src) => path.relative(pkgDir, src).split(path.sep)[0] !== 'build';
}

/**
 * The system and processor to build for: `--platform` and `--arch` (as electron-builder names
 * them), else this machine's.
 * @param {string[]} argv
 * @param {Target} host
 * @returns {Target}
 */
export function parseTarget(argv, host) {
  const value = (/** @type {string} */ name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const platform = value('platform') ?? host.platform;
  const arch = value('arch') ?? host.arch;
  if (arch === 'universal')
    throw new Error('A universal macOS build is not supported: pack for x64 and for arm64 separately.');
  if (!PLATFORMS.includes(platform))
    throw new Error(`--platform must be one of ${PLATFORMS.join(', ')}, not "${platform}".`);
  if (!ARCHES.includes(arch)) throw new Error(`--arch must be one of ${ARCHES.join(', ')}, not "${arch}".`);
  return { platform, arch };
}

/**
 * Whether this machine's compiler can build for the target: the same system, and the same
 * processor unless on macOS, whose compiler builds for both of its processors. (node-gyp on
 * Linux or Windows given another --arch would build for this machine's processor anyway.)
 * @param {Target} target
 * @param {Target} host
 */
export function canCompileFor(target, host) {
  return target.platform === host.platform && (target.arch === host.arch || host.platform === 'darwin');
}

/**
 * node-gyp's arguments for a build against Electron's headers, for the target's processor.
 * @param {{ electronVersion: string, arch: string }} o
 */
export function nodeGypArgs({ electronVersion, arch }) {
  return [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ];
}

const ELF_MACHINES = new Map([
  [0x3e, 'x64'],
  [0xb7, 'arm64'],
  [0x03, 'ia32'],
  [0x28, 'armv7l'],
]);
const MACHO_CPUS = new Map([
  [0x01000007, 'x64'],
  [0x0100000c, 'arm64'],
]);
const PE_MACHINES = new Map([
  [0x8664, 'x64'],
  [0xaa64, 'arm64'],
  [0x014c, 'ia32'],
  [0x01c4, 'armv7l'],
]);

/**
 * The system and processor a native module was built for, read from its header (ELF, Mach-O or
 * PE), or null when the header is none of those.
 * @param {Uint8Array} bytes the file's first bytes (4 KB is plenty)
 * @returns {Target | null}
 */
export function binaryTarget(bytes) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    const arch = ELF_MACHINES.get(machine);
    return arch ? { platform: 'linux', arch } : null;
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) {
    const arch = MACHO_CPUS.get(b.readUInt32LE(4));
    return arch ? { platform: 'darwin', arch } : null;
  }
  if (b.length >= 0x40 && b.readUInt16LE(0) === 0x5a4d) {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 > b.length || b.readUInt32LE(pe) !== 0x00004550) return null;
    const arch = PE_MACHINES.get(b.readUInt16LE(pe + 4));
    return arch ? { platform: 'win32', arch } : null;
  }
  return null;
}

/**
 * prebuild-install's arguments for better-sqlite3's prebuilt Electron binary of the target.
 * @param {{ electronVersion: string } & Target} o
 */
export function prebuildArgs({ electronVersion, platform, arch }) {
  return ['--runtime=electron', `--target=${electronVersion}`, `--platform=${platform}`, `--arch=${arch}`, '--verbose'];
}

/**
 * Downloads better-sqlite3's prebuilt Electron binary for the target into work/build/Release
 * with the prebuild-install that better-sqlite3 itself depends on; false when there is none to be
 * had (offline, no such release, or no prebuild-install).
 * @param {{ work: string, pkgDir: string, electronVersion: string, target: Target, env?: NodeJS.ProcessEnv }} o
 */
export function installPrebuilt({ work, pkgDir, electronVersion, target, env = process.env }) {
  let bin;
  try {
    bin = createRequire(path.join(pkgDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return false;
  }
  try {
    execFileSync(process.execPath, [bin, ...prebuildArgs({ electronVersion, ...target })], {
      cwd: work,
      env,
      stdio: 'inherit',
    });
  } catch {
    return false;
  }
  return fs.existsSync(path.join(work, 'build/Release/better_sqlite3.node'));
}

/**
 * node-gyp's command-line script: the project's own (wherever npm put it), else the one npm
 * bundles (npm names it in npm_config_node_gyp when it runs a script; else next to npm itself or
 * to node). Null when there is none.
 * @param {{ root: string, env: NodeJS.ProcessEnv, execPath: string }} o
 * @returns {string | null}
 */
export function findNodeGyp({ root, env, execPath }) {
  const candidates = [];
  try {
    candidates.push(createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed in the project: npm's own is next
  }
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  if (env.npm_execpath)
    candidates.push(path.join(path.dirname(env.npm_execpath), '..', 'node_modules/node-gyp/bin/node-gyp.js'));
  const nodeDir = path.dirname(execPath);
  candidates.push(
    path.join(nodeDir, '..', 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    path.join(nodeDir, 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  );
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** @param {Target} t */
const label = (t) => `${t.platform}-${t.arch}`;
const SYSTEM_NAMES = /** @type {Record<string, string>} */ ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' });
/** A target as a person names it, e.g. "Windows x64". @param {Target} t */
export const describeTarget = (t) => `${SYSTEM_NAMES[t.platform] ?? t.platform} ${t.arch}`;

function main() {
  const host = { platform: process.platform, arch: process.arch };
  const target = parseTarget(process.argv.slice(2), host);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const pkgDir = path.join(root, 'node_modules/better-sqlite3');
  const outDir = path.join(root, '.electron-native');
  const out = path.join(outDir, 'better_sqlite3.node');
  const electronVersion = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const stamp = path.join(outDir, 'built-for.txt');
  const want = `electron ${electronVersion} better-sqlite3 ${sqliteVersion} ${label(target)}`;

  if (fs.existsSync(out) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) {
    console.log(`better-sqlite3 for Electron is up to date (${want})`);
    return;
  }
  const fromSource = process.argv.includes('--from-source');
  const cannotCompile = (/** @type {string} */ why) =>
    new Error(`${why}: run the ${describeTarget(target)} pack on ${describeTarget(target)}.`);
  if (fromSource && !canCompileFor(target, host))
    throw cannotCompile(
      `better-sqlite3 for ${describeTarget(target)} cannot be built on this ${describeTarget(host)} machine`,
    );
  const work = path.join(outDir, 'src');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    fs.cpSync(pkgDir, work, { recursive: true, filter: copyFilter(pkgDir) });
    let prebuilt = false;
    if (!fromSource) {
      console.log(
        `better-sqlite3 for Electron ${electronVersion} on ${describeTarget(target)}: looking for the prebuilt binary...`,
      );
      prebuilt = installPrebuilt({ work, pkgDir, electronVersion, target });
    }
    if (!prebuilt) {
      if (!canCompileFor(target, host))
        throw cannotCompile(
          `No prebuilt better-sqlite3 for Electron ${electronVersion} on ${describeTarget(target)} could be downloaded, and this ${describeTarget(host)} machine cannot compile one`,
        );
      const gyp = findNodeGyp({ root, env: process.env, execPath: process.execPath });
      if (!gyp)
        throw new Error(
          'node-gyp was not found, neither in node_modules nor with npm: run "npm install -g node-gyp" and try again.',
        );
      console.log(`compiling better-sqlite3 for Electron ${electronVersion} (downloads Electron's headers once)...`);
      execFileSync(process.execPath, [gyp, ...nodeGypArgs({ electronVersion, arch: target.arch })], {
        cwd: work,
        stdio: 'inherit',
      });
    }
    const built = path.join(work, 'build/Release/better_sqlite3.node');
    const got = binaryTarget(fs.readFileSync(built).subarray(0, 4096));
    if (!got || label(got) !== label(target)) {
      throw new Error(
        `The build of better-sqlite3 is for ${got ? describeTarget(got) : 'an unknown system'}, not ${describeTarget(target)}, so it was not kept.`,
      );
    }
    fs.copyFileSync(built, out);
    fs.writeFileSync(stamp, want);
    console.log(`wrote ${path.relative(root, out)} (${want})`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// Run as a script (not when a test imports the functions above).
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  try {
    main();
  } catch (e) {
    console.error(`electron-native: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
