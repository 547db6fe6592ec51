/**
 * Month headers written without their year ("Jan", "Feb" ... "Dec", "September"), as hand-kept
 * scorecards often have them with the year in a title row above ("Acme KPIs 2025", "data as of
 * 28 Sep 2025"). A person reads them as months of that year; so does the importer. Without a year
 * anywhere above them they are not guessed: the report says so and how to give it.
 */
import type { ColumnMapping } from './columns';
import { periodInFileName, periodInText } from './period';
import type { Cell } from './types';
import { isBlankCell, localMonthName, monthFromName, monthKey, wholeMonthName, type YearMonth } from './values';

/** A month header without its year, in English ("Jan", "JAN.", "January", "Sept") or not ("Okt", "janv.", "Mär"). */
function bareMonth(header: string): { month: number; english: boolean } | null {
  const w = header.trim().replace(/\.$/, '').toLowerCase();
  if (!/^\p{L}+$/u.test(w)) return null;
  const english = /^[a-z]+$/.test(w) ? (w.length === 3 ? monthFromName(w) : wholeMonthName(w)) : null;
  if (english) return { month: english, english: true };
  const local = localMonthName(w);
  return local ? { month: local, english: false } : null;
}

/**
 * The month a header names without a year: "Jan", "JAN.", "January", "Sept", or as a European
 * Excel writes it ("Okt", "Dez.", "janv.", "Mär"); null for anything else.
 */
export function yearlessMonth(header: string): number | null {
  return bareMonth(header)?.month ?? null;
}

/**
 * A run of columns this long headed by months without their year reads as months even where
 * their names are not English: alone, "Mai", "Set", "Out" or "Gen" may be words of a header.
 */
const LOCAL_RUN = 3;

/** What the title rows above a header say of the year: a month of the data (its year), or a year alone. */
export type TitleYear = { year: number; period: YearMonth | null; text: string };

/** A year written alone in a title ("KPIs 2025", "2025 scorecard"): not a fiscal year, a quarter's, or part of a date. */
const LONE_YEAR = /(?<![\w./-])(19[9]\d|2[01]\d\d)(?![\w./-])/;
const NOT_CALENDAR = /\b(?:FY|Q[1-4]|H[12])\s*'?$/i;

/** The year the title lines give: the first month of the data named in them, else the first year written alone. */
export function titleYear(lines: string[]): TitleYear | null {
  for (const text of lines) {
    const period = periodInText(text);
    if (period) return { year: period.year, period, text };
  }
  for (const text of lines) {
    const m = LONE_YEAR.exec(text);
    if (m && !NOT_CALENDAR.test(text.slice(0, m.index))) return { year: Number(m[1]), period: null, text };
  }
  return null;
}

/**
 * The year a file's name gives month headers written without theirs, when no title row does:
 * a month in it (`acme-2025-09.xlsx`), else a year written alone (`kpis_2025.csv`).
 */
export function fileNameYear(fileName: string): TitleYear | null {
  const period = periodInFileName(fileName);
  if (period) return { year: period.year, period, text: fileName };
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  // Words apart as in a title ("kpis_2025", "acme-2025"); a hyphen between digits stays ("2025-26").
  const lone = titleYear([stem.replace(/[_.]|(?<!\d)-|-(?!\d)/g, ' ')]);
  return lone ? { ...lone, text: fileName } : null;
}

/**
 * The years of yearless months in column order: each run of rising months is one year, the next
 * run the year after ("Oct Nov Dec Jan" is two runs). Runs are placed by the data's month where
 * the titles name one (the run holding that month is its year), else by a year alone when there
 * is one run. Null when that does not decide it (several runs under a year alone: a fiscal year).
 */
function yearsOf(months: number[], title: TitleYear): number[] | null {
  const runs: number[] = [];
  let run = 0;
  months.forEach((m, i) => {
    if (i > 0 && m <= months[i - 1]) run++;
    runs.push(run);
  });
  if (run === 0) return months.map(() => title.year);
  const p = title.period;
  if (!p) return null;
  // The run that holds the data's month is its year; else the last column is the latest month not after it.
  let at = months.lastIndexOf(p.month);
  let year = p.year;
  if (at < 0) {
    at = months.length - 1;
    if (months[at] > p.month) year--;
  }
  return runs.map((r) => year + r - runs[at]);
}

/**
 * The mapping with its yearless month headers ("Jan" ... "Dec", left 'ignored' by mapHeaderRow)
 * read as months of the year the title rows give (`title`, asked for only when there are such
 * headers). A month another column already names stays ignored, as a twin does.
 */
export function withYearlessMonths(mapping: ColumnMapping, title: () => TitleYear | null): ColumnMapping {
  const bare = yearlessColumns(mapping);
  if (!bare.length) return mapping;
  const t = title();
  if (!t) return mapping;
  const months = bare.map((m) => yearlessMonth(m.header) as number);
  const years = yearsOf(months, t);
  return years ? placeMonths(mapping, bare, months, years) : mapping;
}

/** The yearless columns `bare` (months `months`) read as months of `years`, one per column. */
function placeMonths(mapping: ColumnMapping, bare: ColumnMapping, months: number[], years: number[]): ColumnMapping {
  const taken = new Set(mapping.flatMap((m) => (m.field === 'month' && m.month ? [monthKey(m.month)] : [])));
  const read = new Map<number, YearMonth>();
  bare.forEach((m, i) => {
    const month = { year: years[i], month: months[i] };
    if (month.year < 1990 || month.year > 2199 || taken.has(monthKey(month))) return;
    taken.add(monthKey(month));
    read.set(m.col, month);
  });
  return mapping.map((m) => {
    const month = read.get(m.col);
    return month ? { col: m.col, header: m.header, field: 'month' as const, month } : m;
  });
}

/** A year written alone in a cell: the number 2025 (not a percent), or the text "2025". */
function yearCell(cell: Cell | undefined): number | null {
  if (!cell) return null;
  const n =
    cell.t === 'number' && !cell.percent
      ? cell.v
      : cell.t === 'text' && /^\s*\d{4}\s*$/.test(cell.v)
        ? Number(cell.v)
        : null;
  return n !== null && Number.isInteger(n) && n >= 1990 && n <= 2199 ? n : null;
}

/**
 * The years of yearless months in column order from a row of years above them, as a hand-kept
 * scorecard has it ("2025" merged over Jan to Dec, "2026" over the months after): each month
 * takes the year written at or before its column in that row (a merged range keeps its year in
 * its first cell); a year alone in the row, anywhere over one run of rising months, is theirs.
 * Null when the row does not decide: no year in it, other text nearer a month than its year, or
 * months that do not rise under a year.
 */
function bandYears(band: Cell[], bare: ColumnMapping, months: number[]): number[] | null {
  // The row may be ragged or sparse (a missing cell is empty).
  const years = Array.from({ length: band.length }, (_, c) => yearCell(band[c]));
  const written = years.filter((y) => y !== null);
  if (!written.length) return null;
  // The year at or before each column, in one pass (other text ends a year's reach).
  const over: Array<number | null> = [];
  let current: number | null = null;
  for (let c = 0; c < years.length; c++) {
    if (years[c] !== null) current = years[c];
    else if (!isBlankCell(band[c])) current = null;
    over.push(current);
  }
  let out = bare.map((m) => over[Math.min(m.col, over.length) - 1] ?? null);
  const oneRun = months.every((m, i) => i === 0 || m > months[i - 1]);
  if (out.some((y) => y === null)) {
    const alone = years.every((y, c) => y !== null || isBlankCell(band[c]));
    if (written.length !== 1 || !alone || !oneRun) return null;
    out = out.map(() => written[0]);
  }
  const ys = out as number[];
  const rising = ys.every((y, i) => i === 0 || y > ys[i - 1] || (y === ys[i - 1] && months[i] > months[i - 1]));
  return rising ? ys : null;
}

/**
 * The mapping with its yearless month headers read as months of the years written in the row
 * above the header row (bandYears); unchanged when there is none or it does not decide.
 */
export function withBandYears(mapping: ColumnMapping, band: Cell[] | undefined): ColumnMapping {
  const bare = yearlessColumns(mapping);
  if (!bare.length || !band) return mapping;
  const months = bare.map((m) => yearlessMonth(m.header) as number);
  const years = bandYears(band, bare, months);
  return years ? placeMonths(mapping, bare, months, years) : mapping;
}

/** The columns of a mapping still headed by a month without its year (none where the titles gave one). */
export function yearlessColumns(mapping: ColumnMapping): ColumnMapping {
  const ignored = mapping.filter((m) => m.field === 'ignored');
  const yearless = yearlessAmong(ignored.map((m) => m.header));
  return ignored.filter((m) => yearless(m.header));
}

/**
 * Whether a header of these names a month without its year: in English, or in another language
 * where at least LOCAL_RUN of them do.
 */
export function yearlessAmong(headers: readonly string[]): (header: string) => boolean {
  const run = headers.filter((h) => bareMonth(h) !== null).length >= LOCAL_RUN;
  return (header) => {
    const b = bareMonth(header);
    return b !== null && (b.english || run);
  };
}
