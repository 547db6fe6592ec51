import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importParser } from '../../../main/import/handlers';
import { sha256 } from '../../../main/import/service';
import { IMPORT_TIME_LIMIT_MS, timeLimitMessage, WorkbookParser } from '../../../main/import/threads';
import { MAX_CELLS } from '../../../main/import/workbook/safety';
import { AppError } from '../../../shared/errors';
import { ok, SAMPLES, tempBackend } from '../../helpers/db';

/** The reference-range import reads its file on the import's worker thread, as every import does. */
describe('ranges.import on the import worker', () => {
  let t: Awaited<ReturnType<typeof tempBackend>>;
  beforeEach(async () => {
    t = await tempBackend();
    await ok(t.backend, 'workspaces.create', { name: 'W' });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('reads the file on a worker thread and stores the ranges', async () => {
    const parser = importParser(t.backend.ctx);
    expect(parser.threadRunning).toBe(false);
    const csv = fs
      .readFileSync(path.join(SAMPLES, 'reference-ranges.csv'), 'utf8')
      .replace(/^NPS Score,([^,]*),([^,]*),[^,]*,/m, 'NPS Score,$1,$2,-101,');
    const r = await ok(t.backend, 'ranges.import', {
      fileName: 'ranges.csv',
      bytes: new TextEncoder().encode(csv),
    });
    expect(r).toEqual({ added: 0, updated: 1, unchanged: expect.any(Number) });
    // The main thread started a worker for it (none ran before).
    expect(parser.threadRunning).toBe(true);
    const nps = (await ok(t.backend, 'ranges.list')).find((x: { kpiName: string }) => x.kpiName === 'NPS Score');
    expect(nps.criticalMin).toBe(-101);
  }, 60_000);

  it('a refused file comes back from the worker with its sentence, and nothing changes', async () => {
    const before = await ok(t.backend, 'ranges.list');
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    Buffer.from('Workbook', 'utf16le').copy(xls, 600);
    const r = await t.backend.invoke('ranges.import', { fileName: 'ranges.xls', bytes: new Uint8Array(xls) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'This is an old-style .xls file; save it as .xlsx in Excel and try again.' },
    });
    const rows = Buffer.from(`kpi_name,unit\n${'x,y\n'.repeat(MAX_CELLS / 2 + 1)}`);
    const big = await t.backend.invoke('ranges.import', { fileName: 'ranges.csv', bytes: new Uint8Array(rows) });
    expect(big).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/more than/) } });
    expect(await ok(t.backend, 'ranges.list')).toEqual(before);
  }, 60_000);
});

describe('the time limit of every import', () => {
  it('stops a reading that takes longer than the limit, says so in a sentence, and the next file is read', async () => {
    // A real CSV file just under the cell limit: reading and checking it takes seconds, more than
    // the one-second limit this parser is given (the app's is two minutes).
    const line = `KPI Parameter,Data,${Array.from({ length: 18 }, (_, i) => `x${i}`).join(',')}\n`;
    const bytes = Buffer.from(line.repeat(Math.floor((MAX_CELLS - 100) / 20)));
    const parser = new WorkbookParser({ timeMs: 1000 });
    try {
      await parser.warm(); // the threads have loaded their code: the clock is the file's alone
      const req = { bytes, fileName: 'slow.csv', hash: sha256(bytes), options: {} };
      const err = await parser.parse('slow', req).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'refused', message: timeLimitMessage(1000) });
      expect((err as Error).message).toBe(
        'This file took more than 1 second to read, far longer than a KPI workbook takes, so it was stopped and nothing was saved; remove unused sheets or data, save it again in Excel and try again.',
      );
      const refusal = await parser
        .readFirstSheet('slow-ranges', { bytes, fileName: 'slow.csv' })
        .catch((e: unknown) => e);
      expect(refusal).toMatchObject({ code: 'refused', message: timeLimitMessage(1000) });
      // Fresh threads take the next file (under the app's limit: this machine may be busy).
      const sample = fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'));
      parser.limits.timeMs = IMPORT_TIME_LIMIT_MS;
      const wb = await parser.parse('next', {
        bytes: sample,
        fileName: 'techcorp.xlsx',
        hash: sha256(sample),
        options: {},
      });
      expect(wb.sheets.flatMap((s) => s.rows)).toHaveLength(67);
    } finally {
      await parser.close();
    }
  }, 120_000);
});
