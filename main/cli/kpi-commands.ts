import { AppError } from '../../shared/errors';
import { formatNumber } from '../../shared/playbooks/catalogue';
import { personByEmail } from '../accounts/book';
import { findAccountByName } from '../accounts/service';
import type { Db } from '../db/open';
import { parseRequest } from '../ipc/dispatch';
import { editKpiValue } from '../kpis/service';
import { findWorkspaceByName } from '../workspaces/service';
import { type Command, type ParsedArgs, str, withDb } from './framework';

export const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };
export const CUSTOMER = { name: 'customer', value: 'NAME', required: true, help: 'the workspace' };
export const ACCOUNT = { name: 'account', value: 'NAME', required: true, help: 'the account' };
export const USER = { name: 'user', value: 'EMAIL', required: true, help: 'who does it, a user of the workspace' };

/** The workspace and account a command names, or one sentence. */
export function workspaceAccount(db: Db, args: ParsedArgs) {
  const ws = findWorkspaceByName(db, str(args, 'customer')!);
  const account = findAccountByName(db, ws.id, str(args, 'account')!);
  if (!account) throw new AppError('not_found', `No account named "${str(args, 'account')}" in ${ws.name}.`);
  return { ws, account };
}

const show = (v: number | null) => (v == null ? 'empty' : formatNumber(v));

/** Issue 13, point 2: a KPI value corrected from the command line. */
export const kpiCommands: Command[] = [
  {
    name: 'kpi set',
    summary: "Correct a KPI's value for a month: attributed, kept in the edit history, re-scored.",
    options: [
      DB,
      CUSTOMER,
      ACCOUNT,
      { name: 'kpi', value: 'NAME', required: true, help: 'the KPI' },
      { name: 'category', value: 'NAME', help: 'the category, when the KPI name is in several' },
      { name: 'month', value: 'YYYY-MM', required: true, help: 'the month' },
      { name: 'value', value: 'N', required: true, help: 'the new value' },
      USER,
      { name: 'reason', value: 'TEXT', help: 'why the value changes' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const { ws, account } = workspaceAccount(db, args);
        const user = personByEmail(db, ws.id, str(args, 'user')!);
        const input = parseRequest('kpis.edit', {
          accountId: account.account_id,
          kpi: str(args, 'kpi'),
          category: str(args, 'category'),
          month: str(args, 'month'),
          value: str(args, 'value'),
          reason: str(args, 'reason'),
        });
        const r = editKpiValue(db, ws.id, user.id, input);
        io.out(
          `${account.account_name}: ${r.edit.kpi} ${r.edit.month} ${show(r.edit.oldValue)} -> ${show(r.edit.newValue)} by ${user.name}; overall health ${show(r.overallBefore)} -> ${show(r.overallAfter)}`,
        );
      }),
  },
];
