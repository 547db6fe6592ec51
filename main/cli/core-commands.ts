import { UPLOAD_MODES, type UploadMode } from '../../shared/defaults';
import { createAccount, listAccounts } from '../accounts/service';
import { parseRequest } from '../ipc/dispatch';
import { createWorkspace, findWorkspaceByName } from '../workspaces/service';
import { type Command, num, str, UsageError, withDb } from './framework';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };

export const coreCommands: Command[] = [
  {
    name: 'init',
    summary: 'Create (or bring up to date) a database with every table and the default reference ranges.',
    options: [DB],
    run: (args, io) =>
      withDb(args, (db) => {
        io.out(`database ready: ${db.file}`);
      }),
  },
  {
    name: 'customer add',
    summary: 'Add a workspace (a customer), with the default category weights.',
    options: [
      DB,
      { name: 'name', value: 'NAME', required: true, help: 'the workspace name' },
      { name: 'mode', value: 'corporate|account_rollup', help: 'upload mode (default corporate)' },
      { name: 'email', value: 'EMAIL', help: 'contact email' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const mode = str(args, 'mode') ?? 'corporate';
        if (!(UPLOAD_MODES as readonly string[]).includes(mode))
          throw new UsageError(`--mode must be corporate or account_rollup`);
        // The same request schema as the window's, so the same values are refused with the same sentence.
        const input = parseRequest('workspaces.create', {
          name: str(args, 'name'),
          mode: mode as UploadMode,
          email: str(args, 'email'),
        });
        const ws = createWorkspace(db, input);
        io.out(`customer ${ws.id}: ${ws.name} (${ws.mode})`);
      }),
  },
  {
    name: 'account add',
    summary: "Add an account to a customer's workspace.",
    options: [
      DB,
      { name: 'customer', value: 'NAME', required: true, help: 'the workspace' },
      { name: 'name', value: 'NAME', required: true, help: 'the account name' },
      { name: 'revenue', value: 'N', help: 'annual revenue' },
      { name: 'industry', value: 'X', help: 'industry' },
      { name: 'region', value: 'Y', help: 'region' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const input = parseRequest('accounts.create', {
          name: str(args, 'name'),
          revenue: num(args, 'revenue'),
          industry: str(args, 'industry'),
          region: str(args, 'region'),
        });
        const a = createAccount(db, ws.id, input);
        io.out(`account ${a.id}: ${a.name}`);
      }),
  },
  {
    name: 'accounts',
    summary: "List a customer's active accounts.",
    options: [
      DB,
      { name: 'customer', value: 'NAME', required: true, help: 'the workspace' },
      { name: 'all', help: 'include deactivated accounts' },
      { name: 'json', help: 'print JSON' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const rows = listAccounts(db, ws.id, { status: args.opts.all ? 'all' : 'active' });
        if (args.opts.json) {
          io.out(JSON.stringify(rows, null, 2));
          return;
        }
        if (!rows.length) io.out('no accounts');
        for (const a of rows) {
          io.out(
            [
              String(a.id).padStart(5),
              a.name.padEnd(32),
              String(a.revenue).padStart(14),
              a.industry ?? '-',
              a.region ?? '-',
              a.status,
            ].join('  '),
          );
        }
      }),
  },
];
