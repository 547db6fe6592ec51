import type { Today } from '../../shared/channels/today';
import { personByEmail } from '../accounts/book';
import { parseRequest } from '../ipc/dispatch';
import { today } from '../today/service';
import { findWorkspaceByName } from '../workspaces/service';
import { type Command, str, withDb } from './framework';
import { CUSTOMER, DB } from './kpi-commands';

/** Issue 13, point 4: Today from the command line. */
export const todayCommands: Command[] = [
  {
    name: 'today',
    summary: "What is due: overdue and this week's playbook steps, renewals, worsened status, triggers, stale data.",
    options: [
      DB,
      CUSTOMER,
      { name: 'user', value: 'EMAIL', help: "this person's accounts (everyone's when no account has an owner)" },
      { name: 'as-of', value: 'YYYY-MM-DD', help: 'the day to look from (default today)' },
      { name: 'json', help: 'print JSON: {"asOf", "items": [...]}' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const email = str(args, 'user');
        const input = parseRequest('today.get', {
          userId: email !== undefined ? personByEmail(db, ws.id, email).id : undefined,
          everyone: email === undefined,
          asOf: str(args, 'as-of'),
        });
        const view = today(db, ws.id, input);
        if (args.opts.json) {
          const out: Today = { asOf: view.asOf, items: view.items };
          io.out(JSON.stringify(out, null, 2));
          return;
        }
        io.out(
          `Today ${view.asOf}, ${view.scope === 'mine' ? 'your accounts' : 'every account'}: ${view.items.length} item${view.items.length === 1 ? '' : 's'}`,
        );
        for (const i of view.items)
          io.out(
            `${i.overdue ? 'OVERDUE ' : ''}${i.kind.padEnd(8)} ${(i.due ?? '').padEnd(10)}  ${i.account}: ${i.title}${i.kind === 'step' ? ` [${i.stepId}]` : ''}`,
          );
      }),
  },
];
