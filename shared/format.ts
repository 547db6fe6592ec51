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
