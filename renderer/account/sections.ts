import type { ReceiptKpi } from '../../shared/channels/scoring';

/** The account page's sections: one on view at a time, its id kept in the route. */
export interface SectionRef {
  id: string;
  label: string;
}

/** The section to show: the one asked for when the page has it, else the first (the overview). */
export function sectionOf(wanted: string | undefined, sections: readonly SectionRef[]): string {
  return sections.find((s) => s.id === wanted)?.id ?? sections[0]?.id ?? '';
}

/** The section next to `current` for an arrow key (wrapping), Home and End; null for other keys. */
export function sectionByKey(key: string, current: string, sections: readonly SectionRef[]): string | null {
  const i = Math.max(
    0,
    sections.findIndex((s) => s.id === current),
  );
  const n = sections.length;
  const to: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1 + n, Home: 0, End: n - 1 };
  return key in to && n ? sections[to[key] % n].id : null;
}

/** The KPI table's filters. */
export type KpiFilter = 'all' | 'scored' | 'attention' | 'norange';
export const KPI_FILTERS: ReadonlyArray<{ id: KpiFilter; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'scored', label: 'Scored' },
  { id: 'attention', label: 'Critical and Risk' },
  { id: 'norange', label: 'No range' },
];

const matches: Record<KpiFilter, (k: ReceiptKpi) => boolean> = {
  all: () => true,
  scored: (k) => k.status != null,
  attention: (k) => k.status === 'Critical' || k.status === 'Risk',
  norange: (k) => k.missing === 'no range',
};

/** How many KPIs each filter shows. */
export function kpiFilterCounts(kpis: readonly ReceiptKpi[]): Record<KpiFilter, number> {
  const out = { all: 0, scored: 0, attention: 0, norange: 0 };
  for (const f of KPI_FILTERS) out[f.id] = kpis.filter(matches[f.id]).length;
  return out;
}

/** Scored first, then those without a value, then those without a range (the order kept within each). */
const rank = (k: ReceiptKpi) => (k.status != null ? 0 : k.missing === 'no range' ? 2 : 1);

/**
 * The KPIs a filter shows, in the table's order (scored first). Under "All", the KPIs without a
 * reference range are folded (counted in `folded`, not shown) unless `unfold`.
 */
export function filterKpis(
  kpis: readonly ReceiptKpi[],
  filter: KpiFilter,
  unfold = false,
): { rows: ReceiptKpi[]; folded: number } {
  const picked = kpis
    .map((k, i) => ({ k, i }))
    .filter(({ k }) => matches[filter](k))
    .sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i)
    .map(({ k }) => k);
  if (filter !== 'all' || unfold) return { rows: picked, folded: 0 };
  const rows = picked.filter((k) => k.missing !== 'no range');
  return { rows, folded: picked.length - rows.length };
}
