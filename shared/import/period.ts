/**
 * The month the Data column belongs to, as a person reads it (../shared/spec/workbook-format.md,
 * "The import as a whole"): a month written in the title rows, then one in the file name, then the
 * month columns compared with Data, then the current month. Pure: the preview and the command line
 * both take their default from `choosePeriod`.
 */
import { fmtCount } from '../format';
import { MAX_TEXT, type Mention, monthMentions } from './monthMentions';
import { DATA_WORDS, FILE_VERBS } from './period-words';
import type { Cell } from './types';
import { isoDate, monthKey, wholeMonthName, type YearMonth } from './values';

export { monthMentions } from './monthMentions';

/** Where a default period came from, with a plain sentence that says so. */
export type PeriodSource = {
  period: string;
  from: 'title' | 'file name' | 'month columns' | 'today';
  sentence: string;
};

/** What choosing the period needs from an interpreted workbook. */
export type PeriodInput = {
  fileName: string;
  /** The KPI sheets in file order, with their title texts top to bottom. */
  sheets: Array<{
    name: string;
    titleText: string[];
    rows: Array<{ dataValue: number | null; months: Array<{ year: number; month: number; value: number }> }>;
  }>;
  /** Every month column, sorted. */
  months: YearMonth[];
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** September 2025 */
export const longMonth = (m: YearMonth) => `${MONTH_NAMES[m.month - 1]} ${m.year}`;

/** A title cell's characters read (a long note above the header is not searched to its end). */
export const TITLE_CELL_TEXT = 300;

/**
 * The text of the rows above the header (row `headerRow`, 1-based), one line per row: titles that
 * may name the account or the period. A row's cells read as a person reads them: a label ending
 * in ':' runs on into the next cell ("Data as of:" | 28/09/2025 is "Data as of: 2025-09-28",
 * "Account:" | "Globex" is "Account: Globex"); other cells are separate fields ("Globex | Prepared
 * on 2 Oct 2025"). A date cell reads as its ISO date.
 */
export function titleLines(rows: Cell[][], headerRow: number): string[] {
  const lines = new Set<string>();
  for (let r = 0; r < headerRow - 1; r++) {
    let line = '';
    for (const c of rows[r] ?? []) {
      const text =
        c.t === 'text' ? c.v.trim().slice(0, TITLE_CELL_TEXT) : c.t === 'date' ? isoDate(c.year, c.month, c.day) : '';
      if (!text) continue;
      line = !line ? text : line.endsWith(':') ? `${line} ${text}` : `${line} | ${text}`;
      // No more is searched (monthMentions): a row of thousands of cells costs no more than a line.
      if (line.length >= MAX_TEXT) break;
    }
    if (line) lines.add(line);
  }
  return [...lines];
}

const FILE_VERB = new RegExp(`\\b(${FILE_VERBS.join('|')})\\b`, 'i');
/** Every word that says whose a date is: the data's, the file's (its verbs and names for its date), or "on". */
const KEYWORD = new RegExp(
  `\\b(${[...DATA_WORDS, ...FILE_VERBS, 'report date', 'date of report', 'run date', 'on'].join('|')})\\b`,
  'gi',
);

/** Whose date follows `before`: 'data', 'file' or null (no word says). The nearest word counts. */
function ownerOf(before: string): 'data' | 'file' | null {
  let last: string | null = null;
  for (const m of before.matchAll(KEYWORD)) last = m[1].toLowerCase();
  if (last === null || last === 'on') return last === 'on' && FILE_VERB.test(before) ? 'file' : null;
  return DATA_WORDS.has(last) ? 'data' : 'file';
}

/** Words right after a date that make it the data's ("September 2025 data") or the file's ("Oct 1, 2025 export"). */
const DATA_NOUNS = 'data|kpis?|figures|numbers|results|metrics|values|actuals|scores?';
const DATA_WORD = new RegExp(`^(?:${DATA_NOUNS})$`, 'i');
const DATA_AFTER = new RegExp(`^[\\s,:;\\-\u2013\u2014]*(?:${DATA_NOUNS})\\b`, 'i');
const FILE_AFTER = /^[\s,:;(\-\u2013\u2014]*(?:export|extract|download|print|pull|refresh|generat|creat|prepar)/i;

/**
 * What joins two months into a range ("July – September 2025", "Jul 2025 to Sep 2025"): a hyphen
 * or en dash, "to", "through"; not an em dash, which parts a title ("Export vom 01.10.2025 —
 * September 2025"). A range is read as its last month, the one its data reaches.
 */
const RANGE_JOIN = /^\s*(?:[-\u2010-\u2013\u2212]|to|through|thru|until|till|bis)\s*$/i;
const numbers = (span: string) => span.match(/\d+/g)?.length ?? 0;

/**
 * Whether two months written one after the other are a range: joined as one, the second later,
 * both written alike ("Jul 2025 – Sep 2025", "01/07/2025 - 30/09/2025").
 */
function isRange(t: string, a: Mention, b: Mention): boolean {
  if (!RANGE_JOIN.test(t.slice(a.end, b.at))) return false;
  if (a.month.year * 12 + a.month.month >= b.month.year * 12 + b.month.month) return false;
  return numbers(t.slice(a.at, a.end)) === numbers(t.slice(b.at, b.end));
}

/** Where a clause ends, before a month: its words do not say whose the month is. */
const CLAUSE_END = /.*(?:[\u2013\u2014|;()]| - )/s;

/**
 * Whose a month is, by the words before it (nearest first, within its clause), else by the words
 * right after it; `from` and `to` are the dates beside it, whose words are theirs.
 */
function ownerAround(text: string, at: number, end: number, from: number, to: number): 'data' | 'file' | null {
  const before = ownerOf(text.slice(Math.max(from, at - 40), at).replace(CLAUSE_END, ''));
  if (before) return before;
  const after = text.slice(end, Math.min(to, end + 40));
  return DATA_AFTER.test(after) ? 'data' : FILE_AFTER.test(after) ? 'file' : null;
}

/**
 * A month named alone, in full ("September", "SEPTEMBER", "september", or "Sept"): a whole word,
 * no year beside it, and not followed by a capitalised word ("for May Chen", "June Lee" are
 * people). "may", "march" and "august" in lower case are other words; three-letter
 * abbreviations alone are too often other words ("Jan", "Mar").
 */
const BARE_MONTH = /\b[A-Za-z]{3,9}\b/g;
const NEXT_WORD = /^\.?\s+([A-Za-z]+)/;
const LOWER_WORDS = new Set(['may', 'march', 'august']);
const bareMonth = (word: string): number | null => (LOWER_WORDS.has(word) ? null : wholeMonthName(word));

/**
 * A month named without a year and said to be the data's ("September data", "data for
 * September"), dated by another date of the same text: the last such month on or before it
 * ("Oct 1, 2025 export of September data" is September 2025). Null without either.
 */
function bareDataMonth(t: string, dated: Mention[]): YearMonth | null {
  if (!dated.length) return null;
  for (const m of t.matchAll(BARE_MONTH)) {
    const at = m.index ?? 0;
    const end = at + m[0].length;
    const month = bareMonth(m[0]);
    if (!month || dated.some((d) => at < d.end && end > d.at)) continue;
    const next = NEXT_WORD.exec(t.slice(end, end + 30))?.[1];
    if (next && /^[A-Z]/.test(next) && !DATA_WORD.test(next)) continue;
    // The first month of a range ("July – September 2025", the last one named with its year only).
    const range = (d: Mention) => /^\p{L}/u.test(t.slice(d.at, d.end)) && numbers(t.slice(d.at, d.end)) === 1;
    if (dated.some((d) => d.at >= end && RANGE_JOIN.test(t.slice(end, d.at)) && range(d))) continue;
    // The words around it, up to the dates beside it.
    const from = Math.max(0, ...dated.filter((d) => d.end <= at).map((d) => d.end));
    const to = Math.min(t.length, ...dated.filter((d) => d.at >= end).map((d) => d.at));
    if (ownerAround(t, at, end, from, to) !== 'data') continue;
    // Dated by the nearest date of the text.
    const ref = [...dated].sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0].month;
    return { year: month <= ref.month ? ref.year : ref.year - 1, month };
  }
  return null;
}

/**
 * The month of the data named in one title text, or null: a month said to be the data's ("as of",
 * "period", "for" before it, "data" after it) first, then a month named without a year but said to
 * be the data's, dated by the other date of the text ("Oct 1, 2025 export of September data"),
 * else the first month not said to be the file's (a "prepared on" date, an "Oct 1, 2025 export").
 * The words that say whose a month is are read up to the dates beside it, not across them.
 */
export function periodInText(text: string): YearMonth | null {
  const t = text.normalize('NFKC').slice(0, MAX_TEXT);
  const mentions = monthMentions(t);
  let plain: YearMonth | null = null;
  // The words before a range's first month are its last month's ("period: Jul 2025 – Sep 2025").
  let rangeOwner: 'data' | 'file' | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const next = mentions[i + 1];
    const words = ownerAround(t, m.at, m.end, mentions[i - 1]?.end ?? 0, next?.at ?? t.length);
    if (next && isRange(t, m, next)) {
      rangeOwner = words ?? rangeOwner;
      continue;
    }
    const owner = words ?? rangeOwner;
    rangeOwner = null;
    if (owner === 'data') return m.month;
    if (!plain && owner === null) plain = m.month;
  }
  return bareDataMonth(t, mentions) ?? plain;
}

/** The month in a file name: techcorp-2025-09.xlsx, KPIs Sep 2025.xlsx, kpis_2025_09.csv. */
export function periodInFileName(fileName: string): YearMonth | null {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/_/g, '-');
  return periodInText(base);
}

const nextMonth = (m: YearMonth): YearMonth =>
  m.month === 12 ? { year: m.year + 1, month: 1 } : { ...m, month: m.month + 1 };
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Step 3: the latest month column when the Data values equal its values for most rows that have
 * both, else the month after it (Data is newer than the history). With no Data value at all, the
 * latest month column. Null when the file has no month column.
 */
export function periodFromColumns(input: Pick<PeriodInput, 'sheets' | 'months'>): PeriodSource | null {
  const latest = input.months[input.months.length - 1];
  if (!latest) return null;
  let both = 0;
  let equal = 0;
  let data = 0;
  for (const s of input.sheets) {
    for (const r of s.rows) {
      if (r.dataValue == null) continue;
      data++;
      const v = r.months.find((m) => m.year === latest.year && m.month === latest.month);
      if (!v) continue;
      both++;
      if (near(v.value, r.dataValue)) equal++;
    }
  }
  const label = longMonth(latest);
  if (data === 0) {
    return {
      period: monthKey(latest),
      from: 'month columns',
      sentence: `no row has a Data value, so the latest month column (${label})`,
    };
  }
  if (both > 0 && equal * 2 > both) {
    return {
      period: monthKey(latest),
      from: 'month columns',
      sentence: `the Data values equal the ${label} column (${fmtCount(equal)} of ${fmtCount(both)} rows)`,
    };
  }
  const after = nextMonth(latest);
  return {
    period: monthKey(after),
    from: 'month columns',
    sentence:
      both > 0
        ? `the Data values differ from the latest month column, ${label} (${fmtCount(both - equal)} of ${fmtCount(both)} rows), so they are taken as the month after it`
        : `the latest month column, ${label}, is empty where Data has values, so Data is taken as the month after it`,
  };
}

/** The field of a title line (a row's cells, ' | ' apart) that names `month`, to quote it alone. */
function fieldNaming(text: string, month: YearMonth): string {
  const fields = text.split(' | ');
  if (fields.length < 2) return text;
  const key = monthKey(month);
  const names = (f: string) => {
    const m = periodInText(f);
    return m !== null && monthKey(m) === key;
  };
  return fields.find(names) ?? text;
}

/** Each sheet's month named in its title rows (the first that names one), in sheet order. */
function titleMonths(sheets: PeriodInput['sheets']): Array<{ sheet: string; text: string; month: YearMonth }> {
  const found: Array<{ sheet: string; text: string; month: YearMonth }> = [];
  for (const s of sheets) {
    for (const text of s.titleText) {
      const month = periodInText(text);
      if (!month) continue;
      found.push({ sheet: s.name.trim(), text, month });
      break;
    }
  }
  return found;
}

/**
 * The sheets whose titles name another month than the period's ("; sheet Support names September
 * 2025: choose it if Data is that month's"), or nothing: one period counts for the whole file.
 */
function otherTitleMonths(found: Array<{ sheet: string; month: YearMonth }>, period: YearMonth): string {
  const others = found.filter((f) => monthKey(f.month) !== monthKey(period));
  if (!others.length) return '';
  const named = others.slice(0, 3).map((o) => `sheet ${o.sheet} names ${longMonth(o.month)}`);
  const more = others.length > 3 ? ` and ${fmtCount(others.length - 3)} more` : '';
  return `; but ${named.join(', ')}${more} (one period counts for the whole file: choose another if that is Data's month)`;
}

/** The default period, first that applies: title rows, file name, month columns, today. */
export function choosePeriod(input: PeriodInput, today = new Date()): PeriodSource {
  const titled = titleMonths(input.sheets);
  if (titled.length) {
    const [first] = titled;
    return {
      period: monthKey(first.month),
      from: 'title',
      sentence: `from "${fieldNaming(first.text, first.month)}" on sheet ${first.sheet}${otherTitleMonths(titled, first.month)}`,
    };
  }
  const inName = periodInFileName(input.fileName);
  if (inName)
    return { period: monthKey(inName), from: 'file name', sentence: `from the file name "${input.fileName}"` };
  const fromColumns = periodFromColumns(input);
  if (fromColumns) return fromColumns;
  const now = { year: today.getFullYear(), month: today.getMonth() + 1 };
  return {
    period: monthKey(now),
    from: 'today',
    sentence: 'the file names no month and has no month columns, so the current month',
  };
}

/** "The period September 2025 comes from ..." as the preview and the command line say it. */
export function periodSentence(src: PeriodSource): string {
  const [y, m] = src.period.split('-').map(Number);
  return `Period ${longMonth({ year: y, month: m })}: ${src.sentence}.`;
}
