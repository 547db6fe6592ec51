import type { NoteRow } from '../../shared/channels/notes';
import { AppError } from '../../shared/errors';
import { all, type Db, first, inTransaction, run } from '../db/open';

/** Issue 13, point 3: notes per account. Only the author edits or deletes a note. */

function noteQuery(db: Db, customerId: number) {
  return db.k
    .selectFrom('account_notes as n')
    .leftJoin('users as u', 'u.user_id', 'n.user_id')
    .select(['n.note_id', 'n.account_id', 'n.body', 'n.user_id', 'n.created_at', 'n.updated_at', 'u.user_name'])
    .where('n.customer_id', '=', customerId);
}

type NoteDbRow = {
  note_id: number;
  account_id: number;
  body: string;
  user_id: number | null;
  created_at: string;
  updated_at: string;
  user_name: string | null;
};

const toNote = (r: NoteDbRow, userId: number | null): NoteRow => ({
  id: r.note_id,
  accountId: r.account_id,
  text: r.body,
  userId: r.user_id,
  author: r.user_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  mine: r.user_id === userId,
});

function assertAccount(db: Db, customerId: number, accountId: number): void {
  const a = first(
    db,
    db.k
      .selectFrom('accounts')
      .select('account_id')
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId),
  );
  if (!a) throw new AppError('not_found', 'That account does not exist in this workspace.');
}

/** The account's notes, newest first. */
export function listNotes(db: Db, customerId: number, accountId: number, userId: number | null): NoteRow[] {
  assertAccount(db, customerId, accountId);
  return all(
    db,
    noteQuery(db, customerId)
      .where('n.account_id', '=', accountId)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.note_id', 'desc'),
  ).map((r) => toNote(r, userId));
}

function getNote(db: Db, customerId: number, noteId: number, userId: number | null): NoteRow {
  const r = first(db, noteQuery(db, customerId).where('n.note_id', '=', noteId));
  if (!r) throw new AppError('not_found', 'That note no longer exists.');
  return toNote(r, userId);
}

export function addNote(
  db: Db,
  customerId: number,
  userId: number | null,
  input: { accountId: number; text: string },
): NoteRow {
  assertAccount(db, customerId, input.accountId);
  const now = new Date().toISOString();
  const noteId = run(
    db,
    db.k.insertInto('account_notes').values({
      customer_id: customerId,
      account_id: input.accountId,
      user_id: userId,
      body: input.text.trim(),
      created_at: now,
      updated_at: now,
    }),
  ).lastInsertRowid;
  return getNote(db, customerId, Number(noteId), userId);
}

function ownNote(db: Db, customerId: number, noteId: number, userId: number | null, verb: string): NoteRow {
  const note = getNote(db, customerId, noteId, userId);
  if (!note.mine) throw new AppError('forbidden', `Only ${note.author ?? 'its author'} can ${verb} this note.`);
  return note;
}

export function updateNote(
  db: Db,
  customerId: number,
  userId: number | null,
  input: { noteId: number; text: string },
): NoteRow {
  return inTransaction(db, () => {
    ownNote(db, customerId, input.noteId, userId, 'edit');
    run(
      db,
      db.k
        .updateTable('account_notes')
        .set({ body: input.text.trim(), updated_at: new Date().toISOString() })
        .where('customer_id', '=', customerId)
        .where('note_id', '=', input.noteId),
    );
    return getNote(db, customerId, input.noteId, userId);
  });
}

export function deleteNote(db: Db, customerId: number, userId: number | null, noteId: number): { deleted: true } {
  return inTransaction(db, () => {
    ownNote(db, customerId, noteId, userId, 'delete');
    run(db, db.k.deleteFrom('account_notes').where('customer_id', '=', customerId).where('note_id', '=', noteId));
    return { deleted: true as const };
  });
}
