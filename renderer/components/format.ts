/** The shared formatters of the screens: money, scores, signed changes, dates and months. */

export const fmtMoney = (n: number | null | undefined) =>
  n == null ? '–' : n.toLocaleString(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
/** Money in three significant digits for tight spaces: $3.95B, $12.3M, $850K. */
export const fmtMoneyShort = (n: number) =>
  n.toLocaleString(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
export const fmtScore = (n: number | null | undefined) => (n == null ? '–' : n.toFixed(1));
export const fmtNumber = (n: number | null | undefined, digits = 2) =>
  n == null ? '–' : n.toLocaleString(undefined, { maximumFractionDigits: digits });
/** A signed number with a true minus sign: "+2.3", "−2.3"; what rounds to zero has no sign ("0.0"). */
export const fmtSigned = (x: number, digits = 1) => {
  const s = Math.abs(x).toFixed(digits);
  return Number(s) === 0 ? s : `${x > 0 ? '+' : '−'}${s}`;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');
/** A date string as a local Date; a bare "2026-12-01" is that day, not UTC midnight. */
function toDate(iso: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
}
/** "1 Dec 2026": the same in every locale, never "12/1/2026". */
export const fmtDate = (iso: string | null | undefined) => {
  if (!iso) return '–';
  const d = toDate(iso);
  return Number.isNaN(d.getTime()) ? '–' : `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
};
/** "1 Dec 2026, 17:07" (24-hour clock, local time). */
export const fmtDateTime = (iso: string | null | undefined) => {
  if (!iso) return '–';
  const d = toDate(iso);
  return Number.isNaN(d.getTime()) ? '–' : `${fmtDate(iso)}, ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};
/** "2025-09" -> "Sep 2025" */
export const fmtMonth = (ym: string | null | undefined) => {
  if (!ym) return '–';
  const [y, m] = ym.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
};
