/**
 * Every month or date written in a text (a title row, a file name), where it stands: the patterns
 * a person writes a month in. Pure; period.ts reads whose month each is.
 */
import { asTyped, localMonthName, monthFromName, type YearMonth } from './values';

function ym(year: number, month: number): YearMonth | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) return null;
  if (year < 1990 || year > 2199) return null;
  return { year, month };
}
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** The last month of a quarter (Q1 to Q4) or a half-year (H1, H2) of a year. */
function part(kind: string, n: string, year: string): YearMonth | null {
  const half = kind.toUpperCase() === 'H';
  if (half && Number(n) > 2) return null;
  return ym(fullYear(year), Number(n) * (half ? 6 : 3));
}

/**
 * Past this, a text is not searched: a title row is a line, not a document (its cells, each cut
 * at TITLE_CELL_TEXT characters, read as one line: see titleLines).
 */
export const MAX_TEXT = 2000;
/** A month written in a text: where it starts and ends, and the month. */
export type Mention = { at: number; end: number; month: YearMonth };

/**
 * Every month or date written in a text, in order: "28 Sep 2025", "September 28, 2025" (or
 * without the comma, or "Sep-28-2025"), "September 2025", "September, 2025", "Sep-25", "Sep '25",
 * "Sep/2025", "2025-Sep", "2025-09", "2025-09-28", "20250928", "202509", "Sep2025", "09/2025", "28/09/2025",
 * "9/30/25", "Q3 2025", "FY2025 Q3", "3Q25" (a quarter's last month), "H1 2025" (a half-year's), with any dash ("Sep–2025"); month
 * names in German, French, Spanish, Italian, Dutch and Portuguese with their year ("Oktober 2025",
 * "1er octobre 2025", "30 de septiembre de 2025"). A date that could be day/month or month/day
 * (03/04/2025, 3/4/25) is not taken.
 */
export function monthMentions(text: string): Mention[] {
  // Dashes and apostrophes as autocorrect writes them ("Sep–2025", "Sep ’25") read as typed ones.
  const t = asTyped(text).slice(0, MAX_TEXT);
  // A span read once is not read again, even when it named no month (03/04/2025 is not April);
  // a word that is no month's name makes no date ("02 for 2025" leaves "2025-10-02" to be read).
  const found: Array<{ at: number; end: number; month: YearMonth | null }> = [];
  const add = (m: RegExpExecArray, month: YearMonth | null) => {
    const end = m.index + m[0].length;
    // Patterns are tried from the most specific: a span already taken is not read again.
    if (found.some((f) => m.index < f.end && end > f.at)) return;
    found.push({ at: m.index, end, month });
  };
  const each = (re: RegExp, read: (m: RegExpExecArray) => YearMonth | null) => {
    for (const m of t.matchAll(re)) add(m as RegExpExecArray, read(m as RegExpExecArray));
  };
  const eachFound = (re: RegExp, read: (m: RegExpExecArray) => YearMonth | null) => {
    for (const m of t.matchAll(re)) {
      const month = read(m as RegExpExecArray);
      if (month) add(m as RegExpExecArray, month);
    }
  };
  // An English name, else one as a European team writes it ("Okt", "Oktober", "septembre").
  const name = (w: string) => monthFromName(w) ?? localName(w);
  // First, a month named as a European team writes it, always with its year: "1. Oktober 2025",
  // "1er octobre 2025", "30 de septiembre de 2025", "février 2025", "März 2025", "Okt 2025",
  // "Mär-25". Only a span that names one is taken (an English name is read below).
  eachFound(/(?<![\p{L}\d])(\d{1,2})(?:\.|er|º)? (?:de )?(\p{L}{3,10})\.?,? (?:de )?(\d{4})(?!\d)/gu, (m) => {
    const month = localName(m[2]);
    return month && Number(m[1]) <= 31 ? ym(Number(m[3]), month) : null;
  });
  eachFound(/(?<!\p{L})(\p{L}{3,10})\.?(?: (?:de )?|-)(\d{4}|\d{2})(?!\d)/gu, (m) => {
    const month = localName(m[1]);
    if (!month || (m[2].length === 2 && !m[0].includes('-'))) return null;
    return ym(fullYear(m[2]), month);
  });
  // 28 Sep 2025, 28th of September, 2025
  eachFound(/\b(\d{1,2})(?:st|nd|rd|th)?(?: of)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})\b/g, (m) => {
    const month = name(m[2]);
    return month && Number(m[1]) <= 31 ? ym(Number(m[3]), month) : null;
  });
  // 20250928 and 202509 (compact dates, as exports name their files)
  each(/\b(\d{4})(\d{2})(\d{2})\b/g, (m) =>
    Number(m[3]) >= 1 && Number(m[3]) <= 31 ? ym(Number(m[1]), Number(m[2])) : null,
  );
  each(/\b(\d{4})(\d{2})\b/g, (m) => ym(Number(m[1]), Number(m[2])));
  // Sep2025, SEPT2025 (a month name and a four-digit year written together)
  eachFound(/\b([A-Za-z]{3,9})(\d{4})\b/g, (m) => {
    const month = name(m[1]);
    return month ? ym(Number(m[2]), month) : null;
  });
  // September 28, 2025, September 28 2025 and Sep-28-2025 (before 09/2025 reads "28-2025")
  eachFound(/\b([A-Za-z]{3,9})\.?(?: |-)(\d{1,2})(?:st|nd|rd|th)?(?:, ?| |-)(\d{4})\b/g, (m) => {
    const month = name(m[1]);
    return month && Number(m[2]) <= 31 ? ym(Number(m[3]), month) : null;
  });
  // 2025-09-28, 2025-09, 2025/09, 2025.09
  each(/\b(\d{4})([-/.])(\d{1,2})(?:\2\d{1,2})?\b/g, (m) => ym(Number(m[1]), Number(m[3])));
  // 28/09/2025, 9.28.2025
  each(/\b(\d{1,2})([-/.])(\d{1,2})\2(\d{4})\b/g, (m) => {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const dayFirst = m[2] === '.';
    const month = a > 12 && b <= 12 ? b : b > 12 && a <= 12 && !dayFirst ? a : dayFirst && b <= 12 ? b : null;
    return month ? ym(Number(m[4]), month) : null;
  });
  // 9/30/25, 30/09/25: a two-digit year only where the day (above 12) tells day from month
  each(/\b(\d{1,2})\/(\d{1,2})\/(\d{2})\b/g, (m) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const month = a > 12 && b <= 12 ? b : b > 12 && a <= 12 ? a : null;
    return month && Math.max(a, b) <= 31 ? ym(fullYear(m[3]), month) : null;
  });
  // 09/2025
  each(/\b(\d{1,2})[-/.](\d{4})\b/g, (m) => ym(Number(m[2]), Number(m[1])));
  // Q3 2025, Q3-25, Q3/2025, Q3 '25, Q3 FY2025, 2025 Q3, FY2025 Q3, FY25-Q3, 3Q25, 3Q 2025; H1 2025,
  // H2-25, 2025 H1 (a half-year's last month, as a quarter's)
  each(/\b([QH])([1-4])(?:[ /-]?'|[ /-])?(?:FY ?)?(\d{4}|\d{2})\b/gi, (m) => part(m[1], m[2], m[3]));
  each(/\b(?:FY ?(\d{4}|\d{2})|(\d{4}))[ -]?([QH])([1-4])\b/gi, (m) => part(m[3], m[4], m[1] ?? m[2]));
  each(/\b([1-4])([QH])[ -]?(\d{4}|\d{2})\b/gi, (m) => part(m[2], m[1], m[3]));
  // September 2025, September, 2025, Sep 2025, Sept. 2025, Sep-25, Sep/2025, Sep'25, Sep '25
  eachFound(/\b([A-Za-z]{3,9})\.?(?:,? '?|[-/]|')(\d{4}|\d{2})\b/g, (m) => {
    const month = name(m[1]);
    if (!month) return null;
    // A two-digit year only with a hyphen, a slash or an apostrophe (Sep-25), never "Sep 25" (a day).
    if (m[2].length === 2 && !/[-'/]/.test(m[0])) return null;
    return ym(fullYear(m[2]), month);
  });
  // 2025-Sep, 2025-September
  eachFound(/\b(\d{4})-([A-Za-z]{3,9})\b/g, (m) => {
    const month = name(m[2]);
    return month ? ym(Number(m[1]), month) : null;
  });
  return found.filter((f): f is Mention => f.month !== null).sort((a, b) => a.at - b.at);
}

/**
 * A month's name in a title as a European team writes it ("Oktober", "septembre", "Okt"), or null;
 * not the names that are other words too ("Set", "Out", "Gen", "Mag", "Ago").
 */
const OTHER_WORDS = new Set(['set', 'out', 'gen', 'mag', 'ago']);
function localName(word: string): number | null {
  return OTHER_WORDS.has(word.toLowerCase()) ? null : localMonthName(word);
}
