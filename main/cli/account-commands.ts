import path from 'node:path';
import { AppError } from '../../shared/errors';
import { personByEmail } from '../accounts/book';
import { importAccountsList, previewAccountsList } from '../accounts/list-import';
import { findAccountByName, updateAccount } from '../accounts/service';
import { parseRequest } from '../ipc/dispatch';
import { defaultUserId, findWorkspaceByName } from '../workspaces/service';
import { type Command, num, readInput, str, withDb } from './framework';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };
const CUSTOMER = { name: 'customer', value: 'NAME', required: true, help: 'the workspace' };

/** Issue 13: the account as a book of business from the command line. */
export const accountCommands: Command[] = [
  {
    name: 'account set',
    summary: "Set an account's owner, renewal date, segment, revenue, industry or region.",
    options: [
      DB,
      CUSTOMER,
      { name: 'account', value: 'NAME', required: true, help: 'the account' },
      { name: 'owner', value: 'EMAIL', help: 'the owner, a user of the workspace' },
      { name: 'renewal', value: 'YYYY-MM-DD', help: 'the renewal date' },
      { name: 'segment', value: 'TEXT', help: 'the segment' },
      { name: 'revenue', value: 'N', help: 'annual revenue' },
      { name: 'industry', value: 'X', help: 'industry' },
      { name: 'region', value: 'Y', help: 'region' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const account = findAccountByName(db, ws.id, str(args, 'account')!);
        if (!account) throw new AppError('not_found', `No account named "${str(args, 'account')}" in ${ws.name}.`);
        const owner = str(args, 'owner');
        const input = parseRequest('accounts.update', {
          accountId: account.account_id,
          ownerUserId: owner !== undefined ? personByEmail(db, ws.id, owner).id : undefined,
          renewalDate: str(args, 'renewal'),
          segment: str(args, 'segment'),
          revenue: num(args, 'revenue'),
          industry: str(args, 'industry'),
          region: str(args, 'region'),
        });
        const a = updateAccount(db, ws.id, input);
        io.out(
          `account ${a.id}: ${a.name} (owner ${a.ownerName ?? '-'}, renewal ${a.renewalDate ?? '-'}, segment ${a.segment ?? '-'})`,
        );
      }),
  },
  {
    name: 'accounts import',
    summary:
      'Import an accounts list (xlsx or CSV: Account, Revenue, Owner email, Renewal date, Industry, Region, Segment), all or nothing.',
    positional: ['FILE'],
    options: [
      DB,
      CUSTOMER,
      { name: 'create-accounts', help: 'create the listed accounts the workspace does not have' },
      { name: 'json', help: 'print the result as JSON' },
    ],
    run: (args, io) =>
      withDb(args, async (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const file = args.positional[0];
        const fileName = path.basename(file);
        const bytes = readInput(file);
        const preview = await previewAccountsList(db, ws.id, fileName, bytes);
        const input = { fileName, bytes, createAccounts: args.opts['create-accounts'] === true };
        const unknown = preview.rows.filter((row) => row.action === 'create').map((row) => row.name);
        if (!preview.problems.length && unknown.length && !input.createAccounts)
          throw new AppError(
            'invalid_input',
            `Nothing was imported: ${unknown.length} listed account${unknown.length > 1 ? 's are' : ' is'} not in ${ws.name} (${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}); add --create-accounts to create ${unknown.length > 1 ? 'them' : 'it'}.`,
          );
        const r = await importAccountsList(db, ws.id, input, defaultUserId(db, ws.id));
        if (args.opts.json === true) {
          io.out(JSON.stringify({ ...r, rows: preview.rows }, null, 2));
          return;
        }
        io.out(
          `${fileName}: ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged} unchanged (sheet ${preview.sheet}; columns ${preview.columns.join(', ')}).`,
        );
        for (const row of preview.rows.filter((x) => x.action !== 'unchanged')) {
          const what = row.changes.map((c) => `${c.field} ${c.from ?? '-'} -> ${c.to}`).join(', ');
          io.out(`  ${row.action === 'create' ? 'created' : 'updated'} ${row.name}: ${what || 'no details'}`);
        }
      }),
  },
];
