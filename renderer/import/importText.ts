import type { ImportPreview, ImportReport } from '../../shared/channels/import';
import { fmtCount, plural } from '../../shared/format';
import { fmtMonth } from '../components/format';

export { plural };

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
/** "Acme", "Acme and Globex", "Acme, Globex and Initech", or "12 accounts" past three names. */
export const nameList = (names: string[]) =>
  names.length > 3
    ? plural(names.length, 'account')
    : names.length > 1
      ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
      : (names[0] ?? '');

/** How many accounts a report names before "…". */
export const ACCOUNTS_NAMED = 10;

/**
 * What an import stored, as the report's first line says it: "3 accounts updated, 2 created
 * (Acme, Globex)", "1 account created (Initech)". An account the import created is counted once,
 * as created, not also as updated.
 */
export function importedSummary(report: Pick<ImportReport, 'uploads' | 'accountsCreated'>): string {
  const created = report.accountsCreated;
  const updated = report.uploads.length - created.length;
  const named = `${created.slice(0, ACCOUNTS_NAMED).join(', ')}${created.length > ACCOUNTS_NAMED ? ', …' : ''}`;
  const parts: string[] = [];
  if (updated > 0 || !created.length) parts.push(`${plural(updated, 'account')} updated`);
  if (created.length)
    parts.push(`${updated > 0 ? fmtCount(created.length) : plural(created.length, 'account')} created (${named})`);
  return parts.join(', ');
}

/** The preview's first line: "1 KPI sheet, 6 KPI rows, month Aug 2025." (months as YYYY-MM). */
export function previewSummary(sheets: number, kpiRows: number, months: readonly string[]): string {
  const span =
    months.length === 1
      ? `, month ${fmtMonth(months[0])}`
      : months.length > 1
        ? `, months ${fmtMonth(months[0])} to ${fmtMonth(months[months.length - 1])}`
        : '';
  return `${plural(sheets, 'KPI sheet')}, ${plural(kpiRows, 'KPI row')}${span}.`;
}
