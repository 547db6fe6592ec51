import { useState } from 'react';
import type { ScoreReceipt } from '../../shared/channels/scoring';
import { fmtHealth, fmtScore } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { useWhatIf, type WhatIfState } from './useWhatIf';
import { WhatIfKpiBox, WhatIfWeights } from './WhatIfInputs';

const delta = (a: number | null, b: number | null) => {
  if (a == null || b == null) return '';
  const d = b - a;
  return Math.abs(d) < 0.05 ? '' : `${d > 0 ? '+' : '−'}${fmtHealth(Math.abs(d))}`;
};

/**
 * What-if on the receipt: change a KPI's value or range bounds, or a category's weight, and see
 * the KPI's status, the category scores and the overall at once (shared scoring engine, nothing saved).
 */
export function WhatIf({ receipt }: { receipt: ScoreReceipt }) {
  const kpis = receipt.kpis;
  const [selected, setSelected] = useState(() => (kpis.find((k) => k.range) ?? kpis[0])?.key ?? '');
  const state = useWhatIf(receipt);
  return (
    <section className="whatif" aria-labelledby="whatif-h">
      <div className="card-head">
        <h3 id="whatif-h">What-if</h3>
        <button type="button" onClick={state.reset} disabled={state.changes === 0}>
          Reset what-if
        </button>
      </div>
      <p className="muted small">
        Change a KPI value, a range bound or a category weight: the scores follow at once. Nothing is saved.
      </p>
      <div className="whatif-grid">
        <div className="whatif-inputs">
          <WhatIfKpiBox receipt={receipt} state={state} selected={selected} onSelect={setSelected} />
          <WhatIfWeights receipt={receipt} state={state} />
        </div>
        <WhatIfResult receipt={receipt} state={state} selected={selected} />
      </div>
    </section>
  );
}

/** The overall, the category scores and the chosen KPI, now and with the edits. */
function WhatIfResult({ receipt, state, selected }: { receipt: ScoreReceipt; state: WhatIfState; selected: string }) {
  const { now, what, changes } = state;
  return (
    <div className="whatif-box whatif-result" aria-live="polite" data-testid="whatif-result">
      <h4>Result{changes ? ` of ${changes} change${changes > 1 ? 's' : ''}` : ''}</h4>
      <div className="whatif-overall">
        <span>Overall</span>
        <span>
          {fmtScore(now.overall)} <StatusChip status={now.status} />
        </span>
        <span aria-hidden="true">→</span>
        <span data-testid="whatif-overall">
          <strong>{fmtScore(what.score.overall)}</strong> <StatusChip status={what.score.status} />
        </span>
        <span className="muted">{delta(now.overall, what.score.overall)}</span>
      </div>
      <table className="table compact" aria-label="What-if category scores">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Now
            </th>
            <th scope="col" className="num">
              What-if
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {what.score.categories.map((c, i) => (
            <tr key={c.category}>
              <th scope="row">{c.category}</th>
              <td className="num">{fmtScore(now.categories[i]?.score)}</td>
              <td className="num">{fmtScore(c.score)}</td>
              <td className="num">{delta(now.categories[i]?.score ?? null, c.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <KpiChange receipt={receipt} state={state} selected={selected} />
    </div>
  );
}

function KpiChange({ receipt, state, selected }: { receipt: ScoreReceipt; state: WhatIfState; selected: string }) {
  const kpi = receipt.kpis.find((k) => k.key === selected);
  const kpiNow = state.now.kpis.find((k) => k.key === selected);
  const kpiWhat = state.what.score.kpis.find((k) => k.key === selected);
  if (!kpi || !kpiNow || !kpiWhat) return null;
  return (
    <p className="small whatif-kpi">
      {kpi.name}: <StatusChip status={kpiNow.status} /> {fmtScore(kpiNow.score)} <span aria-hidden="true">→</span>
      <span className="sr-only">becomes</span> <StatusChip status={kpiWhat.status} /> {fmtScore(kpiWhat.score)}
    </p>
  );
}
