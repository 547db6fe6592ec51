import type { ImportPreview } from '../../shared/channels/import';
import { firstFew } from '../../shared/format';
import { fmtMonth } from '../components/format';
import { nameList, plural } from './importText';

/** The account a corporate file goes to: an existing account, the new one its title names ('new'), or none yet. */
export type AccountChoice = number | '' | 'new';

/** What the "already imported" notice says for the chosen period, or null. */
export function alreadyImportedText(p: ImportPreview, period: string, accountId: AccountChoice): string | null {
  const held = p.periods[period]?.alreadyImported ?? [];
  if (!held.length) return null;
  const month = fmtMonth(period);
  if (p.mode === 'corporate') {
    const chosen = held.find((a) => a.id === accountId);
    return chosen
      ? `This exact file was already imported into ${chosen.name} for ${month}: importing it again stores nothing new.`
      : `This exact file was already imported for ${month} into ${nameList(held.map((a) => a.name))}.`;
  }
  const heldIds = new Set(held.map((a) => a.id));
  const inFile = p.accounts.filter((a) => a.existingId != null && heldIds.has(a.existingId));
  if (!inFile.length) return null;
  const who = nameList(inFile.map((a) => a.name));
  const one = inFile.length === 1;
  const others = p.accounts.length - inFile.length;
  return others
    ? `${who} already ${one ? 'holds' : 'hold'} this exact file for ${month} and ${one ? 'is' : 'are'} skipped; the other ${plural(others, 'account')} ${others === 1 ? 'is' : 'are'} imported.`
    : `${who} already ${one ? 'holds' : 'hold'} this exact file for ${month}: importing it again stores nothing new.`;
}

/** Why the Import button is off, said next to it, or null (the file's own problem is said above). */
export function importReason(
  p: ImportPreview,
  s: { updating: boolean; problem: string | null; period: string; accountId: AccountChoice; createAccounts: boolean },
): string | null {
  const newAccounts = p.accounts.filter((a) => a.existingId == null).length;
  if (s.updating) return 'Updating the preview…';
  if (s.problem || p.blocked) return null;
  if (!/^\d{4}-\d{2}$/.test(s.period)) return 'Choose the period of the Data column.';
  if (p.mode === 'corporate' && !s.accountId) return 'Choose the account this workbook belongs to, or add it.';
  if (p.mode === 'account_rollup' && newAccounts > 0 && !s.createAccounts)
    return `Tick "Create the ${plural(newAccounts, 'new account')}" to import this file.`;
  return null;
}

/** Where the chosen period stands against the file's default, in a sentence. */
export function periodNote(p: ImportPreview, period: string): string {
  if (!period || period === p.defaultPeriod) return p.defaultPeriodFrom.sentence;
  return `You chose ${fmtMonth(period)}. The file suggests ${fmtMonth(p.defaultPeriod)}: ${p.defaultPeriodFrom.sentence.replace(/^Period [^:]+: /, '')}`;
}

/**
 * Why the file cannot be imported as it is, as the window says it: with sheets whose columns are
 * to correct and no KPI sheet, where to correct them (each sheet's card says what it lacks).
 */
export function blockedText(p: Pick<ImportPreview, 'blocked' | 'sheets' | 'nearSheets'>): string | null {
  if (p.sheets.length === 0 && p.nearSheets.length > 0) {
    const names = p.nearSheets.map((s) => s.name);
    return `No sheet in this file is a KPI sheet as it is: choose below what the columns of ${firstFew(names)} hold, or correct the workbook.`;
  }
  return p.blocked;
}
