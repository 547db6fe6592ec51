import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../main/db/open';
import { parseInProcess } from '../../../main/import/parse';
import { sha256 } from '../../../main/import/service';
import { LARGE_FILE_BYTES } from '../../../main/import/threads';
import { createWorkspace } from '../../../main/workspaces/service';
import { SAMPLES, tempDir } from '../../helpers/db';
import { withParser } from '../../helpers/parser';
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
    await withParser(async (parser) => {
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
    });
  }, 120_000);

  it('refuses a file with no KPI sheet once its sheets are put together, and reads the next file', async () => {
    await withParser(async (parser) => {
      const none = fs.readFileSync(path.resolve(__dirname, '../../fixtures/messy/no-kpi-sheet.xlsx'));
      const req = { bytes: none, fileName: 'none.xlsx', hash: sha256(none), options: {} };
      await expect(parser.parse('none', req)).rejects.toMatchObject({ code: 'no-kpi-sheet' });
      const bytes = fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'));
      const wb = await parser.parse('next', { bytes, fileName: 'tc.xlsx', hash: sha256(bytes), options: {} });
      expect(wb.sheets.flatMap((s) => s.rows)).toHaveLength(67);
    });
  }, 60_000);
});

describe('a large workbook previewed again after a mapping change', () => {
  it('gives the rows of the corrected mapping', async () => {
    await withParser(async (parser) => {
      const big = await makeRollupWorkbook(await sampleKpis(SAMPLES), 100, 12);
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
    });
  }, 120_000);
});

describe("a preview's workbook kept for its commit", () => {
  const without = ({ readMs: _r, interpretMs: _i, ...rest }: { readMs?: number; interpretMs?: number }) => rest;

  it('is handed to the commit as the preview read it, then read again only by the next preview', async () => {
    await withParser(async (parser) => {
      const bytes = fs.readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'));
      const req = { bytes, fileName: 'acme.xlsx', hash: sha256(bytes), options: {} };
      const phases: string[] = [];
      const preview = await parser.parse('preview', req, (p) => phases.push(p));
      expect(phases).toEqual(['reading', 'checking']);
      // The commit gets it without the thread reading or sending the file again.
      const commit = await parser.parse('commit', { ...req, take: true }, (p) => phases.push(p));
      expect(phases).toEqual(['reading', 'checking']);
      expect(commit.readMs).toBe(0);
      expect(without(commit)).toEqual(without(preview));
      expect(commit.sheets).toBe(preview.sheets);
      // Taken: the next call reads the file again (the store empties the rows it was given).
      for (const s of commit.sheets) s.rows = [];
      const next = await parser.parse('preview-2', req, (p) => phases.push(p));
      expect(phases).toEqual(['reading', 'checking', 'reading', 'checking']);
      expect(next.sheets.flatMap((s) => s.rows)).toHaveLength(670);
      // In-process (the command line), the same.
      const a = await parseInProcess(req);
      const b = await parseInProcess({ ...req, take: true });
      expect(b.sheets).toBe(a.sheets);
      expect((await parseInProcess(req)).sheets).not.toBe(a.sheets);
      expect(without(await parseInProcess({ ...req, take: true }))).toEqual(without(next));
    });
  }, 120_000);
});

describe('the import thread started ahead of the first file', () => {
  it('is ready after warm(), parses at once, comes back fresh after a large file, and stays stopped once closed', async () => {
    await withParser(async (parser) => {
      expect(parser.threadRunning).toBe(false);
      await parser.warm();
      expect(parser.threadRunning).toBe(true);
      const big = await makeRollupWorkbook(await sampleKpis(SAMPLES), 100, 12);
      expect(big.byteLength).toBeGreaterThan(LARGE_FILE_BYTES);
      const wb = await parser.parse('big', { bytes: big, fileName: 'big.xlsx', hash: sha256(big), options: {} });
      expect(wb.accounts).toHaveLength(100);
      // After a large file the thread is replaced (its memory goes back) and made ready again.
      await parser.forget();
      expect(parser.threadRunning).toBe(true);
      await parser.close();
      expect(parser.threadRunning).toBe(false);
      await parser.warm();
      expect(parser.threadRunning).toBe(false);
    });
  }, 120_000);
});
