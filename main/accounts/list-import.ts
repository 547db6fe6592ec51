/**
 * Issue 13, point 1: an accounts list from a CRM export (xlsx or CSV), previewed before anything is
 * written and imported all or nothing. Existing accounts are matched by name (the name rule of
 * shared/names.ts) and updated where the list says something new; an account the workspace does not
 * have is created only when the user confirms it. Owners are named by email or by name and must be users of
 * the workspace. Owner and renewal changes are recorded in account_changes, as the account form does.
 */
import { type ListRow, type ParsedList, parseAccountsList } from '../../shared/accounts/list';
import type {
  AccountsListChange,
  AccountsListPreview,
  AccountsListResult,
  AccountsListRow,
} from '../../shared/channels/accounts';
import { AppError } from '../../shared/errors';
import { isImportRefusal } from '../../shared/import/refusal';
import { normalizeName } from '../../shared/names';
import { type Db, inTransaction } from '../db/open';
import type { Account } from '../db/schema';
import { readWorkbook } from '../import/workbook';
import { listPeople } from './book';
import { accountsByName, createAccount, updateAccount } from './service';

const COLUMN_LABELS: Record<string, string> = {
  account: 'Account',
  revenue: 'Revenue',
  owner: 'Owner email',
  renewal: 'Renewal date',
  industry: 'Industry',
  region: 'Region',
  segment: 'Segment',
};

/** Reads the file; a refused or unreadable file, or one with no Account column, is one sentence. */
export async function readAccountsList(fileName: string, bytes: Uint8Array): Promise<ParsedList> {
  let parsed: ParsedList | null;
  try {
    parsed = parseAccountsList(await readWorkbook(bytes, fileName));
  } catch (e) {
    if (isImportRefusal(e)) throw new AppError('refused', e.message);
    throw e;
  }
  if (!parsed)
    throw new AppError(
      'refused',
      `${fileName} has no accounts list: no sheet has a header row with an Account column and at least one of Revenue, Owner email, Renewal date, Industry, Region or Segment.`,
    );
  if (!parsed.rows.length) throw new AppError('refused', `${fileName} lists no account under its header row.`);
  return parsed;
}

interface Context {
  accounts: Map<string, Account>;
  people: Map<string, { id: number; name: string }>;
  peopleById: Map<number, string>;
  /** The users by their name (normalised): a CRM names an account's owner by name. */
  peopleByName: Map<string, Array<{ id: number; name: string }>>;
}

function contextOf(db: Db, customerId: number): Context {
  const people = listPeople(db, customerId);
  return {
    accounts: accountsByName(db, customerId),
    people: new Map(people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), { id: p.id, name: p.name }])),
    peopleById: new Map(people.map((p) => [p.id, p.name])),
    peopleByName: people.reduce((m, p) => {
      const key = normalizeName(p.name);
      m.set(key, [...(m.get(key) ?? []), { id: p.id, name: p.name }]);
      return m;
    }, new Map<string, Array<{ id: number; name: string }>>()),
  };
}

/** The user a row names as its owner (by email or by name), or why none; nothing when it names none. */
function ownerOf(row: ListRow, ctx: Context): { person?: { id: number; name: string }; problem?: string } {
  if (row.ownerEmail) {
    const person = ctx.people.get(row.ownerEmail);
    return person
      ? { person }
      : { problem: `Row ${row.row}: no user of this workspace has the email ${row.ownerEmail}.` };
  }
  if (!row.ownerName) return {};
  const named = ctx.peopleByName.get(normalizeName(row.ownerName)) ?? [];
  if (named.length === 1) return { person: named[0] };
  return {
    problem: named.length
      ? `Row ${row.row}: ${named.length} users of this workspace are named ${row.ownerName}: name the owner by email.`
      : `Row ${row.row}: no user of this workspace is named ${row.ownerName} (name the owner by a user's name or email).`,
  };
}

const text = (v: unknown): string | null => (v == null || v === '' ? null : String(v));

/** What importing the row would change on the account (all of it for a new one). */
function changesOf(
  row: ListRow,
  existing: Account | undefined,
  owner: { name: string } | undefined,
  ctx: Context,
): AccountsListChange[] {
  const out: AccountsListChange[] = [];
  const add = (field: AccountsListChange['field'], from: string | null, to: string | undefined) => {
    if (to !== undefined && from !== to) out.push({ field, from, to });
  };
  const ownerNow = existing?.owner_user_id != null ? (ctx.peopleById.get(existing.owner_user_id) ?? null) : null;
  add('revenue', existing ? text(Number(existing.revenue ?? 0)) : null, text(row.revenue) ?? undefined);
  add('owner', ownerNow, owner?.name);
  add('renewal', existing?.renewal_date ?? null, row.renewalDate);
  add('industry', existing?.industry ?? null, row.industry);
  add('region', existing?.region ?? null, row.region);
  add('segment', existing?.segment ?? null, row.segment);
  return out;
}

function previewRows(parsed: ParsedList, ctx: Context): { rows: AccountsListRow[]; problems: string[] } {
  const problems = parsed.problems.map((p) => p.message);
  const rows = parsed.rows.map((row): AccountsListRow => {
    const { person, problem } = ownerOf(row, ctx);
    if (problem) problems.push(problem);
    const existing = ctx.accounts.get(normalizeName(row.name));
    const changes = changesOf(row, existing, person, ctx);
    const action = !existing ? 'create' : changes.length ? 'update' : 'unchanged';
    return {
      row: row.row,
      name: existing?.account_name ?? row.name,
      accountId: existing?.account_id ?? null,
      action,
      changes,
    };
  });
  return { rows, problems };
}

/** The preview: per row, the account it matches (or "new") and what would change; nothing is written. */
export async function previewAccountsList(
  db: Db,
  customerId: number,
  fileName: string,
  bytes: Uint8Array,
): Promise<AccountsListPreview> {
  const parsed = await readAccountsList(fileName, bytes);
  const { rows, problems } = previewRows(parsed, contextOf(db, customerId));
  const count = (a: AccountsListRow['action']) => rows.filter((r) => r.action === a).length;
  return {
    fileName,
    sheet: parsed.sheet,
    columns: Object.keys(parsed.columns).map((f) => COLUMN_LABELS[f]),
    rows,
    counts: { create: count('create'), update: count('update'), unchanged: count('unchanged') },
    problems,
  };
}

function refuseIfUnsafe(rows: AccountsListRow[], problems: string[], createAccounts: boolean): void {
  if (problems.length) {
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new AppError('invalid_input', `Nothing was imported: ${problems[0]}${more}`);
  }
  const unknown = rows.filter((r) => r.action === 'create').map((r) => r.name);
  if (unknown.length && !createAccounts) {
    const names = unknown.slice(0, 3).join(', ') + (unknown.length > 3 ? `, … (${unknown.length} in all)` : '');
    throw new AppError(
      'invalid_input',
      `Nothing was imported: ${unknown.length === 1 ? 'one account is' : `${unknown.length} accounts are`} not in this workspace (${names}); confirm to create ${unknown.length === 1 ? 'it' : 'them'}.`,
    );
  }
}

/** Imports the list all or nothing: every row checked first, then one transaction. */
export async function importAccountsList(
  db: Db,
  customerId: number,
  input: { fileName: string; bytes: Uint8Array; createAccounts: boolean },
  userId: number | null,
): Promise<AccountsListResult> {
  const parsed = await readAccountsList(input.fileName, input.bytes);
  const ctx = contextOf(db, customerId);
  const { rows, problems } = previewRows(parsed, ctx);
  refuseIfUnsafe(rows, problems, input.createAccounts);
  const byRow = new Map(parsed.rows.map((r) => [r.row, r]));
  return inTransaction(db, () => {
    const result: AccountsListResult = { created: [], updated: [], unchanged: 0 };
    // Read in the transaction, kept current as accounts are created: each name checked without a read.
    const known = accountsByName(db, customerId);
    for (const r of rows) {
      const src = byRow.get(r.row)!;
      const fields = {
        revenue: src.revenue,
        industry: src.industry,
        region: src.region,
        segment: src.segment,
        renewalDate: src.renewalDate,
        ownerUserId: ownerOf(src, ctx).person?.id,
      };
      if (r.action === 'create')
        result.created.push(createAccount(db, customerId, { name: src.name, ...fields }, known).name);
      else if (r.action === 'update') {
        updateAccount(db, customerId, { accountId: r.accountId!, ...fields }, userId);
        result.updated.push(r.name);
      } else result.unchanged++;
    }
    return result;
  });
}
