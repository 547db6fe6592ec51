/**
 * Value rules of the workbook contract (shared/spec/workbook-format.md, "Values"): how a Data or
 * month cell becomes a number, how a header becomes a month, and how a cell is shown as text.
 * Pure code: no I/O, no exceljs.
 */
import type { Cell } from './types';

export type ValueKind = 'number' | 'empty' | 'na' | 'error' | 'text';

export type ParsedValue = {
  value: number | null;
  /** number: a value; empty / na: no value, not a problem; error / text: no value, reported. */
  kind: ValueKind;
  /** Why there is no value (kind 'error' or 'text'), written for a CSM. */
  message?: string;
};

export type YearMonth = { year: number; month: number };

/** Texts that mean "no value" (compared trimmed and lower-cased): not an error. */
const NO_VALUE_WORDS = new Set(['n/a', 'na', 'n.a.', 'n.a', '-', '--', '\u2014', '\u2013', '\u2212', 'tbd']);

/** Excel's error values, as they appear in an error cell or as text in a CSV export. */
const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

/**
 * A multiplier after the amount: the contract's K, M and B, and their spellings in finance exports
 * and European reports ("$1.2MM", "1.2bn", "3 mn", "2,5 Mio", "1 Mrd", "1.2 million").
 */
const SUFFIX: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  mrd: 1e9,
  billion: 1e9,
  billions: 1e9,
};
/** The multipliers' words, longest first (as a pattern's alternatives: "mm" before "m"). */
export const MULTIPLIER_WORDS: readonly string[] = Object.keys(SUFFIX).sort((a, b) => b.length - a.length);
const SUFFIX_AT_END = new RegExp(`^(.*\\d)\\s*(${MULTIPLIER_WORDS.join('|')})\\.?$`, 'i');

/** Removes binary floating-point noise: 0.07 * 100 is 7, not 7.000000000000001. */
export function cleanNumber(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : n;
}

/** A number as a person would write it: 12.2, 45, -3, 1200000. */
export function formatNumber(n: number): string {
  return String(cleanNumber(n));
}

/**
 * The digits left once signs, currency, percent and suffix are off: a plain decimal number with a
 * point (`1234.5`, `.5`, `1e3`), or commas as thousands separators in groups of three (`1,234.5`),
 * the one grouping the workbook contract names. A comma in any other place (`12,5`, `1.234,5`) and
 * other group separators (`1 234`) are not plainly a number: such text has no value and is reported
 * (a CSV file that writes all its numbers with a decimal comma has them rewritten before they come
 * here: main/import/workbook/csv-numbers.ts).
 */
function core(t: string): number | null {
  if (/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return Number(t);
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(t)) return Number(t);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  return null;
}

/** Currency codes written beside an amount ("USD 1,200", "1.200 EUR"), as finance exports write them. */
export const CURRENCY_CODES = 'USD|EUR|GBP|CHF|JPY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|INR|CNY|SGD|HKD|BRL|MXN|ZAR';
/** A currency before the amount: a sign ($, €, £, ¥, US$, C$, A$), or a code followed by a space or sign. */
const CURRENCY_BEFORE = new RegExp(
  `^(?:(?:US|C|A|NZ)?\\$|[\u20ac\u00a3\u00a5]|(?:${CURRENCY_CODES})(?=[\\s\\d$\u20ac\u00a3\u00a5(+\\-\u2212.]))`,
  'i',
);
/** A currency after the amount: a sign, or a code after a space or a digit. */
const CURRENCY_AFTER = new RegExp(`(?:[$\u20ac\u00a3\u00a5]|(?<=[\\s\\d])(?:${CURRENCY_CODES}))$`, 'i');

/**
 * Reads text that plainly is a number: surrounding spaces, thousands separators, a currency sign or code,
 * a trailing `%` (45% is 45), a K/M/B suffix (or its spellings: SUFFIX), `(12)` for -12, and
 * combinations like `($1.2K)`.
 * Returns null for anything else.
 */
export function parseNumberText(text: string): number | null {
  let t = text
    .normalize('NFKC')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim();
  if (!t) return null;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1].trim();
  }
  let signSeen = false;
  const takeSign = () => {
    if (!signSeen && /^[-+\u2212]/.test(t)) {
      if (t[0] !== '+') negative = !negative;
      signSeen = true;
      t = t.slice(1).trim();
    }
  };
  takeSign();
  let currency = false;
  const before = CURRENCY_BEFORE.exec(t);
  if (before) {
    currency = true;
    t = t.slice(before[0].length).trim();
    takeSign();
  }
  const after = currency ? null : CURRENCY_AFTER.exec(t);
  if (after) t = t.slice(0, after.index).trim();
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  let factor = 1;
  const suffix = SUFFIX_AT_END.exec(t);
  if (suffix && !percent) {
    factor = SUFFIX[suffix[2].toLowerCase()];
    t = suffix[1];
  }
  const n = core(t);
  if (n === null || !Number.isFinite(n)) return null;
  return cleanNumber((negative ? -n : n) * factor);
}

/** Whether "YYYY-MM-DD" is a day of the calendar (no 2025-02-30). */
export function isCalendarDate(iso: string): boolean {
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso;
}

/** ISO date text of a date cell: 2025-09-01. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function quote(text: string): string {
  const t = text.trim();
  return `"${t.length > 60 ? `${t.slice(0, 57)}...` : t}"`;
}

/** The value rules for a Data or month cell. */
export function parseValue(cell: Cell | undefined): ParsedValue {
  if (!cell) return { value: null, kind: 'empty' };
  switch (cell.t) {
    case 'empty':
      return { value: null, kind: 'empty' };
    case 'number':
      if (!Number.isFinite(cell.v)) return { value: null, kind: 'error', message: 'the cell holds no usable number' };
      return { value: cell.percent ? cleanNumber(cell.v * 100) : cell.v, kind: 'number' };
    case 'error':
      return { value: null, kind: 'error', message: `the cell shows the error ${cell.v}, so it has no value` };
    case 'formula-no-result':
      return {
        value: null,
        kind: 'error',
        message: `the formula =${cell.formula} has no saved result (open the file in Excel and save it again so it is calculated), so it has no value`,
      };
    case 'bool':
      return {
        value: null,
        kind: 'text',
        message: `${cell.v ? 'TRUE' : 'FALSE'} is not a number, so it was left empty`,
      };
    case 'date':
      return {
        value: null,
        kind: 'text',
        message: `the date ${isoDate(cell.year, cell.month, cell.day)} is not a number, so it was left empty`,
      };
    case 'text': {
      const t = cellNumberText(cell);
      if (!t) return { value: null, kind: 'empty' };
      if (NO_VALUE_WORDS.has(t.toLowerCase())) return { value: null, kind: 'na' };
      if (EXCEL_ERRORS.has(t.toUpperCase())) {
        return {
          value: null,
          kind: 'error',
          message: `the cell shows the error ${t.toUpperCase()}, so it has no value`,
        };
      }
      const n = parseNumberText(t);
      if (n !== null) return { value: n, kind: 'number' };
      // The comma hint only where the comma is what kept it from being a number (not "USD 120,000").
      if (/\d,\d/.test(t) && !/\p{L}{2}/u.test(t)) {
        return {
          value: null,
          kind: 'text',
          message: `${quote(t)} is not a number: a comma is read only as a thousands separator (1,234.5), so write the decimals after a point (12.5); it was left empty`,
        };
      }
      return { value: null, kind: 'text', message: `${quote(t)} is not a number, so it was left empty` };
    }
  }
}

const MONTHS: Array<[number, string]> = [
  [1, 'january'],
  [2, 'february'],
  [3, 'march'],
  [4, 'april'],
  [5, 'may'],
  [6, 'june'],
  [7, 'july'],
  [8, 'august'],
  [9, 'september'],
  [10, 'october'],
  [11, 'november'],
  [12, 'december'],
];

/** A month's name in full ("september", any case) or "sept": the month, else null (no other abbreviation). */
export function wholeMonthName(word: string): number | null {
  const w = word.toLowerCase();
  if (w === 'sept') return 9;
  return MONTHS.find(([, name]) => name === w)?.[0] ?? null;
}

/** jan, janu, january, sept: a month name or its abbreviation of at least three letters. */
export function monthFromName(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  if (w === 'sept') return 9;
  for (const [n, name] of MONTHS) if (name.startsWith(w)) return n;
  return null;
}

/**
 * Month names and abbreviations in the languages a European Excel writes month headers in
 * (German, French, Spanish, Italian, Dutch, Portuguese): month headers ("Okt 2025", "janv. 2025",
 * "Mär-25", and "Okt" alone in a run: yearless.ts) and a title's months with their year
 * (period.ts). Whole words, never a prefix, so that no other word is read as one.
 */
const LOCAL_MONTHS: ReadonlyMap<string, number> = new Map(
  [
    'januar jänner jän janvier janv enero ene gennaio gen januari janeiro',
    'februar février fevrier févr fevr fév febrero febbraio februari fevereiro fev',
    'märz mär maerz mars marzo maart mrt março marco',
    'avril avr abril abr aprile',
    'mai mayo maggio mag mei maio',
    'juni juin junio giugno giu junho',
    'juli juillet juil julio luglio lug julho',
    'août aout agosto ago augustus',
    'septembre septiembre setiembre settembre setembro set',
    'oktober okt octobre octubre ottobre ott outubro out',
    'novembre noviembre novembro',
    'dezember dez décembre decembre déc diciembre dic dicembre dezembro',
  ].flatMap((names, i) => names.split(' ').map((n): [string, number] => [n, i + 1])),
);

/** The month a word names in another language than English ("Okt", "janv.", "Mär"; LOCAL_MONTHS), or null. */
export function localMonthName(word: string): number | null {
  return LOCAL_MONTHS.get(word.toLowerCase().replace(/\.$/, '')) ?? null;
}

/** The month a word names, in English (monthFromName) or another language (LOCAL_MONTHS): "Sep", "Okt", "mars". */
export function anyMonthName(word: string): number | null {
  return monthFromName(word) ?? localMonthName(word);
}

function ym(year: number, month: number): YearMonth | null {
  if (!Number.isInteger(year) || !Number.isInteger(month)) return null;
  if (month < 1 || month > 12 || year < 1900 || year > 2199) return null;
  return { year, month };
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/**
 * A text with its dashes and apostrophes as a keyboard types them: "Sep–2025" and "2025—09" as
 * autocorrect or a copy from a document writes them are "Sep-2025" and "2025-09", "Sep ’25" is
 * "Sep '25"; NFKC-normalised. One character for one: positions in it are the NFKC text's.
 */
export function asTyped(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}

/**
 * A month header written as text: Jan 2025, January 2025, January, 2025, Jan-25, Jan-2025, Jan_2025,
 * 2025-01, 01/2025, Sept 2025, 2025 Jan (with any dash or apostrophe: Sep–2025, Sep ’25), and the same in
 * another language a European Excel writes (Okt 2025, janv. 2025, Mär-25, 1. Okt 2025); or a date
 * written as text (a date header exported to CSV): 2025-01-01, 01/09/2025, 1-Jan-25, Jan 1, 2025.
 */
export function parseMonthText(text: string): YearMonth | null {
  const t = asTyped(text).replace(/\s+/g, ' ').trim().toLowerCase();
  if (!t) return null;
  let m = /^(\p{L}+)\.?,?\s?[-/ '_]?\s?(\d{4}|\d{2})$/u.exec(t);
  if (m) {
    const month = anyMonthName(m[1]);
    return month ? ym(fullYear(m[2]), month) : null;
  }
  m = /^(\d{4})[-/ _](\p{L}+)\.?$/u.exec(t);
  if (m) {
    const month = anyMonthName(m[2]);
    return month ? ym(Number(m[1]), month) : null;
  }
  // 1-Jan-25, 01 Jan 2025 (Excel's d-mmm-yy), Jan 1, 2025: the month is the one named.
  m = /^(\d{1,2})\.?[- ](\p{L}+)\.?[- ](\d{4}|\d{2})$/u.exec(t) ?? /^(\p{L}+)\.? (\d{1,2}), ?(\d{4})$/u.exec(t);
  if (m) {
    const [word, day] = /^\d/.test(m[1]) ? [m[2], m[1]] : [m[1], m[2]];
    const month = anyMonthName(word);
    return month && Number(day) >= 1 && Number(day) <= 31 ? ym(fullYear(m[3]), month) : null;
  }
  m = /^(\d{4})\s?[-/.]\s?(\d{1,2})$/.exec(t);
  if (m) return ym(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})\s?[-/.]\s?(\d{4})$/.exec(t);
  if (m) return ym(Number(m[2]), Number(m[1]));
  // An ISO date written as text (e.g. a date header in a CSV file): 2025-01-01.
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[t ].*)?$/.exec(t);
  if (m) return ym(Number(m[1]), Number(m[2]));
  // A date as a spreadsheet exports it to CSV: 01/09/2025, 9/1/2025, 01.09.2025 (a time may follow).
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?: .*)?$/.exec(t);
  if (m) {
    const month = monthOfDayMonthPair(Number(m[1]), Number(m[3]), m[2] === '.');
    return month ? ym(fullYear(m[4]), month) : null;
  }
  return null;
}

/**
 * The month of a date written `a/b/yyyy`, which may be day/month (most of the world; always with
 * dots) or month/day (the US). A month header is the first of its month, so a 1 on one side marks
 * the other as the month (01/09/2025 and 9/1/2025 are both September); a number above 12 can only
 * be the day. Anything still ambiguous (03/04/2025) is not taken as a month.
 */
function monthOfDayMonthPair(a: number, b: number, dayFirst: boolean): number | null {
  const valid = (day: number, month: number) => day >= 1 && day <= 31 && month >= 1 && month <= 12;
  if (dayFirst) return valid(a, b) ? b : null;
  if (a === 1 && valid(a, b)) return b;
  if (b === 1 && valid(b, a)) return a;
  if (a > 12 && valid(a, b)) return b;
  if (b > 12 && valid(b, a)) return a;
  return null;
}

/** The month a header cell names: a date cell, or text in one of the contract's forms. */
export function parseMonthHeader(cell: Cell | undefined): YearMonth | null {
  if (!cell) return null;
  if (cell.t === 'date') return ym(cell.year, cell.month);
  if (cell.t === 'text') return parseMonthText(cell.v);
  return null;
}

/** 2025-09 */
export function monthKey(m: YearMonth): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Sep 2025 */
export function monthLabel(m: YearMonth): string {
  return `${MONTH_ABBR[m.month - 1]} ${m.year}`;
}

/**
 * The text to store for a cell in a text column (weight, data, source...): a percent cell 0.3 is
 * "30%", a number 45 is "45", a date is its ISO date, an error cell its error code. '' when empty.
 */
export function cellDisplayText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 'empty':
    case 'formula-no-result':
      return '';
    case 'number':
      return cell.percent ? `${formatNumber(cell.v * 100)}%` : formatNumber(cell.v);
    case 'text':
      return cell.v.trim();
    case 'date':
      return isoDate(cell.year, cell.month, cell.day);
    case 'error':
      return cell.v;
    case 'bool':
      return cell.v ? 'TRUE' : 'FALSE';
  }
}

/**
 * The text a number is read from: a decimal-comma CSV file's number in the point convention
 * ("12.5%" for "12,5%"), else the cell's text as shown. For the text fields the app reads as
 * numbers later (a KPI's weight), and for a text cell's value (parseValue).
 */
export function cellNumberText(cell: Cell | undefined): string {
  return cell?.t === 'text' ? (cell.point ?? cell.v).trim() : cellDisplayText(cell);
}

/** No content at all: empty, or text of only spaces. A formula without a result is not blank. */
export function isBlankCell(cell: Cell | undefined): boolean {
  return !cell || cell.t === 'empty' || (cell.t === 'text' && cell.v.trim() === '');
}

/** A KPI, account or category name for comparing: the scoring contract's rule (`shared/names.ts`). */
