import { TIMELINE_KINDS, type TimelineKind } from '../../shared/channels/timeline';
import { personByEmail } from '../accounts/book';
import { parseRequest } from '../ipc/dispatch';
import { addNote } from '../notes/service';
import { accountTimeline } from '../timeline/service';
import { type Command, str, UsageError, withDb } from './framework';
import { ACCOUNT, CUSTOMER, DB, USER, workspaceAccount } from './kpi-commands';

/** Issue 13, point 3: notes and the account's timeline from the command line. */
export const timelineCommands: Command[] = [
  {
    name: 'note add',
    summary: 'Add a note to an account.',
    options: [DB, CUSTOMER, ACCOUNT, { name: 'text', value: 'TEXT', required: true, help: 'the note' }, USER],
    run: (args, io) =>
      withDb(args, (db) => {
        const { ws, account } = workspaceAccount(db, args);
        const user = personByEmail(db, ws.id, str(args, 'user')!);
        const input = parseRequest('notes.add', { accountId: account.account_id, text: str(args, 'text') });
        const note = addNote(db, ws.id, user.id, input);
        io.out(`note ${note.id} on ${account.account_name} by ${user.name} at ${note.createdAt}`);
      }),
  },
  {
    name: 'timeline',
    summary: "An account's timeline, newest first: notes, uploads, KPI edits, status changes, playbooks, changes.",
    options: [
      DB,
      CUSTOMER,
      ACCOUNT,
      { name: 'kind', value: TIMELINE_KINDS.join(','), help: 'only these kinds (comma-separated)' },
      { name: 'json', help: 'print JSON' },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const { ws, account } = workspaceAccount(db, args);
        const kinds = str(args, 'kind')
          ?.split(',')
          .map((k) => k.trim())
          .filter(Boolean);
        const bad = kinds?.find((k) => !(TIMELINE_KINDS as readonly string[]).includes(k));
        if (bad) throw new UsageError(`unknown kind "${bad}"; the kinds are ${TIMELINE_KINDS.join(', ')}`);
        const entries = accountTimeline(db, ws.id, account.account_id, kinds as TimelineKind[] | undefined);
        if (args.opts.json) {
          io.out(JSON.stringify(entries, null, 2));
          return;
        }
        if (!entries.length) io.out(`${account.account_name} has nothing on its timeline yet.`);
        for (const e of entries)
          io.out(
            `${e.time.slice(0, 16).replace('T', ' ')}  ${e.kind.padEnd(8)}  ${e.title}${e.author ? `  (${e.author})` : ''}`,
          );
      }),
  },
];
