export const fmtMoney = (n: number | null | undefined) =>
  n == null ? '–' : n.toLocaleString(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
export const fmtScore = (n: number | null | undefined) => (n == null ? '–' : n.toFixed(1));
export const fmtNumber = (n: number | null | undefined, digits = 2) =>
  n == null ? '–' : n.toLocaleString(undefined, { maximumFractionDigits: digits });
export const fmtDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString() : '–');
export const fmtDateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '–');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2025-09" -> "Sep 2025" */
export const fmtMonth = (ym: string | null | undefined) => {
  if (!ym) return '–';
  const [y, m] = ym.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
};
