/**
 * The portfolio as it stood at each month's end (issue 14, point 1): every active account's latest
 * score not older than the stale limit, carried forward. Pure arithmetic over the rows' sparkline
 * window, so the trend, the distribution and the movers all read the same numbers.
 */

/** One account's scores over the window, oldest first (null: no score that month). */
export interface SnapshotInput {
  spark: Array<number | null>;
}

export interface MonthSnapshot {
  /** Average of the accounts covered, or null when none is. */
  average: number | null;
  /** Accounts covered: scored that month or carried forward. */
  count: number;
  /** Of those, how many were carried forward from an earlier month. */
  carried: number;
  /** Active accounts of the portfolio (the coverage's denominator). */
  active: number;
  /** Fewer than half the active accounts covered: the point is drawn hollow, its segment dashed. */
  partial: boolean;
}

/** The score an account stands at on month `i`: its latest score at or before i, at most `staleLimit` months old. */
export function standingAt(
  spark: Array<number | null>,
  i: number,
  staleLimit: number,
): { score: number; carried: boolean } | null {
  for (let j = Math.min(i, spark.length - 1); j >= 0 && i - j <= staleLimit; j--) {
    const v = spark[j];
    if (v != null) return { score: v, carried: j !== i };
  }
  return null;
}

/** Each month of the window as the portfolio stood at its end. */
export function monthSnapshots(rows: SnapshotInput[], windowLength: number, staleLimit: number): MonthSnapshot[] {
  const active = rows.length;
  return Array.from({ length: windowLength }, (_, i) => {
    let sum = 0;
    let count = 0;
    let carried = 0;
    for (const r of rows) {
      const s = standingAt(r.spark, i, staleLimit);
      if (!s) continue;
      sum += s.score;
      count++;
      if (s.carried) carried++;
    }
    return { average: count ? sum / count : null, count, carried, active, partial: count * 2 < active };
  });
}

/** The change an account made in the window's last month, read from the snapshot (null: none to tell). */
export function snapshotChange(spark: Array<number | null>, staleLimit: number): number | null {
  const last = spark.length - 1;
  if (last < 1) return null;
  const now = standingAt(spark, last, staleLimit);
  const before = standingAt(spark, last - 1, staleLimit);
  if (!now || now.carried || !before) return null;
  return Math.round((now.score - before.score) * 100) / 100;
}
