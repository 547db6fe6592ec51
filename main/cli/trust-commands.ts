import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createBackup, listBackups } from '../db/backups';
import { restoreDb } from '../db/restore';
import { parseRequest } from '../ipc/dispatch';
import { createPerson, findPersonByEmail, listPeople, updatePerson } from '../users/service';
import { findWorkspaceByName } from '../workspaces/service';
import { type Command, type ParsedArgs, str, withDb } from './framework';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };

const CUSTOMER = { name: 'customer', value: 'NAME', required: true, help: 'the workspace' };
const EMAIL = { name: 'email', value: 'EMAIL', required: true, help: "the user's email" };

/** A password is never on the command line: the name of an environment variable that holds it. */
function passwordFromEnv(args: ParsedArgs, key: string): string | undefined {
  const name = str(args, key);
  if (name === undefined) return undefined;
  const value = process.env[name];
  if (!value) throw new AppError('refused', `The environment variable ${name} is not set or is empty.`);
  return value;
}

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
  {
    name: 'user add',
    summary: 'Add a user to a workspace, with a password read from an environment variable if given.',
    options: [
      DB,
      CUSTOMER,
      { name: 'name', value: 'NAME', required: true, help: "the user's name" },
      EMAIL,
      { name: 'password-env', value: 'VAR', help: 'the environment variable holding the password' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const input = parseRequest('users.create', {
          name: str(args, 'name'),
          email: str(args, 'email'),
          password: passwordFromEnv(args, 'password-env'),
        });
        const p = createPerson(db, { customerId: ws.id, userId: null }, input);
        io.out(`user ${p.id}: ${p.name} <${p.email}> in ${ws.name}${p.hasPassword ? ', with a password' : ''}`);
      }),
  },
  {
    name: 'user passwd',
    summary: "Set a user's password, read from an environment variable.",
    options: [
      DB,
      CUSTOMER,
      EMAIL,
      {
        name: 'password-env',
        value: 'VAR',
        required: true,
        help: 'the environment variable holding the password',
      },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const scope = { customerId: ws.id, userId: null };
        const found = findPersonByEmail(db, ws.id, str(args, 'email')!);
        const current = listPeople(db, scope).find((p) => p.id === found.id)!;
        const input = parseRequest('users.update', {
          userId: current.id,
          name: current.name,
          email: current.email,
          password: passwordFromEnv(args, 'password-env'),
        });
        updatePerson(db, scope, input);
        io.out(`password set for ${current.name} <${current.email}> in ${ws.name}`);
      }),
  },
];
