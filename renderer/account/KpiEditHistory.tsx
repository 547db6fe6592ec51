import { useMemo } from 'react';
import type { KpiEditRow } from '../../shared/channels/kpis';
import { fmtDateTime, fmtMonth, fmtNumber } from '../components/format';
import { useQuery } from '../data/useQuery';

/** Issue 13, point 2: a KPI's corrections, for its history chart (the months marked) and the list under it. */
export function useKpiEdits(accountId: number, kpi: string, category?: string): KpiEditRow[] {
  return useQuery('kpis.edits', { accountId, kpi, category }, { toast: false }).data ?? [];
}

/** The months with a correction (YYYY-MM), drawn as a diamond on the chart. */
export function useEditedMonths(accountId: number, kpi: string, category?: string): Set<string> {
  const edits = useKpiEdits(accountId, kpi, category);
  return useMemo(() => new Set(edits.map((e) => e.month)), [edits]);
}

export function KpiEditHistory(props: { accountId: number; kpi: string; category?: string }) {
  const edits = useKpiEdits(props.accountId, props.kpi, props.category);
  if (!edits.length) return null;
  return (
    <section className="card" aria-labelledby="kpi-edits-h">
      <h2 id="kpi-edits-h">Corrections</h2>
      <p className="muted small">Values corrected in the app (◆ on the chart), newest first.</p>
      <ul className="kpi-edit-list">
        {edits.map((e) => (
          <li key={e.id}>
            {fmtMonth(e.month)}: {fmtNumber(e.oldValue)} → {fmtNumber(e.newValue)}
            <span className="muted small">
              {' '}
              · {e.userName ?? 'someone'} · {fmtDateTime(e.editedAt)}
              {e.reason && ` · ${e.reason}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
