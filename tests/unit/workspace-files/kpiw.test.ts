import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../../main/db/open';
import { readHeader, sealWorkspaceBody, unsealWorkspacePieces } from '../../../main/workspace-files/container';
import { exportWorkspaceFile, type WorkspaceDump } from '../../../main/workspace-files/export';
import { importWorkspaceFile } from '../../../main/workspace-files/import';
import { type TableInfo, workspaceTables } from '../../../main/workspace-files/tables';
import { kpi } from '../../helpers/cli';
import { SAMPLES, tempDir } from '../../helpers/db';
import { dumpWorkspace, sealWorkspace } from '../../helpers/workspace-dump';

/**
 * A dump with every row id replaced by the row's position in its table and every reference by the
 * position of the row it points at, so two copies of a workspace compare equal exactly when every
 * row and every link between rows is the same.
 */
function normalise(dump: WorkspaceDump, tables: TableInfo[]): Record<string, unknown[][]> {
  const position = new Map<string, Map<unknown, number>>();
  for (const t of tables) {
    const data = dump.tables[t.name];
    for (const f of tables.flatMap((x) => x.foreignKeys).filter((f) => f.table === t.name)) {
      const col = data.columns.indexOf(f.to);
      position.set(`${t.name}.${f.to}`, new Map(data.rows.map((r, i) => [r[col], i])));
    }
  }
  const out: Record<string, unknown[][]> = {};
  for (const t of tables) {
    const data = dump.tables[t.name];
    out[t.name] = data.rows.map((row) =>
      data.columns.map((c, i) => {
        if (c === t.rowId || c === 'customer_id') return '#';
        const fk = t.foreignKeys.find((f) => f.from === c);
        if (fk && row[i] != null) return `->${fk.table}[${position.get(`${fk.table}.${fk.to}`)?.get(row[i])}]`;
        if (t.uniqueText.includes(c) && typeof row[i] === 'string')
          return (row[i] as string).replace(/-w\d+(-\d+)?$/, '');
        return row[i];
      }),
    );
  }
  return out;
}

describe('workspace files (.kpiw, issue 11 point 4)', () => {
  let t: ReturnType<typeof tempDir>;
  let source: string;
  beforeAll(async () => {
    t = tempDir();
    source = path.join(t.dir, 'source.db');
    const rollup = path.join(SAMPLES, 'acme-rollup-2025-09.xlsx');
    const corp = path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx');
    expect((await kpi('customer', 'add', '--db', source, '--name', 'ACME', '--mode', 'account_rollup')).code).toBe(0);
    expect((await kpi('import', rollup, '--db', source, '--customer', 'ACME', '--create-accounts')).code).toBe(0);
    expect((await kpi('customer', 'add', '--db', source, '--name', 'TechCorp')).code).toBe(0);
    expect(
      (await kpi('account', 'add', '--db', source, '--customer', 'TechCorp', '--name', 'TechCorp Solutions')).code,
    ).toBe(0);
    expect(
      (await kpi('import', corp, '--db', source, '--customer', 'TechCorp', '--account', 'TechCorp Solutions')).code,
    ).toBe(0);
    const started = await kpi(
      'playbooks',
      'start',
      '--db',
      source,
      '--customer',
      'ACME',
      '--account',
      'ACME Cloud',
      '--playbook',
      'voc-sprint',
      '--json',
    );
    expect(started.code).toBe(0);
  }, 120_000);
  afterAll(() => t.cleanup());

  const withDb = async <T>(file: string, fn: (db: Db) => T | Promise<T>): Promise<T> => {
    const db = await openDb(file);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  it('round-trips a workspace into another database: every row and every link the same, plain and encrypted', async () => {
    const { plain, sealed, before, tables } = await withDb(source, (db) => ({
      plain: exportWorkspaceFile(db, 1).bytes,
      sealed: exportWorkspaceFile(db, 1, 'correct horse battery staple').bytes,
      before: dumpWorkspace(db, 1),
      tables: workspaceTables(db.raw),
    }));
    expect(before.tables.kpi_uploads.rows.length).toBeGreaterThan(5);
    expect(before.tables.playbook_executions.rows.length).toBe(1);
    expect(before.tables.import_files.rows.length).toBe(1);
    for (const [label, bytes, passphrase] of [
      ['plain', plain, undefined],
      ['encrypted', sealed, 'correct horse battery staple'],
    ] as const) {
      const target = path.join(t.dir, `target-${label}.db`);
      expect((await kpi('customer', 'add', '--db', target, '--name', 'Someone else')).code).toBe(0);
      await withDb(target, (db) => {
        const r = importWorkspaceFile(db, bytes, { fileName: 'acme.kpiw', passphrase });
        expect(r).toMatchObject({ name: 'ACME', accounts: 10, rangeDifferences: [] });
        expect(r.workspaceId).not.toBe(1);
        expect(normalise(dumpWorkspace(db, r.workspaceId), tables)).toEqual(normalise(before, tables));
        // The original workbook's bytes came across too.
        const file = db.raw.prepare('SELECT bytes FROM import_files WHERE customer_id = ?').get(r.workspaceId) as {
          bytes: Buffer;
        };
        expect(file.bytes.equals(fs.readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.xlsx')))).toBe(true);
      });
    }
  });

  it('writes the rows as lines (no workspace held as one string), in gzip pieces, and still reads the one-document files of before', async () => {
    const { bytes, before, tables, oneDocument } = await withDb(source, (db) => ({
      bytes: exportWorkspaceFile(db, 1).bytes,
      before: dumpWorkspace(db, 1),
      tables: workspaceTables(db.raw),
      // As the app wrote a .kpiw before (format 1, dump version 1): one JSON document.
      oneDocument: Buffer.from(sealWorkspace(JSON.stringify(dumpWorkspace(db, 1)), 'ACME')).fill(1, 4, 5),
    }));
    const lines = Buffer.concat([...unsealWorkspacePieces(bytes, 'acme.kpiw')])
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const head = JSON.parse(lines[0]);
    expect(head).toMatchObject({ app: 'KPI Dashboard', dumpVersion: 2, workspace: { name: 'ACME' } });
    expect(head.tables).toBeUndefined();
    const tableLines = lines.filter((l) => l.startsWith('{"table":'));
    expect(tableLines.map((l) => JSON.parse(l).table)).toEqual(Object.keys(before.tables));
    const rows = Object.values(before.tables).reduce((n, x) => n + x.rows.length, 0);
    expect(lines).toHaveLength(1 + tableLines.length + rows);
    // The same lines gzipped in three pieces (as a large workspace is written) read as one body.
    const third = Math.floor(lines.length / 3);
    const pieces = [lines.slice(0, third), lines.slice(third, 2 * third), lines.slice(2 * third)].map((part) =>
      zlib.gzipSync(Buffer.from(`${part.join('\n')}\n`, 'utf8')),
    );
    // Read one piece at a time when the header gives their lengths (as the app writes), as one stream without.
    const inPieces = sealWorkspaceBody(
      Buffer.concat(pieces),
      'ACME',
      undefined,
      pieces.map((p) => p.length),
    );
    const unlisted = sealWorkspaceBody(Buffer.concat(pieces), 'ACME');
    expect(readHeader(bytes).header.pieces).toEqual([expect.any(Number)]);
    for (const [label, file] of [
      ['pieces', inPieces],
      ['pieces unlisted', unlisted],
      ['one document', oneDocument],
    ] as const) {
      const target = path.join(t.dir, `layout-${label.replaceAll(' ', '-')}.db`);
      expect((await kpi('init', '--db', target)).code).toBe(0);
      await withDb(target, (db) => {
        const r = importWorkspaceFile(db, file, { fileName: 'acme.kpiw' });
        expect(r).toMatchObject({ name: 'ACME', accounts: 10, uploads: before.tables.kpi_uploads.rows.length });
        expect(normalise(dumpWorkspace(db, r.workspaceId), tables)).toEqual(normalise(before, tables));
      });
    }
  });

  it('imports beside the original as "Name (2)", never merging, with fresh execution ids', async () => {
    await withDb(source, (db) => {
      const bytes = exportWorkspaceFile(db, 1).bytes;
      const tables = workspaceTables(db.raw);
      const r = importWorkspaceFile(db, bytes, { fileName: 'acme.kpiw' });
      expect(r.name).toBe('ACME (2)');
      expect(normalise(dumpWorkspace(db, r.workspaceId), tables)).toEqual(normalise(dumpWorkspace(db, 1), tables));
      const ids = db.raw.prepare('SELECT execution_id FROM playbook_executions ORDER BY id').all() as Array<{
        execution_id: string;
      }>;
      expect(new Set(ids.map((x) => x.execution_id)).size).toBe(ids.length);
      expect(db.raw.prepare('SELECT count(*) AS n FROM accounts WHERE customer_id = 1').get()).toEqual({ n: 10 });
    });
  });

  it('refuses a wrong passphrase, a missing one and a flipped byte with one sentence, writing nothing', async () => {
    const { sealed, plain } = await withDb(source, (db) => ({
      sealed: exportWorkspaceFile(db, 2, 'secret one').bytes,
      plain: exportWorkspaceFile(db, 2).bytes,
    }));
    const target = path.join(t.dir, 'refusals.db');
    expect((await kpi('init', '--db', target)).code).toBe(0);
    const flip = (b: Uint8Array, at: number) => {
      const c = Buffer.from(b);
      c[at] ^= 0x01;
      return c;
    };
    await withDb(target, (db) => {
      const count = () => db.raw.prepare('SELECT count(*) AS n FROM customers').get();
      const before = count();
      expect(() => importWorkspaceFile(db, sealed, { fileName: 'x.kpiw', passphrase: 'secret two' })).toThrow(
        'x.kpiw could not be opened: the passphrase is wrong or the file was changed since it was written.',
      );
      expect(() => importWorkspaceFile(db, sealed, { fileName: 'x.kpiw' })).toThrow(
        'x.kpiw is encrypted: give its passphrase to open it.',
      );
      expect(() =>
        importWorkspaceFile(db, flip(sealed, sealed.length - 40), { fileName: 'x.kpiw', passphrase: 'secret one' }),
      ).toThrow('the passphrase is wrong or the file was changed');
      expect(() => importWorkspaceFile(db, flip(plain, plain.length - 40), { fileName: 'x.kpiw' })).toThrow(
        'x.kpiw is not a readable workspace file: it is damaged or was not written by KPI Dashboard.',
      );
      expect(() => importWorkspaceFile(db, Buffer.from('PK\u0003\u0004 not ours'), { fileName: 'x.kpiw' })).toThrow(
        'is not a readable workspace file',
      );
      expect(count()).toEqual(before);
    });
  });

  it('refuses a file from a newer app version and keeps the database as it was', async () => {
    const target = path.join(t.dir, 'newer.db');
    expect((await kpi('init', '--db', target)).code).toBe(0);
    const dump = await withDb(source, (db) => dumpWorkspace(db, 2));
    dump.migrations.push('9999_from_the_future');
    await withDb(target, (db) => {
      expect(() =>
        importWorkspaceFile(db, sealWorkspace(JSON.stringify(dump), 'TechCorp'), { fileName: 'new.kpiw' }),
      ).toThrow('new.kpiw was written by a newer version of KPI Dashboard; update the app to open it.');
      expect(db.raw.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    });
  });

  it('lists range differences, keeps the local ranges by default and re-scores; replaces them when told', async () => {
    const bytes = await withDb(source, (db) => exportWorkspaceFile(db, 2).bytes);
    const scoreOf = (db: Db, ws: number) =>
      (
        db.raw
          .prepare(
            'SELECT overall_health_score AS s FROM health_trends WHERE customer_id = ? ORDER BY year DESC, month DESC LIMIT 1',
          )
          .get(ws) as { s: number }
      ).s;
    for (const choice of ['keep', 'replace'] as const) {
      const target = path.join(t.dir, `ranges-${choice}.db`);
      expect((await kpi('init', '--db', target)).code).toBe(0);
      await withDb(target, (db) => {
        // This machine's NPS range is stricter than the file's.
        db.raw
          .prepare("UPDATE kpi_reference_ranges SET risk_max = 90, healthy_min = 90 WHERE kpi_name = 'NPS Score'")
          .run();
        const r = importWorkspaceFile(db, bytes, { fileName: 't.kpiw', ranges: choice });
        expect(r.rangeDifferences).toEqual([
          {
            kpi: 'NPS Score',
            here: 'critical -100..10, risk 10..90, healthy 90..100',
            inFile: 'critical -100..10, risk 10..30, healthy 30..100',
          },
        ]);
        const local = db.raw
          .prepare("SELECT risk_max, healthy_min FROM kpi_reference_ranges WHERE kpi_name = 'NPS Score'")
          .get();
        expect(local).toEqual(
          choice === 'keep' ? { risk_max: 90, healthy_min: 90 } : { risk_max: 30, healthy_min: 30 },
        );
        const original = withDbSync(source, (s) => scoreOf(s, 2));
        if (choice === 'keep') expect(scoreOf(db, r.workspaceId)).toBeLessThan(original);
        else expect(scoreOf(db, r.workspaceId)).toBeCloseTo(original, 2);
      });
    }
  });

  it('runs from the command line: export with --passphrase-env, import with --name and --ranges', async () => {
    const out = path.join(t.dir, 'cli.kpiw');
    process.env.KPIW_TEST_PASS = 'from the environment';
    const exported = await kpi(
      'workspace',
      'export',
      '--db',
      source,
      '--customer',
      'TechCorp',
      '--out',
      out,
      '--passphrase-env',
      'KPIW_TEST_PASS',
    );
    expect(exported).toMatchObject({ code: 0, out: `TechCorp written to ${out} (1 account, 1 upload; encrypted).` });
    if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const target = path.join(t.dir, 'cli-target.db');
    expect((await kpi('init', '--db', target)).code).toBe(0);
    const missing = await kpi('workspace', 'import', '--db', target, '--in', out);
    expect(missing).toMatchObject({
      code: 1,
      err: 'kpi workspace import: cli.kpiw is encrypted: give its passphrase to open it.',
    });
    const unset = await kpi('workspace', 'import', '--db', target, '--in', out, '--passphrase-env', 'KPIW_NOT_SET');
    expect(unset.code).toBe(2);
    const bad = await kpi('workspace', 'import', '--db', target, '--in', out, '--ranges', 'merge');
    expect(bad.code).toBe(2);
    const ok = await kpi(
      'workspace',
      'import',
      '--db',
      target,
      '--in',
      out,
      '--passphrase-env',
      'KPIW_TEST_PASS',
      '--name',
      'TC copy',
    );
    expect(ok).toMatchObject({ code: 0, out: 'cli.kpiw imported as the workspace "TC copy" (1 account, 1 upload).' });
    delete process.env.KPIW_TEST_PASS;
  });
});

/** Opens a database synchronously enough for one read inside another database's callback. */
function withDbSync<T>(file: string, fn: (db: Db) => T): T {
  const Better = require('better-sqlite3');
  const raw = new Better(file, { readonly: true });
  try {
    return fn({ raw } as Db);
  } finally {
    raw.close();
  }
}
