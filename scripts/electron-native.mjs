// Builds better-sqlite3 against Electron's ABI into .electron-native/better_sqlite3.node, apart
// from node_modules (whose Node build the tests use), so `npm test` still works after `npm start`.
// Run by `npm start` (for this machine) and by electron-builder's beforePack (for the system and
// processor being packed: `--platform P --arch A`); needs the network (Electron's headers), so it
// is never part of `npm install`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
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
    const arch = { 62: 'x64', 183: 'arm64', 3: 'ia32', 40: 'armv7l' }[machine];
    return arch ? { platform: 'linux', arch } : null;
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) {
    const arch = { 16777223: 'x64', 16777228: 'arm64' }[b.readUInt32LE(4)];
    return arch ? { platform: 'darwin', arch } : null;
  }
  if (b.length >= 0x40 && b.readUInt16LE(0) === 0x5a4d) {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 > b.length || b.readUInt32LE(pe) !== 0x00004550) return null;
    const arch = { 34404: 'x64', 43620: 'arm64', 332: 'ia32', 452: 'armv7l' }[b.readUInt16LE(pe + 4)];
    return arch ? { platform: 'win32', arch } : null;
  }
  return null;
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
  if (!canCompileFor(target, host)) {
    throw new Error(
      `better-sqlite3 for ${describeTarget(target)} cannot be built on this ${describeTarget(host)} machine: run the ${describeTarget(target)} pack on ${describeTarget(target)}.`,
    );
  }
  const work = path.join(outDir, 'src');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(pkgDir, work, { recursive: true, filter: copyFilter(pkgDir) });
  console.log(
    `building better-sqlite3 for Electron ${electronVersion} on ${label(target)} (downloads Electron's headers once)...`,
  );
  const gyp = path.join(root, 'node_modules/node-gyp/bin/node-gyp.js');
  execFileSync(process.execPath, [gyp, ...nodeGypArgs({ electronVersion, arch: target.arch })], {
    cwd: work,
    stdio: 'inherit',
  });
  const built = path.join(work, 'build/Release/better_sqlite3.node');
  const got = binaryTarget(fs.readFileSync(built).subarray(0, 4096));
  if (!got || label(got) !== label(target)) {
    throw new Error(
      `The build of better-sqlite3 is for ${got ? describeTarget(got) : 'an unknown system'}, not ${describeTarget(target)}, so it was not kept.`,
    );
  }
  fs.copyFileSync(built, out);
  fs.writeFileSync(stamp, want);
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`wrote ${path.relative(root, out)} (${want})`);
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
