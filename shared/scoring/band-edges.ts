import type { BoundKey } from './range-rules';

/**
 * A reference range edited as its four band edges, from the lowest value up: where the lowest band
 * starts, where each band meets the next (one value: the end of one band is the start of the next),
 * and where the highest band ends. Higher is better: Critical, Risk, Healthy from low to high;
 * lower is better: Healthy, Risk, Critical.
 */
export type Edges = [number, number, number, number];

/** The bounds each edge sets, from the lowest edge up. */
export function edgeBounds(higherIsBetter: boolean): Array<BoundKey[]> {
  return higherIsBetter
    ? [['criticalMin'], ['criticalMax', 'riskMin'], ['riskMax', 'healthyMin'], ['healthyMax']]
    : [['healthyMin'], ['healthyMax', 'riskMin'], ['riskMax', 'criticalMin'], ['criticalMax']];
}

/** Each edge's label in a form: the band it starts, and for the highest edge the band it ends. */
export function edgeLabels(higherIsBetter: boolean): [string, string, string, string] {
  return higherIsBetter
    ? ['Critical from', 'Risk from', 'Healthy from', 'Healthy up to']
    : ['Healthy from', 'Risk from', 'Critical from', 'Critical up to'];
}

/** The edges of a range: each read from the first bound it sets. */
export function edgesOf(r: Record<BoundKey, number> & { higherIsBetter: boolean }): Edges {
  return edgeBounds(r.higherIsBetter).map((keys) => r[keys[0]]) as Edges;
}

/** The six bounds a range stores, from its edges: the bands touch by construction. */
export function boundsFromEdges(edges: readonly number[], higherIsBetter: boolean): Record<BoundKey, number> {
  const out = {} as Record<BoundKey, number>;
  edgeBounds(higherIsBetter).forEach((keys, i) => {
    for (const k of keys) out[k] = edges[i];
  });
  return out;
}

/** A fault of the edges as typed: the edge at fault (its index) and one sentence naming it. */
export type EdgeFault = { edge: number; other?: number; text: string };

/**
 * The faults of edges typed as text: an edge that is empty or not a number, then each edge not
 * above the one below it (a band must be wider than nothing). Empty when they make a valid range.
 */
export function edgeFaults(typed: readonly (number | null)[], higherIsBetter: boolean): EdgeFault[] {
  const labels = edgeLabels(higherIsBetter);
  const faults: EdgeFault[] = [];
  typed.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) faults.push({ edge: i, text: `Enter ${labels[i]} as a number.` });
  });
  if (faults.length) return faults;
  for (let i = 1; i < typed.length; i++) {
    const lo = typed[i - 1] as number;
    const hi = typed[i] as number;
    if (!(hi > lo))
      faults.push({ edge: i, other: i - 1, text: `${labels[i]} (${hi}) must be more than ${labels[i - 1]} (${lo}).` });
  }
  return faults;
}

/**
 * A number as a person types it: digits with a decimal point or comma, an optional sign, spaces
 * around; null for anything else (empty, "abc", "1e3", "0x10", "12abc"), so nothing is coerced.
 */
export function parseTypedNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}
