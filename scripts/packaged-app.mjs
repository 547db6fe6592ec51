// Prints the packaged app's executable that `npm run dist` left in release/ for this machine, for
// the release workflow's launch test (KPI_E2E_APP); exits 1 with one line when there is none.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where electron-builder puts the unpacked app: release/<system>[-<arch>]-unpacked (the processor
 * named unless it is x64; macOS: release/mac[-arch] holding the .app bundle).
 * @param {{ platform: string, arch: string, productName: string, name: string, releaseDir: string }} o
 */
export function packagedExecutable({ platform, arch, productName, name, releaseDir }) {
  const suffix = arch === 'x64' ? '' : `-${arch}`;
  if (platform === 'darwin')
    return path.join(releaseDir, `mac${suffix}`, `${productName}.app`, 'Contents', 'MacOS', productName);
  if (platform === 'win32') return path.join(releaseDir, `win${suffix}-unpacked`, `${productName}.exe`);
  return path.join(releaseDir, `linux${suffix}-unpacked`, name.toLowerCase());
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const exe = packagedExecutable({
    platform: process.platform,
    arch: process.arch,
    productName: pkg.productName,
    name: pkg.name,
    releaseDir: path.join(root, 'release'),
  });
  if (fs.existsSync(exe)) console.log(exe);
  else {
    console.error(`packaged-app: ${exe} is not there: run "npm run dist" first.`);
    process.exitCode = 1;
  }
}
