/** The shared formatters of the screens: money, scores, signed changes, dates and months. */
import { fmtDate, toDate } from '../../shared/format';

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

// dates and months are written the same by the main process (messages) and here
export { fmtDate, fmtMonth, fmtMonthsIn } from '../../shared/format';

const pad2 = (n: number) => String(n).padStart(2, '0');
/** "1 Dec 2026, 17:07" (24-hour clock, local time). */
export const fmtDateTime = (iso: string | null | undefined) => {
  if (!iso) return '–';
  const d = toDate(iso);
  return Number.isNaN(d.getTime()) ? '–' : `${fmtDate(iso)}, ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};
