/**
 * An accounts list as CSMs export it from their CRM (issue 13, point 1): one row per account with
 * Account, Revenue, Owner email, Renewal date, Industry, Region and Segment columns, in any order,
 * headers matched as the KPI importer matches its own (case, spaces and punctuation ignored, the
 * usual synonyms). Pure: it reads a RawWorkbook and says what each row holds and what is wrong.
 */
import { normalizeHeader } from '../import/columns';
import type { Cell, RawSheet, RawWorkbook } from '../import/types';
import {
  anyMonthName,
  cellDisplayText,
  cellNumberText,
  isBlankCell,
  isCalendarDate,
  isoDate,
  parseNumberText,
} from '../import/values';
import { normalizeName } from '../names';

export const LIST_FIELDS = ['account', 'revenue', 'owner', 'renewal', 'industry', 'region', 'segment'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** Header texts that mean each column; matching ignores case, spaces and punctuation. */
export const LIST_SYNONYMS: Readonly<Record<ListField, readonly string[]>> = {
  account: [
    'Account',
    'Account Name',
    'Customer',
    'Customer Name',
    'Customer Account',
    'Company',
    'Company Name',
    'Client',
    'Client Name',
    'Organization',
    'Organisation',
    'Organization Name',
    'Name',
  ],
  revenue: ['Revenue', 'Annual Revenue', 'ARR', 'Annual Recurring Revenue', 'Contract Value', 'ACV'],
  owner: [
    'Owner email',
    'Owner',
    'Account Owner',
    'Account Owner Email',
    'Company Owner',
    'CSM',
    'CSM Email',
    'CSM Name',
    'Customer Success Manager',
    'Owner E-mail',
  ],
  renewal: ['Renewal date', 'Renewal', 'Renews on', 'Contract End', 'Contract End Date', 'Next Renewal'],
  industry: ['Industry', 'Sector', 'Vertical'],
  region: ['Region', 'Territory', 'Geo'],
  segment: ['Segment', 'Tier', 'Customer Segment'],
};

const HEADER_INDEX: ReadonlyMap<string, ListField> = new Map(
  (Object.entries(LIST_SYNONYMS) as Array<[ListField, readonly string[]]>).flatMap(([f, words]) =>
    words.map((w) => [normalizeHeader(w), f] as const),
  ),
);

/** The column a header text means, or null. */
export function listFieldForHeader(text: string): ListField | null {
  return HEADER_INDEX.get(normalizeHeader(text)) ?? null;
}

/** One row of the list; a field is undefined when its column is absent or its cell is empty (left as it is). */
export interface ListRow {
  /** The Excel row number (1-based), for messages. */
  row: number;
  name: string;
  revenue?: number;
  ownerEmail?: string;
  /** The owner named by a name rather than an email ("Jane Doe", as a CRM's Account Owner column has it). */
  ownerName?: string;
  renewalDate?: string;
  industry?: string;
  region?: string;
  segment?: string;
}

export interface ParsedList {
  sheet: string;
  /** The columns found, field to 1-based column. */
  columns: Partial<Record<ListField, number>>;
  rows: ListRow[];
  problems: Array<{ row: number; message: string }>;
}

/** How far down the header row is looked for. */
const HEADER_SEARCH_ROWS = 20;

function headerOf(sheet: RawSheet): { row: number; columns: Partial<Record<ListField, number>> } | null {
  for (let r = 0; r < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); r++) {
    const columns: Partial<Record<ListField, number>> = {};
    (sheet.rows[r] ?? []).forEach((cell, c) => {
      if (cell.t !== 'text') return;
      const field = listFieldForHeader(cell.v);
      if (field && columns[field] === undefined) columns[field] = c + 1;
    });
    if (columns.account !== undefined && Object.keys(columns).length >= 2) return { row: r + 1, columns };
  }
  return null;
}

/** The ISO date of a year, month and day, or null when there is no such day (31 April). */
function realDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const iso = isoDate(year, month, day);
  return isCalendarDate(iso) ? iso : null;
}

/**
 * A renewal date as a CRM exports it or a person types it, or why it is none: a date cell;
 * 2026-03-31 (or with slashes or dots); 31.03.2026 (day first, always, with dots); 31/03/2026 or
 * 3/31/2026 where the number above 12 says which is the day; 31 Mar 2026, Mar 31, 2026 and
 * 31-Mar-2026. A date that can be read both ways (03/04/2026) is refused rather than guessed.
 */
export function readListDate(cell: Cell): { date: string } | { problem: string } {
  const none = { problem: 'is not a date (write it YYYY-MM-DD)' };
  if (cell.t === 'date') return { date: isoDate(cell.year, cell.month, cell.day) };
  if (cell.t !== 'text') return none;
  const t = cell.v.trim().replace(/\s+/g, ' ');
  const found = (iso: string | null) => (iso ? { date: iso } : none);
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return found(realDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return found(realDate(Number(m[3]), Number(m[2]), Number(m[1])));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(t);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a !== b && a <= 12 && b <= 12)
      return { problem: `can be read as ${a}/${b} or ${b}/${a} (day and month): write it YYYY-MM-DD` };
    return found(a > 12 ? realDate(year, b, a) : realDate(year, a, b));
  }
  m = /^(\d{1,2})\.?[ -](\p{L}+)\.?,?[ -](\d{4})$/u.exec(t);
  const month = m && anyMonthName(m[2]);
  if (m && month) return found(realDate(Number(m[3]), month, Number(m[1])));
  m = /^(\p{L}+)\.? (\d{1,2}),? (\d{4})$/u.exec(t);
  const month2 = m && anyMonthName(m[1]);
  if (m && month2) return found(realDate(Number(m[3]), month2, Number(m[2])));
  return none;
}

function listRevenue(cell: Cell): number | null {
  const n = cell.t === 'number' ? cell.v : cell.t === 'text' ? parseNumberText(cellNumberText(cell)) : null;
  return n !== null && Number.isFinite(n) && n >= 0 && n <= 1e13 ? n : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problems = ParsedList['problems'];

function readField(field: ListField, cell: Cell, row: number, problems: Problems): string | number | undefined {
  const text = cellDisplayText(cell);
  switch (field) {
    case 'revenue': {
      const n = listRevenue(cell);
      if (n === null) problems.push({ row, message: `Row ${row}: the revenue "${text}" is not an amount.` });
      return n ?? undefined;
    }
    case 'renewal': {
      const d = readListDate(cell);
      if ('date' in d) return d.date;
      problems.push({ row, message: `Row ${row}: the renewal date "${text}" ${d.problem}.` });
      return undefined;
    }
    default:
      return text.slice(0, 200);
  }
}

/**
 * An owner as a CRM or a person writes one: an email, "Jane Doe <jane@acme.com>" (its email), or
 * a user's name ("Jane Doe", matched to the workspace's users by the import).
 */
function readOwner(cell: Cell, row: number, problems: Problems): Pick<ListRow, 'ownerEmail' | 'ownerName'> {
  const text = cellDisplayText(cell);
  const email = /<([^<>\s]+)>\s*$/.exec(text)?.[1] ?? text;
  if (EMAIL.test(email)) return { ownerEmail: email.toLowerCase() };
  if (/\p{L}/u.test(text) && !text.includes('@') && text.length <= 200) return { ownerName: text.replace(/\s+/g, ' ') };
  problems.push({ row, message: `Row ${row}: the owner "${text}" is neither an email address nor a name.` });
  return {};
}

const KEY: Record<Exclude<ListField, 'account' | 'owner'>, keyof ListRow> = {
  revenue: 'revenue',
  renewal: 'renewalDate',
  industry: 'industry',
  region: 'region',
  segment: 'segment',
};

function readRow(
  cells: Cell[],
  row: number,
  columns: Partial<Record<ListField, number>>,
  problems: Problems,
): ListRow | null {
  const nameCell = cells[(columns.account ?? 0) - 1];
  if (!nameCell || isBlankCell(nameCell)) return null;
  const out: ListRow = { row, name: cellDisplayText(nameCell).replace(/\s+/g, ' ').slice(0, 200) };
  for (const field of LIST_FIELDS) {
    const col = columns[field];
    const cell = col ? cells[col - 1] : undefined;
    if (field === 'account' || !cell || isBlankCell(cell)) continue;
    if (field === 'owner') Object.assign(out, readOwner(cell, row, problems));
    else {
      const v = readField(field, cell, row, problems);
      if (v !== undefined) (out as unknown as Record<string, unknown>)[KEY[field]] = v;
    }
  }
  return out;
}

/** Reads the first visible sheet with an Account column; null when no sheet has one. */
export function parseAccountsList(wb: RawWorkbook): ParsedList | null {
  for (const sheet of wb.sheets) {
    if (sheet.hidden || sheet.chart) continue;
    const header = headerOf(sheet);
    if (!header) continue;
    const problems: Problems = [];
    const rows: ListRow[] = [];
    const seen = new Map<string, number>();
    for (let r = header.row; r < sheet.rows.length; r++) {
      const row = readRow(sheet.rows[r] ?? [], r + 1, header.columns, problems);
      if (!row) continue;
      const key = normalizeName(row.name);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({ row: r + 1, message: `Row ${r + 1}: ${row.name} is already on row ${earlier}.` });
        continue;
      }
      seen.set(key, r + 1);
      rows.push(row);
    }
    return { sheet: sheet.name, columns: header.columns, rows, problems };
  }
  return null;
}
