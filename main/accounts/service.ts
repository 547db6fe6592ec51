import type { AccountRow } from '../../shared/contract';
import { AppError, notFound } from '../../shared/errors';
import { normalizeName } from '../../shared/names';
import { all, type Db, first, inTransaction, run } from '../db/open';
import type { Account } from '../db/schema';
import { bookColumns, peopleNames, recordChanges } from './book';

export function toAccountRow(a: Account, names?: Map<number, string>): AccountRow {
  return {
    id: a.account_id,
    name: a.account_name,
    revenue: Number(a.revenue ?? 0),
    status: a.account_status === 'inactive' ? 'inactive' : 'active',
    industry: a.industry,
    region: a.region,
    ownerUserId: a.owner_user_id ?? null,
    ownerName: a.owner_user_id != null ? (names?.get(a.owner_user_id) ?? null) : null,
    renewalDate: a.renewal_date ?? null,
    segment: a.segment ?? null,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

/** One account of the workspace; an id from another workspace is "not found", never read. */
export function getAccount(db: Db, customerId: number, accountId: number): Account {
  const a = first(
    db,
    db.k.selectFrom('accounts').selectAll().where('customer_id', '=', customerId).where('account_id', '=', accountId),
  );
  if (!a) throw notFound('That account');
  return a;
}

/** The workspace's active accounts (a deactivated one is kept but takes no part), by name. */
export function activeAccounts(db: Db, customerId: number): Array<{ account_id: number; account_name: string }> {
  return all(
    db,
    db.k
      .selectFrom('accounts')
      .select(['account_id', 'account_name'])
      .where('customer_id', '=', customerId)
      .where('account_status', '=', 'active')
      .orderBy('account_name'),
  );
}

/**
 * The workspace's accounts by normalised name (names match after trimming and Unicode case folding,
 * workbook-format.md, Modes: the name rule of shared/names.ts), read once: for a caller looking up
 * many names (an import's preview, an accounts list).
 */
export function accountsByName(db: Db, customerId: number): Map<string, Account> {
  const out = new Map<string, Account>();
  for (const a of all(db, db.k.selectFrom('accounts').selectAll().where('customer_id', '=', customerId))) {
    const key = normalizeName(a.account_name);
    if (!out.has(key)) out.set(key, a);
  }
  return out;
}

/** The workspace's account of that name (the name rule of accountsByName). */
export function findAccountByName(db: Db, customerId: number, name: string): Account | undefined {
  return accountsByName(db, customerId).get(normalizeName(name));
}

export function listAccounts(
  db: Db,
  customerId: number,
  filter: {
    search?: string;
    status?: 'active' | 'inactive' | 'all';
    industry?: string;
    region?: string;
    ownerUserId?: number;
    segment?: string;
  } = {},
): AccountRow[] {
  let q = db.k.selectFrom('accounts').selectAll().where('customer_id', '=', customerId);
  const status = filter.status ?? 'active';
  if (status !== 'all') q = q.where('account_status', '=', status);
  if (filter.industry) q = q.where('industry', '=', filter.industry);
  if (filter.region) q = q.where('region', '=', filter.region);
  if (filter.ownerUserId) q = q.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.segment) q = q.where('segment', '=', filter.segment);
  const rows = all(db, q.orderBy('account_name'));
  // The search is done here rather than with LIKE: LIKE folds ASCII letters only, and treats % and _
  // in the search as wildcards. A workspace holds thousands of accounts at most.
  const needle = filter.search?.toLocaleLowerCase();
  const names = peopleNames(db, customerId);
  return rows
    .filter((a) => !needle || a.account_name.toLocaleLowerCase().includes(needle))
    .map((a) => toAccountRow(a, names));
}

export function accountFacets(
  db: Db,
  customerId: number,
): { industries: string[]; regions: string[]; segments: string[] } {
  const rows = all(
    db,
    db.k.selectFrom('accounts').select(['industry', 'region', 'segment']).where('customer_id', '=', customerId),
  );
  const uniq = (xs: Array<string | null>) =>
    [...new Set(xs.filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b));
  return {
    industries: uniq(rows.map((r) => r.industry)),
    regions: uniq(rows.map((r) => r.region)),
    segments: uniq(rows.map((r) => r.segment)),
  };
}

/** The editable fields of an account besides its name. */
export interface AccountFields {
  revenue?: number;
  industry?: string | null;
  region?: string | null;
  ownerUserId?: number | null;
  renewalDate?: string | null;
  segment?: string | null;
}

/**
 * Refuses a name another account of the workspace has (after normalising): looked up in `known`
 * (the workspace's accounts by name, kept current by the caller creating many) or read.
 */
function assertNameFree(db: Db, customerId: number, name: string, exceptId?: number, known?: Map<string, Account>) {
  const clash = known ? known.get(normalizeName(name)) : findAccountByName(db, customerId, name);
  if (clash && clash.account_id !== exceptId) {
    const hint = clash.account_status === 'inactive' ? ' (it is deactivated: restore it instead)' : '';
    throw new AppError('conflict', `An account named "${clash.account_name}" already exists${hint}.`);
  }
}

/**
 * Adds an account. A caller creating many passes `known` (accountsByName, read in its transaction):
 * the name is checked against it and the new account added to it, instead of reading every
 * account of the workspace per account created.
 */
export function createAccount(
  db: Db,
  customerId: number,
  input: AccountFields & { name: string },
  known?: Map<string, Account>,
): AccountRow {
  assertNameFree(db, customerId, input.name, undefined, known);
  const book = bookColumns(db, customerId, input);
  const id = run(
    db,
    db.k.insertInto('accounts').values({
      customer_id: customerId,
      account_name: input.name.trim(),
      revenue: input.revenue ?? 0,
      industry: input.industry || null,
      region: input.region || null,
      ...book,
    }),
  ).lastInsertRowid;
  const account = getAccount(db, customerId, id);
  known?.set(normalizeName(account.account_name), account);
  return toAccountRow(account, peopleNames(db, customerId));
}

export function updateAccount(
  db: Db,
  customerId: number,
  input: AccountFields & { accountId: number; name?: string },
  userId: number | null = null,
): AccountRow {
  const before = getAccount(db, customerId, input.accountId);
  if (input.name !== undefined) assertNameFree(db, customerId, input.name, input.accountId);
  const book = bookColumns(db, customerId, input);
  const patch: Record<string, unknown> = { updated_at: new Date().toISOString(), ...book };
  if (input.name !== undefined) patch.account_name = input.name.trim();
  if (input.revenue !== undefined) patch.revenue = input.revenue;
  if (input.industry !== undefined) patch.industry = input.industry || null;
  if (input.region !== undefined) patch.region = input.region || null;
  inTransaction(db, () => {
    recordChanges(db, customerId, before, book, userId);
    run(
      db,
      db.k
        .updateTable('accounts')
        .set(patch)
        .where('customer_id', '=', customerId)
        .where('account_id', '=', input.accountId),
    );
  });
  return toAccountRow(getAccount(db, customerId, input.accountId), peopleNames(db, customerId));
}

/** Soft delete and restore: `account_status` is 'inactive' or 'active'; nothing is removed. */
export function setAccountStatus(
  db: Db,
  customerId: number,
  accountId: number,
  status: 'active' | 'inactive',
): AccountRow {
  getAccount(db, customerId, accountId);
  run(
    db,
    db.k
      .updateTable('accounts')
      .set({ account_status: status, updated_at: new Date().toISOString() })
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId),
  );
  return toAccountRow(getAccount(db, customerId, accountId), peopleNames(db, customerId));
}
