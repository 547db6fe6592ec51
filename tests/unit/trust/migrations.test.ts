import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listBackupFiles } from '../../../main/db/backups';
import { appliedMigrations } from '../../../main/db/migrate';
import { migrate, openDb } from '../../../main/db/open';
import { createWorkspace } from '../../../main/workspaces/service';
import { MIGRATIONS } from '../../../migrations';
import { tempDir } from '../../helpers/db';
import { runChild } from '../../helpers/trust-run';

const ALL = Object.keys(MIGRATIONS).sort();

/** A migrated file with a workspace in it, closed. */
async function seeded(dir: string): Promise<string> {
  const file = path.join(dir, 'm.db');
  const db = await openDb(file);
  createWorkspace(db, { name: 'Acme', mode: 'corporate' });
  await db.close();
  return file;
}

describe('atomic migrations (issue 11 point 3)', () => {
  it('a failing migration leaves the file byte for byte unchanged, and it opens at the previous version', async () => {
    const t = tempDir();
    try {
      const file = await seeded(t.dir);
      const before = fs.readFileSync(file);
      const db = await openDb(file, { migrate: false });
      const failing = {
        ...MIGRATIONS,
        '9000_breaks': {
          up: async (k: Parameters<(typeof MIGRATIONS)[string]['up']>[0]) => {
            await sql`CREATE TABLE half_done (id INTEGER PRIMARY KEY)`.execute(k);
            await sql`ALTER TABLE customers ADD COLUMN extra TEXT`.execute(k);
            await sql`INSERT INTO no_such_table VALUES (1)`.execute(k);
          },
        },
      };
      await expect(migrate(db, failing)).rejects.toThrow('Database migration 9000_breaks failed');
      await db.close();
      expect(fs.readFileSync(file).equals(before)).toBe(true);

      const again = await openDb(file);
      try {
        expect(appliedMigrations(again)).toEqual(ALL);
        expect(again.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
        const cols = (again.raw.prepare('PRAGMA table_info(customers)').all() as Array<{ name: string }>).map(
          (c) => c.name,
        );
        expect(cols).not.toContain('extra');
        expect(again.raw.prepare('SELECT customer_name FROM customers').all()).toEqual([{ customer_name: 'Acme' }]);
      } finally {
        await again.close();
      }
    } finally {
      t.cleanup();
    }
  });

  it('a process killed (SIGKILL) during a migration leaves a file that opens clean at the previous version', async () => {
    const t = tempDir();
    try {
      const file = await seeded(t.dir);
      const seen = await runChild(['migration', file]);
      expect(seen).toContain('begun');
      expect(seen).not.toContain('done');
      const db = await openDb(file);
      try {
        expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(appliedMigrations(db)).toEqual(ALL);
        expect(db.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'slow_one'").get()).toBeUndefined();
      } finally {
        await db.close();
      }
    } finally {
      t.cleanup();
    }
  }, 60_000);

  it('an older file with pending migrations is backed up before they run', async () => {
    const t = tempDir();
    try {
      const file = await seeded(t.dir);
      const db = await openDb(file, { migrate: false });
      // Pretend the newest migration has not run yet: forget its record (its objects are idempotent to check below).
      const last = ALL[ALL.length - 1];
      db.raw.prepare('DELETE FROM kysely_migration WHERE name = ?').run(last);
      await db.close();
      const partial = Object.fromEntries(Object.entries(MIGRATIONS).filter(([n]) => n !== last));
      const reopened = await openDb(file, { migrate: false });
      await migrate(reopened, partial);
      await reopened.close();
      expect(listBackupFiles(file)).toEqual([]);
      // Now the real open: the pending one triggers a before-migration backup (then may fail or succeed).
      await openDb(file)
        .then((d) => d.close())
        .catch(() => undefined);
      expect(listBackupFiles(file).map((b) => b.kind)).toEqual(['before-migration']);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a file from a newer version with a sentence, changing nothing', async () => {
    const t = tempDir();
    try {
      const file = await seeded(t.dir);
      const db = await openDb(file);
      db.raw.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999_future', 'x');
      await db.close();
      const before = fs.readFileSync(file);
      await expect(openDb(file)).rejects.toThrow('written by a newer version of KPI Dashboard');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
