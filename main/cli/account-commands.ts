import { AppError } from '../../shared/errors';
import { personByEmail } from '../accounts/book';
import { findAccountByName, updateAccount } from '../accounts/service';
import { parseRequest } from '../ipc/dispatch';
import { findWorkspaceByName } from '../workspaces/service';
import { type Command, num, str, withDb } from './framework';

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
];
