/**
 * The trigger grid's words and order (issue 14, point 2): each condition said as it is ("health
 * fell 3.1 points (34.1 → 30.9); the trigger needs 10"), a playbook's conditions counted ("2 of 3
 * conditions hold"), and the accounts sorted by severity. Pure: no database, no DOM.
 */

import { fmtHealth, plural } from '../format';
import type { Status } from '../scoring';
import { type Comparator, formatNumber, HEALTH_DROP, OP_WORDS, OVERALL_HEALTH } from './catalogue';
import type { ConditionOutcome } from './triggers';

/** A grid cell: the conditions hold (and nothing holds it back), none do, one runs, or it cools down. */
export type TriggerCellState = 'fires' | 'quiet' | 'running' | 'cooling';

export const CELL_WORDS: Readonly<Record<TriggerCellState, string>> = {
  fires: 'Fires',
  quiet: 'Quiet',
  running: 'Running',
  cooling: 'Cooling down',
};

/** Health points with one decimal, two where one would round onto the threshold ("9.96", not "10.0"). */
function points(x: number, threshold: number): string {
  const one = fmtHealth(x);
  return Number(one) === threshold && x !== threshold ? formatNumber(x) : one;
}

/** ", below the trigger's 10" when it holds; "; the trigger needs it below 10" when not. */
function verdict(holds: boolean, op: Comparator, threshold: number): string {
  const t = formatNumber(threshold);
  return holds ? `, ${OP_WORDS[op]} the trigger's ${t}` : `; the trigger needs it ${OP_WORDS[op]} ${t}`;
}

function healthDropWords(c: ConditionOutcome): string {
  const t = formatNumber(c.threshold);
  const prev = c.previous ?? null;
  const cur = c.current ?? null;
  if (cur === null) return `no health score yet; the trigger needs a fall of ${t} points`;
  if (prev === null) return `only one scored month (${fmtHealth(cur)}): no fall to measure; the trigger needs ${t}`;
  const drop = prev - cur;
  const path = `(${fmtHealth(prev)} → ${fmtHealth(cur)})`;
  if (drop > 0) {
    const fell = `health fell ${points(drop, c.threshold)} points ${path}`;
    return c.holds ? `${fell}, at least the trigger's ${t}` : `${fell}; the trigger needs ${t}`;
  }
  if (drop < 0) return `health rose ${points(-drop, c.threshold)} points ${path}; the trigger needs a fall of ${t}`;
  return `health did not change (${fmtHealth(cur)}); the trigger needs a fall of ${t}`;
}

/** One condition in words that are true of the values read. */
export function conditionWords(c: ConditionOutcome): string {
  const op = c.op ?? '<';
  if (c.subject === HEALTH_DROP) return healthDropWords(c);
  if (c.subject === OVERALL_HEALTH) {
    if (c.value === null)
      return `no health score yet; the trigger needs it ${OP_WORDS[op]} ${formatNumber(c.threshold)}`;
    return `health is ${fmtHealth(c.value)}${verdict(c.holds, op, c.threshold)}`;
  }
  const name = c.subject ?? c.key;
  if (c.value === null)
    return `no ${name} in the latest month; the trigger needs it ${OP_WORDS[op]} ${formatNumber(c.threshold)}`;
  return `${name} is ${formatNumber(c.value)}${verdict(c.holds, op, c.threshold)}`;
}

/** "2 of 3 conditions hold; one is enough", "1 of 2 conditions holds; both are needed". */
export function conditionsSummary(conditions: readonly ConditionOutcome[], combine: 'any' | 'all'): string {
  const n = conditions.filter((c) => c.holds).length;
  const total = conditions.length;
  const count = `${n} of ${plural(total, 'condition')} ${n === 1 ? 'holds' : 'hold'}`;
  if (combine === 'any') return total === 1 ? count : `${count}; one is enough`;
  return total === 1 ? count : `${count}; ${total === 2 ? 'both' : 'all'} are needed`;
}

export interface SeverityRow {
  readonly accountName: string;
  /** The latest month's account status; null when the account has no score yet. */
  readonly status: Status | null;
  /** The account's revenue when its status is Risk or Critical; null or 0 otherwise. */
  readonly revenueAtRisk: number | null;
}

const STATUS_RANK: Readonly<Record<Status, number>> = { Critical: 0, Risk: 1, Healthy: 2 };

/** Worst first: Critical, Risk, Healthy, not scored; within a status the most revenue at risk first; then by name. */
export function compareSeverity(a: SeverityRow, b: SeverityRow): number {
  const rank = (r: SeverityRow) => (r.status ? STATUS_RANK[r.status] : 3);
  return (
    rank(a) - rank(b) || (b.revenueAtRisk ?? 0) - (a.revenueAtRisk ?? 0) || a.accountName.localeCompare(b.accountName)
  );
}

export function sortBySeverity<T extends SeverityRow>(rows: readonly T[]): T[] {
  return [...rows].sort(compareSeverity);
}

/**
 * A trigger's reason with the month of data it read ("NPS Score 5 < 10 (data of 2025-08)"), as an
 * automatic start records it and the trigger grid and the import report show it; unchanged without one.
 */
export const reasonWithMonth = (reason: string, month: string | null): string =>
  month ? `${reason} (data of ${month})` : reason;
