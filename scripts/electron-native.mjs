// Builds better-sqlite3 against Electron's ABI into .electron-native/better_sqlite3.node, apart
// from node_modules (whose Node build the tests use), so `npm test` still works after `npm start`.
// Run by `npm start` and by electron-builder's beforePack; needs the network (Electron's headers),
// so it is never part of `npm install`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '.electron-native');
const out = path.join(outDir, 'better_sqlite3.node');
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const sqliteVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
).version;
const stamp = path.join(outDir, 'built-for.txt');
const want = `electron ${electronVersion} better-sqlite3 ${sqliteVersion} ${process.platform}-${process.arch}`;

if (fs.existsSync(out) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) {
  console.log(`better-sqlite3 for Electron is up to date (${want})`);
  process.exit(0);
}
const work = path.join(outDir, 'src');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), work, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
});
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
