import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeLog, configureLog, formatRecord, log, logFile } from '../../../main/log';
import { tempDir } from '../../helpers/db';

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);

describe('main/log.ts', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(async () => {
    await closeLog();
    vi.restoreAllMocks();
    t.cleanup();
  });

  it('writes one JSON record a line, with the error stack of an unexpected failure', async () => {
    configureLog({ dir: path.join(t.dir, 'logs') });
    log.info('startup', { version: '1.2.3', db: '/x/kpi.db' });
    log.error('dispatch.failed', { channel: 'accounts.list', error: new Error('disk I/O error') });
    const file = logFile()!;
    expect(file).toBe(path.join(t.dir, 'logs', 'main.log'));
    await closeLog();
    const [a, b] = lines(file);
    expect(a).toMatchObject({ level: 'info', event: 'startup', version: '1.2.3', db: '/x/kpi.db' });
    expect(new Date(a.time).toISOString()).toBe(a.time);
    expect(b).toMatchObject({ level: 'error', event: 'dispatch.failed', channel: 'accounts.list' });
    expect(b.error.message).toBe('disk I/O error');
    expect(b.error.stack).toContain('log.test.ts');
  });

  it('rotates by size and keeps only the configured number of older files', async () => {
    const dir = path.join(t.dir, 'logs');
    configureLog({ dir, maxBytes: 400, keep: 2 });
    for (let i = 0; i < 40; i++) log.info('import', { i, fileName: 'acme-rollup-2025-09.xlsx' });
    await closeLog();
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(400);
    // the newest record is in main.log, the ones before it in main.1.log, nothing lost in between
    const current = lines(path.join(dir, 'main.log')).map((r) => r.i);
    const previous = lines(path.join(dir, 'main.1.log')).map((r) => r.i);
    expect(current[current.length - 1]).toBe(39);
    expect(previous[previous.length - 1]).toBe(current[0] - 1);
  });

  it('appends to the file of an earlier run', async () => {
    configureLog({ dir: t.dir });
    log.info('startup', { run: 1 });
    await closeLog();
    configureLog({ dir: t.dir });
    log.info('startup', { run: 2 });
    await closeLog();
    expect(lines(path.join(t.dir, 'main.log')).map((r) => r.run)).toEqual([1, 2]);
  });

  it('without a folder: warnings and errors go to stderr with their stack, the rest nowhere', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    log.info('startup', { version: '1' });
    log.error('web.failed', { path: '/api/invoke', error: new Error('boom') });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\[kpi\] error web\.failed \{"path":"\/api\/invoke"\}\nError: boom\n\s+at /);
  });

  it('formats values JSON cannot hold', () => {
    const rec = JSON.parse(formatRecord('warn', 'x', { n: 10n, nested: { e: new TypeError('bad') } }));
    expect(rec.n).toBe('10');
    expect(rec.nested.e).toMatchObject({ name: 'TypeError', message: 'bad' });
  });
});
