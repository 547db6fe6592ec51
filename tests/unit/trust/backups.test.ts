import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BackupInfo,
  createBackup,
  listBackupFiles,
  listBackups,
  pruneBackups,
  retained,
} from '../../../main/db/backups';
import { openDb } from '../../../main/db/open';
import { restoreDb } from '../../../main/db/restore';
import { createWorkspace } from '../../../main/workspaces/service';
import { kpi } from '../../helpers/cli';
import { tempDir } from '../../helpers/db';
import { runChild } from '../../helpers/trust-run';

const names = (file: string) => listBackupFiles(file).map((b) => b.kind);
const mode = (f: string) => fs.statSync(f).mode & 0o777;

/** A database in `dir` with the workspace Acme, and a manual backup of it. */
async function acmeBackedUp(dir: string) {
  const file = path.join(dir, 'app.db');
  const db = await openDb(file);
  createWorkspace(db, { name: 'Acme', mode: 'corporate' });
  return { file, db, b: await createBackup(db.raw, file, 'manual') };
}

describe('backups and restore (issue 11 points 1, 2, 6)', () => {
  it('backs up, lists what is inside, restores atomically after a safety copy; files are owner-only', async () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'app.db');
      const db = await openDb(file, { dailyBackup: true });
      createWorkspace(db, { name: 'Acme', mode: 'corporate' });
      expect(names(file)).toEqual([]); // a new file has nothing to keep
      const b = await createBackup(db.raw, file, 'manual');
      expect(b.name).toMatch(/^app-\d{8}T\d{6}-\d{3}Z-manual\.db$/);
      createWorkspace(db, { name: 'Globex', mode: 'corporate' });
      const [listed] = listBackups(file);
      expect(listed).toMatchObject({ kind: 'manual', ok: true, workspaces: ['Acme'], newestMonth: null });
      if (process.platform !== 'win32') {
        expect(mode(file)).toBe(0o600);
        expect(mode(`${file}-wal`)).toBe(0o600);
        expect(mode(b.file)).toBe(0o600);
        expect(mode(path.dirname(b.file))).toBe(0o700);
      }
      const r = await restoreDb(db, b.file);
      try {
        expect(r.workspaces).toEqual(['Acme']);
        expect(r.db.raw.prepare('SELECT customer_name FROM customers').all()).toEqual([{ customer_name: 'Acme' }]);
        expect(names(file).sort()).toEqual(['before-restore', 'manual']);
        expect(listBackups(file).find((x) => x.kind === 'before-restore')?.workspaces).toEqual(['Acme', 'Globex']);
      } finally {
        await r.db.close();
      }
      // The next open of the day makes the daily backup once.
      for (let i = 0; i < 2; i++) await (await openDb(file, { dailyBackup: true })).close();
      expect(names(file).filter((k) => k === 'daily')).toHaveLength(0); // a backup today already exists
    } finally {
      t.cleanup();
    }
  });

  it('a listing checks each backup once and records it beside the copy; a changed copy is checked again', async () => {
    const t = tempDir();
    try {
      const { file, db, b } = await acmeBackedUp(t.dir);
      await db.close();
      const record = `${b.file}.json`;
      expect(fs.existsSync(record)).toBe(false);
      expect(listBackups(file)).toMatchObject([{ name: b.name, ok: true, workspaces: ['Acme'] }]);
      expect(JSON.parse(fs.readFileSync(record, 'utf8'))).toMatchObject({
        ok: true,
        workspaces: ['Acme'],
        bytes: b.bytes,
      });
      if (process.platform !== 'win32') expect(mode(record)).toBe(0o600);
      expect(listBackupFiles(file).map((x) => x.name)).toEqual([b.name]); // the record is not a backup
      // The next listing reads the record (a changed record shows it was not checked again)...
      fs.writeFileSync(record, fs.readFileSync(record, 'utf8').replace('"Acme"', '"Recorded"'));
      expect(listBackups(file)[0].workspaces).toEqual(['Recorded']);
      // ...until the copy itself changes: then it is checked again, and a damaged copy says so.
      const bytes = fs.readFileSync(b.file);
      bytes.fill(0x5a, 4096, 8192);
      fs.writeFileSync(b.file, bytes);
      fs.utimesSync(b.file, new Date(), new Date(Date.now() + 5_000));
      expect(listBackups(file)[0]).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/damaged|cannot be read/),
      });
      // Pruning a backup removes its record with it.
      fs.rmSync(b.file);
      fs.writeFileSync(b.file, fs.readFileSync(file));
      const older = path.join(path.dirname(b.file), 'app-20200101T000000-000Z-before-restore.db');
      for (const n of ['20200102', '20200103']) fs.copyFileSync(b.file, older.replace('20200101', n));
      fs.copyFileSync(b.file, older);
      listBackups(file);
      expect(fs.existsSync(`${older}.json`)).toBe(true);
      pruneBackups(file);
      expect(fs.existsSync(older)).toBe(false);
      for (const f of [`${older}.json`, `${older}-wal`, `${older}-shm`]) expect(fs.existsSync(f)).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a damaged copy with the database untouched, and a damaged database is never replaced', async () => {
    const t = tempDir();
    try {
      const { file, db, b } = await acmeBackedUp(t.dir);
      const bytes = fs.readFileSync(b.file);
      bytes.fill(0x5a, 4096, 8192); // wreck the second page
      const bad = path.join(t.dir, 'bad.db');
      fs.writeFileSync(bad, bytes);
      await expect(restoreDb(db, bad)).rejects.toThrow(/bad\.db (is damaged|cannot be read)/);
      expect(db.raw.prepare('SELECT count(*) n FROM customers').get()).toEqual({ n: 1 });
      expect(names(file)).toEqual(['manual']);
      await db.close();

      // A damaged main file: openDb refuses with 'damaged' and leaves the bytes alone.
      fs.copyFileSync(bad, file);
      const before = fs.readFileSync(file);
      await expect(openDb(file)).rejects.toMatchObject({ code: 'damaged' });
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      const r = await kpi('accounts', '--db', file, '--customer', 'Acme');
      expect(r.code).toBe(1);
      expect(r.err).toContain('is damaged');
    } finally {
      t.cleanup();
    }
  });

  it('keeps 7 daily and 4 weekly copies and the newest safety copies', () => {
    const day = (n: number, kind: BackupInfo['kind'] = 'daily'): BackupInfo => {
      const d = new Date(Date.UTC(2026, 11, 31) - n * 86_400_000).toISOString();
      return { file: `${kind}-${n}`, name: '', kind, createdAt: d, bytes: 1 };
    };
    const all = [
      ...Array.from({ length: 60 }, (_, i) => day(i)),
      day(1, 'before-migration'),
      day(2, 'before-migration'),
      day(3, 'before-migration'),
    ];
    const keep = retained(all);
    const kept = all.filter((b) => keep.has(b.file));
    expect(kept.filter((b) => b.kind === 'daily').length).toBeGreaterThanOrEqual(7);
    expect(kept.filter((b) => b.kind === 'daily').length).toBeLessThanOrEqual(11);
    expect(kept.filter((b) => b.kind === 'before-migration').map((b) => b.file)).toEqual([
      'before-migration-1',
      'before-migration-2',
    ]);
    for (let i = 0; i < 7; i++) expect(keep.has(`daily-${i}`)).toBe(true);
    expect(keep.has('daily-59')).toBe(false);
  });

  it('the command line: backup, backups --json, restore; refusals exit 1', async () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'cli.db');
      expect((await kpi('customer', 'add', '--db', file, '--name', 'Acme')).code).toBe(0);
      const to = path.join(t.dir, 'copy.db');
      const b = await kpi('backup', '--db', file, '--to', to);
      expect(b).toMatchObject({ code: 0 });
      expect(fs.existsSync(to)).toBe(true);
      expect((await kpi('backup', '--db', file)).code).toBe(0);
      const list = await kpi('backups', '--db', file, '--json');
      const rows = JSON.parse(list.out);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'manual', workspaces: ['Acme'] });
      expect((await kpi('customer', 'add', '--db', file, '--name', 'Globex')).code).toBe(0);
      const r = await kpi('restore', '--db', file, '--from', to);
      expect(r.code).toBe(0);
      expect(r.out).toContain('restored copy.db (Acme)');
      const missing = await kpi('restore', '--db', file, '--from', path.join(t.dir, 'nope.db'));
      expect(missing.code).toBe(1);
      expect((await kpi('restore', '--db', file)).code).toBe(2);
    } finally {
      t.cleanup();
    }
  });

  it('a process killed (SIGKILL) during a backup or a restore leaves a database that opens clean', async () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'k.db');
      const db = await openDb(file);
      createWorkspace(db, { name: 'Acme', mode: 'corporate' });
      const copy = await createBackup(db.raw, file, 'manual', { to: path.join(t.dir, 'other.db') });
      createWorkspace(db, { name: 'Globex', mode: 'corporate' });
      await db.close();
      for (const what of ['backup', 'restore']) {
        const seen = await runChild([what, file, copy.file]);
        expect(seen).toContain('begun');
        expect(seen).not.toContain('done');
        const after = await openDb(file);
        try {
          expect(after.raw.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(after.raw.prepare('SELECT count(*) n FROM customers').get()).toEqual({ n: 2 });
        } finally {
          await after.close();
        }
        expect(fs.existsSync(`${file}.restoring`)).toBe(false);
        expect(listBackupFiles(file).every((b) => !b.file.endsWith('.partial'))).toBe(true);
      }
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
