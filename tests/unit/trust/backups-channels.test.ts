import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../../main/app';
import { listBackupFiles } from '../../../main/db/backups';
import type { BackupEntry, RestoreOutcome } from '../../../shared/channels/backups';
import { ok, tempBackend, tempDir } from '../../helpers/db';

const accountNames = async (b: Awaited<ReturnType<typeof tempBackend>>['backend']) =>
  (await ok<{ name: string }[]>(b, 'accounts.list', {})).map((a) => a.name).sort();

describe('backup channels through the dispatch (issue 11 point 1)', () => {
  it('backs up now, lists it with its workspaces, and restores in the running app without a restart', async () => {
    const t = await tempBackend();
    try {
      const acme = await ok(t.backend, 'workspaces.create', { name: 'Acme' });
      await ok(t.backend, 'accounts.create', { name: 'First Account' });
      const made = await ok<BackupEntry>(t.backend, 'backups.create');
      expect(made).toMatchObject({ kind: 'manual', ok: true, workspaces: ['Acme'] });
      expect(made).not.toHaveProperty('file'); // the window sees names, never paths

      await ok(t.backend, 'accounts.create', { name: 'Added Later' });
      await ok(t.backend, 'workspaces.create', { name: 'Globex' });
      expect((await ok(t.backend, 'workspaces.list')).workspaces).toHaveLength(2);

      const r = await ok<RestoreOutcome>(t.backend, 'backups.restore', { name: made.name });
      expect(r.workspaces).toEqual(['Acme']);
      // the same backend answers from the restored file: one workspace, open, without the later account
      const list = await ok(t.backend, 'workspaces.list');
      expect(list.workspaces.map((w: { name: string }) => w.name)).toEqual(['Acme']);
      expect(list.activeId).toBe(acme.id);
      expect(await accountNames(t.backend)).toEqual(['First Account']);
      // the file as it was before the restore is a backup of its own, listed and restorable
      const after = await ok<BackupEntry[]>(t.backend, 'backups.list');
      const safety = after.find((b) => b.name === r.keptAs);
      expect(safety).toMatchObject({ kind: 'before-restore', ok: true, workspaces: ['Acme', 'Globex'] });
      await ok(t.backend, 'backups.restore', { name: r.keptAs });
      // back as it was: Globex (the last opened) open, Acme with both accounts
      const back = await ok(t.backend, 'workspaces.list');
      expect(back.workspaces.find((w: { id: number }) => w.id === back.activeId)?.name).toBe('Globex');
      await ok(t.backend, 'workspaces.switch', { workspaceId: acme.id });
      expect(await accountNames(t.backend)).toEqual(['Added Later', 'First Account']);
    } finally {
      await t.cleanup();
    }
  });

  it('refuses a name that is not a listed backup, or that points out of the folder, changing nothing', async () => {
    const t = await tempBackend();
    try {
      await ok(t.backend, 'workspaces.create', { name: 'Acme' });
      for (const name of ['../app.db', '/etc/passwd', 'app.db/../x.db', '.hidden.db']) {
        const r = await t.backend.invoke('backups.restore', { name });
        expect(r.ok ? null : r.error.code, name).toBe('invalid_input');
      }
      const r = await t.backend.invoke('backups.restore', { name: 'app-20260101T000000-000Z-manual.db' });
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await ok(t.backend, 'workspaces.list')).workspaces).toHaveLength(1);
    } finally {
      await t.cleanup();
    }
  });

  it('the daily backup runs on the first open of the day only, beside the database', async () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'app.db');
      const first = await startBackend(file, { dailyBackup: true });
      await ok(first, 'workspaces.create', { name: 'Acme' });
      await first.close();
      expect(listBackupFiles(file)).toEqual([]); // a new file had nothing to keep
      for (let i = 0; i < 2; i++) {
        const again = await startBackend(file, { dailyBackup: true });
        await again.close();
      }
      const kinds = listBackupFiles(file).map((b) => b.kind);
      expect(kinds).toEqual(['daily']);
      expect(path.dirname(listBackupFiles(file)[0].file)).toBe(path.join(t.dir, 'backups'));
    } finally {
      t.cleanup();
    }
  });
});

describe('a damaged database at start (issue 11 point 2)', () => {
  it('starts in recovery: only the backups answer, the file is untouched, the newest good backup restores', async () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'app.db');
      const b = await startBackend(file);
      await ok(b, 'workspaces.create', { name: 'Acme' });
      await ok(b, 'accounts.create', { name: 'Kept Account' });
      const made = await ok<BackupEntry>(b, 'backups.create');
      await b.close();
      const bytes = fs.readFileSync(file);
      bytes.fill(0x5a, 4096, 8192); // wreck the second page
      fs.writeFileSync(file, bytes);

      const rec = await startBackend(file, { dailyBackup: true });
      try {
        expect(rec.ctx.damaged).toMatch(/app\.db is damaged/);
        const refused = await rec.invoke('workspaces.list', {});
        expect(refused).toMatchObject({ ok: false, error: { code: 'damaged' } });
        expect((await rec.invoke('backups.create', {})).ok).toBe(false);
        expect(fs.readFileSync(file).equals(bytes)).toBe(true); // never replaced, never written
        const list = await ok<BackupEntry[]>(rec, 'backups.list');
        expect(list.map((x) => x.name)).toEqual([made.name]); // no daily backup of a damaged file

        const r = await ok<RestoreOutcome>(rec, 'backups.restore', { name: made.name });
        expect(r.keptAs).toMatch(/^app\.db\.damaged-\d{8}T\d{6}-\d{3}Z$/);
        expect(fs.readFileSync(path.join(t.dir, r.keptAs)).equals(bytes)).toBe(true);
        expect(rec.ctx.damaged).toBeNull();
        const ws = await ok(rec, 'workspaces.list');
        expect(ws.workspaces.map((w: { name: string }) => w.name)).toEqual(['Acme']);
        expect(ws.activeId).toBe(ws.workspaces[0].id);
        expect(await accountNames(rec)).toEqual(['Kept Account']);
      } finally {
        await rec.close();
      }
    } finally {
      t.cleanup();
    }
  });
});
