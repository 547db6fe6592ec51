import path from 'node:path';
import { createBackup, listBackups } from '../db/backups';
import { restoreDb } from '../db/restore';
import { type Command, str, withDb } from './framework';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export const trustCommands: Command[] = [
  {
    name: 'backup',
    summary: 'Back up the database now (into the backups folder beside it, or to --to FILE).',
    options: [DB, { name: 'to', value: 'FILE', help: 'write the backup to this file instead' }],
    run: (args, io) =>
      withDb(args, async (db) => {
        const b = await createBackup(db.raw, db.file, 'manual', { to: str(args, 'to') });
        io.out(`backup written: ${b.file} (${mb(b.bytes)})`);
      }),
  },
  {
    name: 'backups',
    summary: 'List the backups of a database, newest first, with the workspaces and newest data month inside.',
    options: [DB, { name: 'json', help: 'print JSON' }],
    run: (args, io) =>
      withDb(args, (db) => {
        const rows = listBackups(db.file);
        if (args.opts.json) {
          io.out(JSON.stringify(rows, null, 2));
          return;
        }
        if (!rows.length) io.out('no backups yet');
        for (const b of rows) {
          const inside = b.ok
            ? `${b.workspaces.join(', ') || 'no workspaces'}; data to ${b.newestMonth ?? '-'}`
            : b.problem;
          io.out(`${b.createdAt}  ${b.kind.padEnd(16)} ${mb(b.bytes).padStart(9)}  ${b.name}  (${inside})`);
        }
      }),
  },
  {
    name: 'restore',
    summary: 'Replace the database with a backup (checked first; the current file is backed up before).',
    options: [DB, { name: 'from', value: 'BACKUP', required: true, help: 'the backup file to restore' }],
    run: (args, io) =>
      withDb(args, async (db) => {
        const r = await restoreDb(db, str(args, 'from')!);
        await r.db.close();
        io.out(`restored ${path.basename(str(args, 'from')!)} (${r.workspaces.join(', ') || 'no workspaces'})`);
        io.out(`the previous database was backed up to ${r.safety.file}`);
      }),
  },
];
