// Bundles the Electron main process and the preload (CommonJS, as a sandboxed preload must be).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url)));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  define: { __APP_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: { electron: 'main/electron/main.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
});
// The import's worker thread, loaded by main/import/parse.ts from beside the main bundle.
await build({
  ...common,
  entryPoints: { 'import-worker': 'main/import/worker.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
});
await build({
  ...common,
  entryPoints: { index: 'preload/index.ts' },
  outdir: 'dist/preload',
  outExtension: { '.js': '.cjs' },
});
console.log('built dist/main and dist/preload');
