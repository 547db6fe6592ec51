// Builds better-sqlite3 against Electron's ABI into .electron-native/better_sqlite3.node, apart
// from node_modules (whose Node build the tests use), so `npm test` still works after `npm start`.
// Run by `npm start` and by electron-builder's beforePack; needs the network (Electron's headers),
// so it is never part of `npm install`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const pkgDir = path.join(root, 'node_modules/better-sqlite3');
  const outDir = path.join(root, '.electron-native');
  const out = path.join(outDir, 'better_sqlite3.node');
  const electronVersion = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const stamp = path.join(outDir, 'built-for.txt');
  const want = `electron ${electronVersion} better-sqlite3 ${sqliteVersion} ${process.platform}-${process.arch}`;

  if (fs.existsSync(out) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) {
    console.log(`better-sqlite3 for Electron is up to date (${want})`);
    return;
  }
  const work = path.join(outDir, 'src');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(pkgDir, work, { recursive: true, filter: copyFilter(pkgDir) });
  console.log(`building better-sqlite3 for Electron ${electronVersion} (downloads Electron's headers once)...`);
  const gyp = path.join(root, 'node_modules/node-gyp/bin/node-gyp.js');
  execFileSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), out);
  fs.writeFileSync(stamp, want);
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`wrote ${path.relative(root, out)}`);
}

// Run as a script (not when a test imports the functions above).
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) main();
