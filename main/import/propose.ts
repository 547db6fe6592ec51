import type { AccountProposal, ImportPreview, NewAccountProposal } from '../../shared/channels/import';
import { accountInTitles } from '../../shared/import/accountTitle';
import type { InterpretedWorkbook } from '../../shared/import/interpret';
import { nameWords, normalizeName } from '../../shared/names';
import { accountsByName, activeAccounts, findAccountByName } from '../accounts/service';
import type { Db } from '../db/open';

/** Words that join a name's parts and may be written or left out ("Procter & Gamble", "Procter and Gamble"). */
const JOINING = new Set(['and', 'und', 'et', 'y', 'e', 'en']);
/**
 * The words a file name or title is searched for an account by: the name rule's words
 * (nameWords), without their accents (a file named "LOreal" or "L'Oreal" for "L'Oréal", as people
 * type names in file names) and without a joining word between two others ("&" is no word, "and"
 * is; the "E" of "E.ON" stays).
 */
const proposalWords = (s: string): string[] =>
  nameWords(s)
    .map((w) =>
      w
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .normalize('NFC'),
    )
    .filter((w, i, all) => !(JOINING.has(w) && i > 0 && i < all.length - 1));

const holdsWords = (text: string[], name: string[]) =>
  name.length > 0 && text.some((_, i) => name.every((w, j) => text[i + j] === w));

/**
 * How many words of a text an account's name matches: its words in a row, else (a name of several
 * words) one word that is its words run together ("GlobexAnalytics-2025-09.xlsx" for "Globex
 * Analytics"); 0 when the text does not name it.
 */
function matchedWords(text: string[], a: { words: string[]; joined: string | null }): number {
  if (holdsWords(text, a.words)) return a.words.length;
  return a.joined && text.includes(a.joined) ? 1 : 0;
}

export type Proposal = {
  proposed: AccountProposal | null;
  ambiguous: string[];
  /** No existing account is named: the new one the first title row names, if any. */
  proposedNew: NewAccountProposal | null;
};

/**
 * Corporate mode (spec: Modes): the account named in the title rows, else in the file name, else
 * in an Account column holding a single name. Names match as whole words, whatever separates them
 * (so "Acme-West" and "J.P. Morgan" are found in "Acme-West-2025-09.xlsx" and "J.P. Morgan
 * scorecard.xlsx", and "Ion" is not found in "Relationship review"), or run together as one word
 * ("GlobexAnalytics" for "Globex Analytics"); the match of most words wins.
 * Two accounts that match equally well are ambiguous: none is proposed, both are listed. When no
 * account matches, the new account the title rows name is proposed (accountInTitles).
 */
export function proposeAccount(
  db: Db,
  customerId: number,
  fileName: string,
  wb: Pick<InterpretedWorkbook, 'sheets' | 'accounts'>,
): Proposal {
  const accounts = activeAccounts(db, customerId).map((a) => {
    const words = proposalWords(a.account_name);
    return { id: a.account_id, name: a.account_name, words, joined: words.length > 1 ? words.join('') : null };
  });
  const titles = [...new Set(wb.sheets.flatMap((s) => s.titleText))];
  const sources: Array<{ from: AccountProposal['from']; texts: string[] }> = [
    { from: 'title', texts: titles },
    { from: 'file name', texts: [fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')] },
    { from: 'Account column', texts: wb.accounts.length === 1 ? wb.accounts : [] },
  ];
  for (const source of sources) {
    const texts = source.texts.map(proposalWords);
    const found = accounts
      .map((a) => ({ ...a, matched: Math.max(0, ...texts.map((t) => matchedWords(t, a))) }))
      .filter((a) => a.matched > 0);
    const most = Math.max(0, ...found.map((a) => a.matched));
    const best = found.filter((a) => a.matched === most);
    if (best.length > 1) return { proposed: null, ambiguous: best.map((a) => a.name), proposedNew: null };
    if (best.length === 1)
      return { proposed: { id: best[0].id, name: best[0].name, from: source.from }, ambiguous: [], proposedNew: null };
  }
  return { proposed: null, ambiguous: [], proposedNew: newAccountFromTitle(db, customerId, wb, accounts) };
}

/** Whether one list of words begins with the other ("hooli" and "hooli inc"). */
const beginsWith = (a: string[], b: string[]) => b.length > 0 && b.length <= a.length && b.every((w, i) => a[i] === w);

/**
 * The new account the title rows name, unless the workspace has one of that name already
 * (deactivated); with the active accounts whose names begin with its words ("Account: Hooli"
 * where "Hooli Inc" exists), which the window and the command line name before adding it.
 */
function newAccountFromTitle(
  db: Db,
  customerId: number,
  wb: Pick<InterpretedWorkbook, 'sheets'>,
  accounts: Array<{ name: string; words: string[] }>,
): NewAccountProposal | null {
  const found = accountInTitles(
    wb.sheets.flatMap((s) => s.titleText),
    wb.sheets.flatMap((s) => [s.name, s.category]),
  );
  if (!found || findAccountByName(db, customerId, found.name)) return null;
  const words = proposalWords(found.name);
  // (An account whose words the title holds, "Hooli" for "Hooli Inc", was proposed before this.)
  const similar = accounts.filter((a) => beginsWith(a.words, words)).map((a) => a.name);
  return { ...found, similar };
}

/**
 * Roll-up mode: the accounts of the file's Account column with their KPI rows, each with the
 * workspace's account of that name (the name rule) or, for a new one, the account whose name it
 * is but for accents, "&" and spacing ("Nestle" where "Nestlé" exists), which the window and the
 * command line name before it is created as a second account.
 */
export function fileAccounts(
  db: Db,
  customerId: number,
  wb: Pick<InterpretedWorkbook, 'sheets'>,
): ImportPreview['accounts'] {
  const counts = new Map<string, { name: string; n: number }>();
  for (const s of wb.sheets)
    for (const r of s.rows) {
      if (!r.account) continue;
      const k = normalizeName(r.account);
      const c = counts.get(k) ?? { name: r.account.trim(), n: 0 };
      c.n++;
      counts.set(k, c);
    }
  // The workspace's accounts read once (per name, a 2,000-account roll-up read them 2,000 times).
  const known = accountsByName(db, customerId);
  let alike: Map<string, string> | null = null;
  return [...counts].map(([key, c]) => {
    const a = known.get(key);
    if (!a) alike ??= new Map([...known.values()].map((k) => [proposalWords(k.account_name).join(''), k.account_name]));
    return {
      name: a?.account_name ?? c.name,
      existingId: a?.account_id ?? null,
      inactive: a?.account_status === 'inactive',
      kpiRows: c.n,
      like: a ? null : (alike?.get(proposalWords(c.name).join('')) ?? null),
    };
  });
}
