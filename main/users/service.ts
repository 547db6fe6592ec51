import type { Person } from '../../shared/channels/users';
import { AppError } from '../../shared/errors';
import { hashPassword } from '../auth/passwords';
import type { Scope } from '../context';
import { all, type Db, first, inTransaction, run } from '../db/open';

// Settings → People (issue 11 point 5): add, edit and remove a workspace's users. A password is
// stored only as its scrypt hash (main/auth/passwords.ts).

function rows(db: Db, customerId: number) {
  return all(
    db,
    db.k
      .selectFrom('users')
      .select(['user_id', 'user_name', 'email', 'password_hash'])
      .where('customer_id', '=', customerId)
      .orderBy('user_id'),
  );
}

export function listPeople(db: Db, ws: Scope): Person[] {
  return rows(db, ws.customerId).map((u) => ({
    id: u.user_id,
    name: u.user_name,
    email: u.email,
    hasPassword: u.password_hash != null,
    isMe: u.user_id === ws.userId,
  }));
}

function person(db: Db, ws: Scope, userId: number): Person {
  const p = listPeople(db, ws).find((x) => x.id === userId);
  if (!p) throw new AppError('not_found', 'That user is not in this workspace.');
  return p;
}

function assertEmailFree(db: Db, customerId: number, email: string | null | undefined, except?: number): void {
  if (!email) return;
  const clash = rows(db, customerId).find(
    (u) => u.user_id !== except && u.email?.toLowerCase() === email.toLowerCase(),
  );
  if (clash) throw new AppError('conflict', `${clash.user_name} already has the email ${email}.`);
}

export function createPerson(
  db: Db,
  ws: Scope,
  input: { name: string; email?: string | null; password?: string | null },
): Person {
  assertEmailFree(db, ws.customerId, input.email);
  const id = run(
    db,
    db.k.insertInto('users').values({
      customer_id: ws.customerId,
      user_name: input.name,
      email: input.email ?? null,
      password_hash: input.password ? hashPassword(input.password) : null,
    }),
  ).lastInsertRowid;
  return person(db, ws, id);
}

export function updatePerson(
  db: Db,
  ws: Scope,
  input: { userId: number; name: string; email?: string | null; password?: string | null },
): Person {
  person(db, ws, input.userId);
  assertEmailFree(db, ws.customerId, input.email, input.userId);
  const hash = input.password === undefined ? undefined : input.password ? hashPassword(input.password) : null;
  run(
    db,
    db.k
      .updateTable('users')
      .set({
        user_name: input.name,
        email: input.email ?? null,
        ...(hash !== undefined ? { password_hash: hash } : {}),
      })
      .where('user_id', '=', input.userId)
      .where('customer_id', '=', ws.customerId),
  );
  return person(db, ws, input.userId);
}

/** Every column that refers to a user, read from the schema's foreign keys. */
function userReferences(db: Db): Array<{ table: string; column: string }> {
  const tables = db.raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const refs: Array<{ table: string; column: string }> = [];
  for (const table of tables) {
    const fks = db.raw.prepare(`PRAGMA foreign_key_list("${table}")`).all() as Array<{ table: string; from: string }>;
    for (const fk of fks) if (fk.table === 'users') refs.push({ table, column: fk.from });
  }
  return refs;
}

/**
 * Removes a user; what they wrote stays, no longer attributed to anyone. The last user, and the
 * signed-in user, cannot be removed.
 */
export function removePerson(db: Db, ws: Scope, userId: number): Person[] {
  person(db, ws, userId);
  if (userId === ws.userId) throw new AppError('refused', 'You cannot remove yourself; sign in as someone else first.');
  if (rows(db, ws.customerId).length <= 1) throw new AppError('refused', 'A workspace keeps at least one user.');
  inTransaction(db, () => {
    for (const { table, column } of userReferences(db)) {
      db.raw.prepare(`UPDATE "${table}" SET "${column}" = NULL WHERE "${column}" = ?`).run(userId);
    }
    run(db, db.k.deleteFrom('users').where('user_id', '=', userId).where('customer_id', '=', ws.customerId));
  });
  return listPeople(db, ws);
}

export function findPersonByEmail(db: Db, customerId: number, email: string): { id: number; name: string } {
  const u = first(
    db,
    db.k
      .selectFrom('users')
      .select(['user_id', 'user_name'])
      .where('customer_id', '=', customerId)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())),
  );
  if (!u) throw new AppError('not_found', `No user with the email ${email} in this workspace.`);
  return { id: u.user_id, name: u.user_name };
}
