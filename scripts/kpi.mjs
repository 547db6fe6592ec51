// `npm run kpi`: runs the command line from a prebuilt bundle (dist/main/kpi.cjs, beside the
// import worker it starts), built here with esbuild (no network) when it is missing or older
// than any of its sources. `node scripts/kpi.mjs --build` only builds it (the install step).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/main');
const bundle = path.join(out, 'kpi.cjs');
const worker = path.join(out, 'import-worker.cjs');
// The command list (`--help`), written by the build from the bundle itself, so that `npm run kpi
// -- --help` answers without loading the 2 MB bundle (npm's own start is most of what is left).
const helpText = path.join(out, 'kpi-help.txt');
const SOURCES = ['main', 'shared', 'migrations', 'package.json', 'scripts/kpi.mjs'];

/** The newest modification time among the sources (a few hundred files: milliseconds). */
function newest(p) {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

const built = (f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0;

async function build() {
  const { build: esbuild } = await import('esbuild');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3'],
    define: { __APP_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    minify: true,
    keepNames: true,
    absWorkingDir: root,
    outdir: out,
    outExtension: { '.js': '.cjs' },
  };
  await esbuild({ ...common, entryPoints: { kpi: 'main/cli/index.ts', 'import-worker': 'main/import/worker.ts' } });
  writeFileSync(helpText, execFileSync(process.execPath, [bundle, '--help']));
}

const buildOnly = process.argv[2] === '--build';
const sources = newest.bind(null);
const stale = Math.min(built(bundle), built(worker)) < Math.max(...SOURCES.map((s) => sources(path.join(root, s))));
if (stale || buildOnly) await build();
const args = process.argv.slice(2);
const helpOnly = args.length === 1 && (args[0] === '--help' || args[0] === '-h');
if (!buildOnly && helpOnly && built(helpText) >= built(bundle)) {
  process.stdout.write(readFileSync(helpText));
} else if (!buildOnly) run();

/**
 * Runs the bundle as CommonJS with V8's code cache kept beside it (dist/main/kpi.cjs.cache), so
 * that a start skips compiling its 2 MB (Node 20 has no module compile cache of its own).
 */
function run() {
  const cacheFile = `${bundle}.cache`;
  const cached = statSync(cacheFile, { throwIfNoEntry: false });
  const cachedData = cached && cached.mtimeMs >= built(bundle) ? readFileSync(cacheFile) : undefined;
  const source = readFileSync(bundle, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} };
  const fn = script.runInThisContext();
  fn.call(module.exports, module.exports, nodeModule.createRequire(bundle), module, bundle, out);
  if (!cachedData || script.cachedDataRejected) {
    process.once('beforeExit', () => {
      try {
        writeFileSync(cacheFile, script.createCachedData());
      } catch {
        // a read-only checkout: run without the cache
      }
    });
  }
}
