import type { ImportPreview } from '../../shared/channels/import';

/* Texts and small formatters the import screen's views share. */

export const NO_SHEET_WITH_THESE_COLUMNS =
  'With these columns no sheet of this file can be imported: change them back to import it.';

export const PROPOSED_FROM: Record<NonNullable<ImportPreview['proposedAccount']>['from'], string> = {
  'file name': 'file name',
  title: 'title rows',
  'Account column': 'Account column',
};

export const fmtSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
/** "Acme", "Acme and Globex", "Acme, Globex and Initech", or "12 accounts" past three names. */
export const nameList = (names: string[]) =>
  names.length > 3
    ? plural(names.length, 'account')
    : names.length > 1
      ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
      : (names[0] ?? '');
