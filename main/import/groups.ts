import { LIST_SYNONYMS } from '../../shared/accounts/list';
import { AppError } from '../../shared/errors';
import { firstFew, plural } from '../../shared/format';
import { fieldForHeader, normalizeHeader } from '../../shared/import/columns';
import type { InterpretedSheet, Issue, KpiRow } from '../../shared/import/interpret';
import { normalizeName } from '../../shared/names';
import { accountsByName, findAccountByName, getAccount } from '../accounts/service';
import { type Db, run } from '../db/open';
import type { StoreInput } from './store';

export type Group = { name: string; accountId: number | null; rows: KpiRow[]; created: boolean };

/** Roll-up mode takes a master workbook: a file without an Account column cannot be split by account. */
export const NO_ACCOUNT_COLUMN_REFUSAL =
  'This workspace takes one master workbook with an Account column, and this file has none: add an Account column, or switch the upload mode to corporate in Settings.';

/**
 * Headers that name a row's account as people write them (an accounts list's words for it) that
 * the contract's Account column does not take ("Customer", "Company Name"); not a bare "Name".
 */
const ACCOUNT_LIKE = new Set(
  LIST_SYNONYMS.account.filter((h) => h !== 'Name' && fieldForHeader(h) !== 'account').map(normalizeHeader),
);

/**
 * The refusal of a file without an Account column in roll-up mode, naming the column that looks
 * like the accounts' ("Customer") where there is one, and how to use it.
 */
export function noAccountColumnRefusal(sheets: ReadonlyArray<Pick<InterpretedSheet, 'name' | 'mapping'>>): string {
  const like = accountLikeColumn(sheets);
  if (!like) return NO_ACCOUNT_COLUMN_REFUSAL;
  return `This workspace takes one master workbook with an Account column, and this file has none; its column "${like.header}" (sheet ${like.sheet}) looks like the accounts: map it to Account in the import window's columns (remembered for the next file with these headers), or rename the header to Account.`;
}

/** The first column not imported whose header names a row's account as people write it ("Customer"), or null. */
export function accountLikeColumn(
  sheets: ReadonlyArray<Pick<InterpretedSheet, 'name' | 'mapping'>>,
): { header: string; sheet: string } | null {
  for (const s of sheets) {
    const like = s.mapping.find((m) => m.field === 'ignored' && ACCOUNT_LIKE.has(normalizeHeader(m.header)));
    if (like) return { header: like.header.trim(), sheet: s.name.trim() };
  }
  return null;
}

/**
 * The warning for a KPI row whose Data value differs from the value of its month column for the
 * period (`period` YYYY-MM, `column` that column's letter), or null when they agree or one is empty.
 */
export function dataConflict(
  r: KpiRow,
  period: string,
  value: number | null,
  column: string | undefined,
): Issue | null {
  if (value == null || r.dataValue == null || Math.abs(value - r.dataValue) <= 1e-9) return null;
  return {
    severity: 'warning',
    sheet: r.sheet,
    row: r.row,
    column,
    message: `"${r.fields.kpi_parameter}": Data is ${r.dataValue} but the ${period} column says ${value}; the Data value counts.`,
  };
}

/** Corporate: the one account of the file, chosen, or new (created with createAccounts). */
function corporateGroup(db: Db, input: StoreInput, rows: KpiRow[]): Group {
  if (input.accountId != null) {
    const a = getAccount(db, input.customerId, input.accountId);
    return { name: a.account_name, accountId: a.account_id, rows, created: false };
  }
  const name = input.newAccountName?.trim().replace(/\s+/g, ' ');
  if (!name) throw new AppError('invalid_input', 'Pick the account this workbook belongs to.');
  const known = findAccountByName(db, input.customerId, name);
  if (known) return { name: known.account_name, accountId: known.account_id, rows, created: false };
  if (!input.createAccounts)
    throw new AppError('refused', `The account "${name}" is not in the workspace yet: confirm to create it.`);
  return { name, accountId: null, rows, created: false };
}

/**
 * The refusal of accounts a file names that the workspace lacks, ending with how to create them
 * (the window's and the command line's ways): "2 accounts in this file are not in the workspace
 * yet (Acme, Globex): confirm to create them."
 */
export function unknownAccounts(names: string[], where: string, how: (them: string) => string): string {
  const many = names.length > 1;
  return `${plural(names.length, 'account')} in this file ${many ? 'are' : 'is'} not in ${where} yet (${firstFew(names)}): ${how(many ? 'them' : 'it')}`;
}

/** The rows of the workbook per target account (spec: modes), or a refusal before anything is written. */
export function groupByAccount(db: Db, input: StoreInput): Group[] {
  const rows = input.wb.sheets.flatMap((s) => s.rows);
  if (input.mode === 'corporate') return [corporateGroup(db, input, rows)];
  if (!input.wb.sheets.some((s) => s.hasAccountColumn))
    throw new AppError('refused', noAccountColumnRefusal(input.wb.sheets));
  const existing = accountsByName(db, input.customerId);
  const groups = new Map<string, Group>();
  for (const r of rows) {
    // Only a sheet without an Account column gives rows without one (a row of a sheet with the
    // column but no name in it is refused as it is read): that sheet's warning says so, once.
    if (!r.account?.trim()) continue;
    const key = normalizeName(r.account);
    let g = groups.get(key);
    if (!g) {
      const a = existing.get(key);
      g = {
        name: a?.account_name ?? r.account.trim().replace(/\s+/g, ' '),
        accountId: a?.account_id ?? null,
        rows: [],
        created: false,
      };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  const unknown = [...groups.values()].filter((g) => g.accountId == null).map((g) => g.name);
  if (unknown.length && !input.createAccounts)
    throw new AppError(
      'refused',
      unknownAccounts(unknown, 'the workspace', (them) => `confirm to create ${them}.`),
    );
  return [...groups.values()];
}

/** Creates the accounts named in the file that the workspace does not have yet. */
export function createMissingAccounts(
  db: Db,
  customerId: number,
  todo: Group[],
  report: { accountsCreated: string[] },
): void {
  for (const g of todo) {
    if (g.accountId != null) continue;
    g.accountId = run(
      db,
      db.k.insertInto('accounts').values({ customer_id: customerId, account_name: g.name }),
    ).lastInsertRowid;
    g.created = true;
    report.accountsCreated.push(g.name);
  }
}
