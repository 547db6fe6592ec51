/** Dates and months as the app writes them for people, in every locale the same: "1 Dec 2026", "Sep 2025". */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date string as a local Date; a bare "2026-12-01" is that day, not UTC midnight. */
export function toDate(iso: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
}

/** "1 Dec 2026": the same in every locale, never "12/1/2026"; "–" when there is none. */
export const fmtDate = (iso: string | null | undefined) => {
  if (!iso) return '–';
  const d = toDate(iso);
  return Number.isNaN(d.getTime()) ? '–' : `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
};

/** "2025-09" -> "Sep 2025" */
export const fmtMonth = (ym: string | null | undefined) => {
  if (!ym) return '–';
  const [y, m] = ym.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
};

/** Every month written "2025-09" in a text (not a day such as 2025-09-30) as "Sep 2025". */
export const fmtMonthsIn = (text: string) =>
  text.replace(/(?<![\d-])(\d{4})-(0[1-9]|1[0-2])(?![\d-])/g, (ym) => fmtMonth(ym));

// --- numbers: one formatter per kind (issue 14, point 5) ----------------------------------------
// Written in one locale (en-US) so that the window, the exports and the command line agree.

const LOCALE = 'en-US';
// One Intl.NumberFormat per kind, made once: toLocaleString with options makes a new one per call,
// which costs milliseconds when thousands of values are written (Today's triggers at 2,000 accounts).
const groupedFormats = new Map<number, Intl.NumberFormat>();
const grouped = (n: number, digits: number) => {
  let f = groupedFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    groupedFormats.set(digits, f);
  }
  return f.format(n);
};

/** A health or category score, one decimal everywhere the user reads it: "44.7"; "–" when there is none. */
export const fmtHealth = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '–' : grouped(n, 1));

const money = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const moneyShort = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 3,
});

/** Money in whole dollars with thousands separators: "$1,250,000". */
export const fmtMoney = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '–' : money.format(n));

/** Money in three significant digits for tight spaces: $3.95B, $12.3M, $850K. */
export const fmtMoneyShort = (n: number) => moneyShort.format(n);

/** A share (0..1) as a percent: "42%", under 10% with one decimal ("4.5%"). */
export const fmtPercent = (share: number | null | undefined) => {
  if (share == null || !Number.isFinite(share)) return '–';
  const p = share * 100;
  return `${grouped(p, Math.abs(p) < 10 && p !== 0 ? 1 : 0)}%`;
};

/** A whole count with thousands separators: "1,675". */
export const fmtCount = (n: number) => grouped(Math.round(n), 0);

/** A count and its noun, singular or plural: "1 account", "1,675 KPI rows". */
export const plural = (n: number, one: string, many = `${one}s`) => `${fmtCount(n)} ${n === 1 ? one : many}`;

/** "Acme, Globex": the first six of a list and how many more ("… and 12 more"). */
export const firstFew = (items: readonly string[], shown = 6) =>
  items.length > shown
    ? `${items.slice(0, shown).join(', ')} and ${fmtCount(items.length - shown)} more`
    : items.join(', ');

/** "3 of 11 accounts", "1 of 1 account": the noun agrees with the total. */
export const ofCount = (part: number, total: number, one: string, many = `${one}s`) =>
  `${fmtCount(part)} of ${plural(total, one, many)}`;
