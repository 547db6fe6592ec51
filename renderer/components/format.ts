/** The shared formatters of the screens: money, scores, signed changes, dates and months. */
import { fmtDate, fmtHealth, toDate } from '../../shared/format';

// numbers are written by one module (shared/format.ts) for the window, the exports and the CLI
export { fmtCount, fmtHealth, fmtMoney, fmtMoneyShort, fmtPercent, ofCount, plural } from '../../shared/format';
/** A score as the user reads it: one decimal (the same as fmtHealth). */
export const fmtScore = fmtHealth;
export const fmtNumber = (n: number | null | undefined, digits = 2) =>
  n == null ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits });
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
