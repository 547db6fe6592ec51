// electron-builder hook: make sure better-sqlite3 is built for Electron, for the system and the
// processor being packed, before packing. The script refuses (and the pack stops) when it cannot
// make that binary, rather than shipping one for another machine.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { Arch } = require('electron-builder');

exports.default = async function beforePack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = Arch[context.arch];
  execFileSync(
    process.execPath,
    [path.join(__dirname, 'electron-native.mjs'), '--platform', platform, '--arch', arch],
    {
      stdio: 'inherit',
    },
  );
};
