// `npm test`: every check the project has, in one run, ending with one line "N passed, N failed".
// Lint and the type check count as one check each; vitest and Playwright count their tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (label, cmd, args) => {
  console.log(`\n=== ${label}: ${[path.basename(cmd), ...args].join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(`=== ${label}: exit ${r.status} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
};

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const count = (label, passed, failed, skipped = 0) => {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
};
const check = (label, status) => count(label, status === 0 ? 1 : 0, status === 0 ? 0 : 1);

check('lint', run('lint', bin('biome'), ['check', '.']));
check('typecheck', run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));

const vitestJson = path.join(tmp, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vStatus = run('unit', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestJson}`,
]);
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  const failed = v.numFailedTests + (vStatus !== 0 && v.numFailedTests === 0 ? 1 : 0);
  count('unit', v.numPassedTests, failed, v.numPendingTests + v.numTodoTests);
} else {
  count('unit', 0, 1);
}

const build = run('build renderer', bin('vite'), ['build', '--logLevel', 'warn']);
check('build', build);
if (build === 0) {
  const pwJson = path.join(tmp, 'playwright.json');
  fs.rmSync(pwJson, { force: true });
  const pStatus = run('e2e', bin('playwright'), ['test']);
  if (fs.existsSync(pwJson)) {
    const s = JSON.parse(fs.readFileSync(pwJson, 'utf8')).stats;
    const failed = s.unexpected + (pStatus !== 0 && s.unexpected === 0 ? 1 : 0);
    count('e2e', s.expected + s.flaky, failed, s.skipped);
  } else {
    count('e2e', 0, 1);
  }
}

console.log(`\n${lines.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed ? 1 : 0;
