import { normalizeName } from '../../shared/names';
import { parseTypedNumber } from '../../shared/scoring/band-edges';

/** A row of the weights editor as typed: a category and its weight in percent. */
export interface WeightRow {
  key: number;
  category: string;
  percent: string;
}

/** A fault of a row, shown at its field: the row's key, the field, one sentence. */
export interface WeightFault {
  key: number;
  field: 'category' | 'percent';
  text: string;
}

export interface CheckedWeights {
  /** The weights as stored (fractions), of the rows whose weight is a number. */
  weights: Record<string, number>;
  /** The sum of the weights typed as numbers, in percent. */
  total: number;
  faults: WeightFault[];
}

/** The rows as stored weights (fractions) and stored weights as rows (percent, 2 decimals at most). */
export function rowsOf(weights: Record<string, number>): WeightRow[] {
  return Object.entries(weights).map(([category, w], key) => ({
    key,
    category,
    percent: String(Math.round(w * 10000) / 100),
  }));
}

function percentFault(r: WeightRow): string | null {
  const name = r.category.trim() || 'this category';
  if (r.percent.trim() === '') return `Enter a weight for ${name} (0 if it should not count).`;
  const n = parseTypedNumber(r.percent.trim().replace(/\s*%$/, ''));
  if (n === null)
    return `"${r.percent.trim()}" is not a number: enter the weight of ${name} as a percentage, such as 25.`;
  if (n < 0) return `The weight of ${name} cannot be negative.`;
  if (n > 100) return `The weight of ${name} cannot be more than 100%.`;
  return null;
}

/**
 * Reads the rows as typed, coercing nothing: a weight that is empty, not a number ("abc"),
 * negative or over 100%, a category left without a name and a category named twice (after
 * normalising the name) are each a fault at its field; the other rows make the weights and total.
 */
export function checkWeightRows(rows: readonly WeightRow[]): CheckedWeights {
  const faults: WeightFault[] = [];
  const weights: Record<string, number> = {};
  const seen = new Map<string, number>();
  let total = 0;
  rows.forEach((r, i) => {
    const name = r.category.trim();
    const key = normalizeName(name);
    if (!name) faults.push({ key: r.key, field: 'category', text: `Enter the name of category ${i + 1}.` });
    else if (seen.has(key))
      faults.push({
        key: r.key,
        field: 'category',
        text: `"${name}" is the same category as row ${(seen.get(key) ?? 0) + 1}.`,
      });
    else seen.set(key, i);
    const fault = percentFault(r);
    if (fault) {
      faults.push({ key: r.key, field: 'percent', text: fault });
      return;
    }
    const percent = parseTypedNumber(r.percent.trim().replace(/\s*%$/, '')) as number;
    total += percent;
    if (name) weights[name] = percent / 100;
  });
  return { weights, total: Math.round(total * 1e6) / 1e6, faults };
}
