import type { BulkUpdateInput, PersonRow } from '../../shared/channels/accounts';
import { AppError } from '../../shared/errors';
import { all, type Db, first, inTransaction, run } from '../db/open';
import type { Account } from '../db/schema';

/** Issue 13, point 1: the account as a book of business (owner, renewal date, segment). */

/** The workspace's people (users), by name: the owner picker's list. */
export function listPeople(db: Db, customerId: number): PersonRow[] {
  return all(
    db,
    db.k
      .selectFrom('users')
      .select(['user_id', 'user_name', 'email'])
      .where('customer_id', '=', customerId)
      .orderBy('user_name'),
  ).map((u) => ({ id: u.user_id, name: u.user_name, email: u.email }));
}

/** user_id → name, for the account rows. */
export function peopleNames(db: Db, customerId: number): Map<number, string> {
  return new Map(listPeople(db, customerId).map((p) => [p.id, p.name]));
}

/** A user of this workspace by id; another workspace's user is refused like an unknown one. */
export function assertPerson(db: Db, customerId: number, userId: number): PersonRow {
  const p = listPeople(db, customerId).find((u) => u.id === userId);
  if (!p) throw new AppError('invalid_input', 'That owner is not a person of this workspace.');
  return p;
}

/** A user of this workspace by email (case-insensitive), or one sentence naming the email. */
export function personByEmail(db: Db, customerId: number, email: string): PersonRow {
  const wanted = email.trim().toLowerCase();
  const p = listPeople(db, customerId).find((u) => (u.email ?? '').toLowerCase() === wanted);
  if (!p) throw new AppError('invalid_input', `No one with the email ${email.trim()} is a user of this workspace.`);
  return p;
}

export interface BookPatch {
  ownerUserId?: number | null;
  renewalDate?: string | null;
  segment?: string | null;
}

const TRACKED: Array<[keyof BookPatch, 'owner_user_id' | 'renewal_date' | 'segment', string]> = [
  ['ownerUserId', 'owner_user_id', 'owner'],
  ['renewalDate', 'renewal_date', 'renewal'],
  ['segment', 'segment', 'segment'],
];

/** The columns to set for a patch, checking the owner; undefined fields are left alone. */
export function bookColumns(db: Db, customerId: number, patch: BookPatch): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  if (patch.ownerUserId !== undefined) {
    if (patch.ownerUserId !== null) assertPerson(db, customerId, patch.ownerUserId);
    cols.owner_user_id = patch.ownerUserId;
  }
  if (patch.renewalDate !== undefined) cols.renewal_date = patch.renewalDate || null;
  if (patch.segment !== undefined) cols.segment = patch.segment?.trim() || null;
  return cols;
}

/**
 * Records the owner/renewal/segment changes between the account before and the columns set, at
 * one time (one save's changes sit together in the timeline, in the order owner, renewal, segment).
 */
export function recordChanges(
  db: Db,
  customerId: number,
  before: Account,
  cols: Record<string, unknown>,
  userId: number | null,
): void {
  const changedAt = new Date().toISOString();
  for (const [, column, field] of TRACKED) {
    if (!(column in cols)) continue;
    const oldValue = before[column] == null ? null : String(before[column]);
    const newValue = cols[column] == null ? null : String(cols[column]);
    if (oldValue === newValue) continue;
    run(
      db,
      db.k.insertInto('account_changes').values({
        customer_id: customerId,
        account_id: before.account_id,
        field,
        old_value: oldValue,
        new_value: newValue,
        user_id: userId,
        changed_at: changedAt,
      }),
    );
  }
}

/** Sets owner, segment, industry or region on many accounts at once, all or nothing. */
export function bulkUpdateAccounts(
  db: Db,
  customerId: number,
  input: BulkUpdateInput,
  userId: number | null,
): { updated: number } {
  const cols = bookColumns(db, customerId, { ownerUserId: input.ownerUserId, segment: input.segment });
  if (input.industry !== undefined) cols.industry = input.industry || null;
  if (input.region !== undefined) cols.region = input.region || null;
  if (!Object.keys(cols).length)
    throw new AppError('invalid_input', 'Choose an owner, segment, industry or region to set.');
  return inTransaction(db, () => {
    let updated = 0;
    for (const accountId of [...new Set(input.accountIds)]) {
      const before = first(
        db,
        db.k
          .selectFrom('accounts')
          .selectAll()
          .where('customer_id', '=', customerId)
          .where('account_id', '=', accountId),
      );
      if (!before) throw new AppError('not_found', 'One of the selected accounts no longer exists.');
      recordChanges(db, customerId, before, cols, userId);
      run(
        db,
        db.k
          .updateTable('accounts')
          .set({ ...cols, updated_at: new Date().toISOString() })
          .where('customer_id', '=', customerId)
          .where('account_id', '=', accountId),
      );
      updated++;
    }
    return { updated };
  });
}
