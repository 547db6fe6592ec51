/**
 * Issue 13, point 4: the calendar arithmetic of Today, pure (main and renderer). Dates are
 * calendar days "YYYY-MM-DD"; a timestamp becomes a day in a given time zone (the user's), and
 * days are added on the calendar (never as 24-hour blocks), so daylight-saving changes and month
 * ends cannot shift a due date.
 */

const DAY_MS = 86_400_000;

/** One formatter per time zone (making one costs far more than using it; Today makes hundreds of dates). */
const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(key, f);
  }
  return f;
}

/** The calendar day of an instant in a time zone (IANA name; default the system's). */
export function localDate(instant: string | Date, timeZone?: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a time: ${String(instant)}`);
  const parts = dayFormat(timeZone)
    .formatToParts(d)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `date` plus n calendar days (n may be negative): 2025-01-31 + 30 is 2025-03-02. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(b) - t(a)) / DAY_MS);
}

/** A step's due day: the execution's start day (in the user's time zone) plus the step's due day. */
export function stepDueDate(startedAt: string, dueDay: number, timeZone?: string): string {
  return stepDueDates(startedAt, timeZone)(dueDay);
}

/**
 * stepDueDate for every step of one execution: the start's calendar day is read once (formatting
 * an instant in a time zone is the costly part), each step's due day added to it.
 */
export function stepDueDates(startedAt: string, timeZone?: string): (dueDay: number) => string {
  const startDay = localDate(startedAt, timeZone);
  return (dueDay) => addDays(startDay, dueDay);
}

/** Where a due date stands on `asOf`: overdue (before it), due this week (the 7 days from it), or later. */
export function dueState(due: string, asOf: string): 'overdue' | 'this-week' | 'later' {
  const d = daysBetween(asOf, due);
  if (d < 0) return 'overdue';
  return d <= 6 ? 'this-week' : 'later';
}

/** Whole months from YYYY-MM `a` to YYYY-MM `b`. */
export function monthsBetween(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number);
  const [by, bm] = b.split('-').map(Number);
  return (by - ay) * 12 + (bm - am);
}
