import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../main/db/open';
import { SPLIT_FROM_BYTES } from '../../../main/import/parse';
import { sha256 } from '../../../main/import/service';
import { WorkbookParser } from '../../../main/import/threads';
import { createWorkspace } from '../../../main/workspaces/service';
import { SAMPLES, tempDir } from '../../helpers/db';
import { makeRollupWorkbook, sampleKpis } from '../../helpers/workbooks';

const ROOT = path.resolve(__dirname, '../../..');

describe('an import that dies midway', () => {
  it('leaves a database that opens clean, with no partial upload (SIGKILL during the write)', async () => {
    const t = tempDir();
    try {
      const dbFile = path.join(t.dir, 'crash.db');
      const db = await openDb(dbFile);
      const ws = createWorkspace(db, { name: 'Crash', mode: 'account_rollup' });
      await db.close();
      const file = path.join(t.dir, 'big-rollup.xlsx');
      fs.writeFileSync(file, await makeRollupWorkbook(await sampleKpis(SAMPLES), 250, 12));

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'tests/helpers/import-child.ts', dbFile, file, String(ws.id)],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const seen: string[] = [];
      const killed = new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          for (const line of d.toString().split('\n').filter(Boolean)) {
            seen.push(line);
            // Kill it shortly after the write transaction has begun.
            if (line === 'saving') setTimeout(() => child.kill('SIGKILL'), 60);
          }
        });
        child.on('exit', () => resolve());
      });
      await killed;
      expect(seen).toContain('saving');
      expect(seen).not.toContain('committed');

      const after = await openDb(dbFile);
      try {
        expect(after.raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(after.raw.prepare('SELECT count(*) n FROM kpi_uploads').get()).toEqual({ n: 0 });
        expect(after.raw.prepare('SELECT count(*) n FROM kpis').get()).toEqual({ n: 0 });
        expect(after.raw.prepare('SELECT count(*) n FROM kpi_time_series').get()).toEqual({ n: 0 });
        expect(after.raw.prepare('SELECT count(*) n FROM accounts').get()).toEqual({ n: 0 });
      } finally {
        await after.close();
      }
    } finally {
      t.cleanup();
    }
  }, 120_000);
});

describe('parsing in the worker thread', () => {
  it('gives the same rows as reading in-process, and can be cancelled', async () => {
    const parser = new WorkbookParser();
    try {
      const bytes = fs.readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'));
      const phases: string[] = [];
      const wb = await parser.parse('job-1', { bytes, fileName: 'acme.xlsx', hash: sha256(bytes), options: {} }, (p) =>
        phases.push(p),
      );
      expect(phases).toEqual(['reading', 'checking']);
      expect(wb.sheets.flatMap((s) => s.rows)).toHaveLength(670);
      expect(wb.accounts).toHaveLength(10);

      const big = await makeRollupWorkbook(await sampleKpis(SAMPLES), 150, 12);
      const running = parser.parse('job-2', { bytes: big, fileName: 'big.xlsx', hash: sha256(big), options: {} });
      setTimeout(() => parser.cancel('job-2'), 50);
      await expect(running).rejects.toThrow('The import was cancelled.');
      // A new job after a cancel gets a fresh worker.
      const again = await parser.parse('job-3', { bytes, fileName: 'acme.xlsx', hash: sha256(bytes), options: {} });
      expect(again.accounts).toHaveLength(10);
    } finally {
      await parser.close();
    }
  }, 120_000);
});

describe('a large workbook previewed again after a mapping change', () => {
  it('gives the rows of the corrected mapping', async () => {
    const parser = new WorkbookParser();
    try {
      const big = await makeRollupWorkbook(await sampleKpis(SAMPLES), 100, 12);
      expect(big.byteLength).toBeGreaterThan(SPLIT_FROM_BYTES); // split between both threads
      const req = { bytes: big, fileName: 'big.xlsx', hash: sha256(big), options: {} };
      const first = await parser.parse('preview-1', req);
      const sheet = first.sheets[first.sheets.length - 1];
      expect(sheet.rows.some((r) => r.dataValue != null)).toBe(true);
      const mapping = sheet.mapping.map((m) => (m.field === 'data' ? { ...m, field: 'ignored' as const } : m));
      const again = await parser.parse('preview-2', { ...req, options: { mappings: { [sheet.name]: mapping } } });
      const corrected = again.sheets.find((s) => s.name === sheet.name);
      expect(corrected?.rows).toHaveLength(sheet.rows.length);
      expect(corrected?.rows.every((r) => r.dataValue == null)).toBe(true);
      // The other sheets are as they were.
      expect(again.sheets.map((s) => s.rows.length)).toEqual(first.sheets.map((s) => s.rows.length));
    } finally {
      await parser.close();
    }
  }, 120_000);
});

describe('the import threads started ahead of the first file', () => {
  it('are both ready after warm(), parse at once, come back fresh after a large file, and stay stopped once closed', async () => {
    const parser = new WorkbookParser();
    try {
      expect(parser.threadsRunning).toBe(0);
      await parser.warm();
      expect(parser.threadsRunning).toBe(2);
      const big = await makeRollupWorkbook(await sampleKpis(SAMPLES), 100, 12);
      expect(big.byteLength).toBeGreaterThan(SPLIT_FROM_BYTES); // read by both threads
      const wb = await parser.parse('big', { bytes: big, fileName: 'big.xlsx', hash: sha256(big), options: {} });
      expect(wb.accounts).toHaveLength(100);
      // After a large file the threads are replaced (their memory goes back) and made ready again.
      await parser.forget();
      expect(parser.threadsRunning).toBe(2);
      await parser.close();
      expect(parser.threadsRunning).toBe(0);
      await parser.warm();
      expect(parser.threadsRunning).toBe(0);
    } finally {
      await parser.close();
    }
  }, 120_000);
});

describe('a large workbook read by two threads', () => {
  it('gives exactly the rows, issues, months and accounts of the single-threaded reading', async () => {
    const { splitRequest, mergeHalves, parseInProcess } = await import('../../../main/import/parse');
    const cases: Array<[string, Buffer]> = [
      ['generated.xlsx', await makeRollupWorkbook(await sampleKpis(SAMPLES), 40, 6)],
      ['layout.xlsx', fs.readFileSync(path.resolve(__dirname, '../../fixtures/messy/layout.xlsx'))],
      ['rollup.xlsx', fs.readFileSync(path.resolve(__dirname, '../../fixtures/messy/rollup.xlsx'))],
      ['acme.xlsx', fs.readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'))],
    ];
    for (const [name, bytes] of cases) {
      const req = { bytes, fileName: name, hash: sha256(bytes), options: {} };
      const whole = await parseInProcess(req);
      const halves = await splitRequest(req, 0);
      expect(halves, name).not.toBeNull();
      const [a, b] = halves!;
      const { readMs: _r, interpretMs: _i, ...merged } = mergeHalves(await parseInProcess(a), await parseInProcess(b));
      const { sheetOrder: _s, readMs: _r2, interpretMs: _i2, ...single } = whole;
      expect(merged, name).toEqual(single);
    }
  }, 120_000);

  it('reports duplicates across sheets read by different threads as the single reading does: same rows, column letters and order', async () => {
    const { mergeHalves, parseInProcess } = await import('../../../main/import/parse');
    const { withOnlySheets, worksheetParts } = await import('../../../main/import/workbook/split');
    const bytes = fs.readFileSync(path.resolve(__dirname, '../../fixtures/messy/duplicates.xlsx'));
    const parts = worksheetParts(bytes)!.map((p) => p.name);
    expect(parts).toHaveLength(4);
    for (const uploadMode of ['account_rollup', 'corporate'] as const) {
      const req = { bytes, fileName: 'duplicates.xlsx', hash: sha256(bytes), options: { uploadMode } };
      const { sheetOrder: _s, readMs: _r, interpretMs: _i, ...single } = await parseInProcess(req);
      expect(
        single.issues.filter((i) => i.message.includes('appears twice')).map((i) => [i.sheet, i.row, i.column]),
      ).toEqual([
        [' product value', 2, 'B'],
        [' product value', 4, 'B'],
        ['Support & Experience', 3, 'B'],
      ]);
      // Every way of sharing the four sheets between the two threads.
      for (let mask = 1; mask < (1 << parts.length) - 1; mask++) {
        const half = (n: number) =>
          parseInProcess({
            ...req,
            bytes: withOnlySheets(bytes, new Set(parts.filter((_, i) => ((mask >> i) & 1) === n))),
            hash: `${req.hash}:${mask}:${n}`,
            partial: true,
          });
        const { readMs: _r2, interpretMs: _i2, ...merged } = mergeHalves(await half(1), await half(0), req.options);
        expect(merged, `${uploadMode}, sheets ${mask.toString(2)} in the first thread`).toEqual(single);
      }
    }
  }, 120_000);
});
