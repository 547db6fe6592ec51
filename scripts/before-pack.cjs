// electron-builder hook: make sure better-sqlite3 is built for Electron before packing.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

exports.default = async function beforePack() {
  execFileSync(process.execPath, [path.join(__dirname, 'electron-native.mjs')], { stdio: 'inherit' });
};
