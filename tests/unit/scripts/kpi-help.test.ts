import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const node = (...args: string[]) =>
  spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

/** `npm run kpi -- --help` answers from the text the build wrote beside the bundle (scripts/kpi.mjs). */
describe('the command line help', () => {
  it('is the bundle’s own --help, written at build time and answered without loading the bundle', () => {
    const fast = node('scripts/kpi.mjs', '--help'); // builds the bundle first when a source is newer
    expect(fast.status).toBe(0);
    const help = path.join(ROOT, 'dist/main/kpi-help.txt');
    expect(fs.statSync(help).mtimeMs).toBeGreaterThanOrEqual(fs.statSync(path.join(ROOT, 'dist/main/kpi.cjs')).mtimeMs);
    const full = node('dist/main/kpi.cjs', '--help');
    expect(full.status).toBe(0);
    expect(fast.stdout).toBe(full.stdout);
    expect(fast.stdout).toMatch(/^usage: npm run kpi -- <command> \[options\]\n\ncommands:\n/);
    expect(fast.stdout).toContain('  import ');
    // A command's own help still comes from the bundle.
    const importHelp = node('scripts/kpi.mjs', 'import', '--help');
    expect(importHelp.status).toBe(0);
    expect(importHelp.stdout).toMatch(/^usage: npm run kpi -- import FILE --db FILE --customer NAME/);
  });
});

describe('the command line’s output', () => {
  it('ends quietly when the program reading it has stopped (`| head -1`)', () => {
    node('scripts/kpi.mjs', '--help'); // the bundle built
    // `true` exits without reading, long before the command line has started and writes.
    const piped = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" dist/main/kpi.cjs accounts --help | true; echo "status \${PIPESTATUS[0]}"`],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe('status 0\n');
  });

  it('still closes the database when the reader has stopped: the import is kept and no write-ahead log is left', () => {
    node('scripts/kpi.mjs', '--help'); // the bundle built
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-pipe-'));
    const db = path.join(dir, 'k.db');
    for (const args of [
      ['init', '--db', db],
      ['customer', 'add', '--db', db, '--name', 'Acme', '--mode', 'account_rollup'],
    ])
      expect(node('dist/main/kpi.cjs', ...args).status).toBe(0);
    const workbook = path.resolve(ROOT, '../shared/samples/acme-rollup-2025-09.xlsx');
    // The import writes its report to a pipe whose reader has gone: every line meets a closed pipe.
    const piped = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" dist/main/kpi.cjs import "${workbook}" --db "${db}" --customer Acme --create-accounts | true; echo "status \${PIPESTATUS[0]}"`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe('status 0\n');
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
    const listed = node('dist/main/kpi.cjs', 'accounts', '--db', db, '--customer', 'Acme', '--json');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout).length).toBeGreaterThan(1);
  });
});
