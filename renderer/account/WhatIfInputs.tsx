import type { ReceiptKpi, ScoreReceipt } from '../../shared/channels/scoring';
import { normalizeName } from '../../shared/names';
import type { WhatIfState } from './useWhatIf';
import { BOUNDS, weightOf } from './whatif';

/** The KPI to change: its value and, when it has a reference range, the range's bounds. */
export function WhatIfKpiBox(props: {
  receipt: ScoreReceipt;
  state: WhatIfState;
  selected: string;
  onSelect: (key: string) => void;
}) {
  const { receipt, state } = props;
  const kpi = receipt.kpis.find((k) => k.key === props.selected);
  return (
    <fieldset className="whatif-box">
      <legend>KPI</legend>
      <label className="field">
        <span className="field-label">KPI to change</span>
        <select aria-label="What-if KPI" value={props.selected} onChange={(e) => props.onSelect(e.target.value)}>
          {receipt.categories.map((c) => (
            <optgroup key={c.category} label={c.category}>
              {receipt.kpis
                .filter((k) => k.category === c.category)
                .map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.name}
                    {state.edits.values[k.key] != null || (k.range && state.edits.ranges[k.range.kpiName])
                      ? ' (changed)'
                      : ''}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {kpi && <KpiEdits kpi={kpi} state={state} />}
    </fieldset>
  );
}

function KpiEdits({ kpi, state }: { kpi: ReceiptKpi; state: WhatIfState }) {
  return (
    <>
      <label className="field">
        <span className="field-label">Value{kpi.range ? ` (${kpi.range.unit})` : ''}</span>
        <input
          type="number"
          step="any"
          aria-label={`What-if value of ${kpi.name}`}
          value={state.draft.values[kpi.key] ?? (kpi.value ?? '').toString()}
          onChange={(e) => state.setValue(kpi.key, e.target.value)}
        />
      </label>
      {kpi.range ? (
        <BoundsGrid kpi={kpi} state={state} />
      ) : (
        <p className="muted small">No reference range: this KPI is counted but not scored.</p>
      )}
      {state.what.rangeFaults.length > 0 && (
        <p className="small text-critical" role="alert">
          Not used: {state.what.rangeFaults.join('; ')}
        </p>
      )}
    </>
  );
}

function BoundsGrid({ kpi, state }: { kpi: ReceiptKpi; state: WhatIfState }) {
  const rangeKey = normalizeName(kpi.name);
  return (
    <div className="bounds-grid">
      {BOUNDS.map(({ key, label }) => (
        <label key={key} className="field">
          <span className="field-label">{label}</span>
          <input
            type="number"
            step="any"
            className="num-input"
            aria-label={`${kpi.name}: ${label.toLowerCase()}`}
            value={state.draft.bounds[rangeKey]?.[key] ?? String(kpi.range?.[key])}
            onChange={(e) => state.setBound(rangeKey, key, e.target.value)}
          />
        </label>
      ))}
      <p className="muted small bounds-note">{kpi.range?.higherIsBetter ? 'Higher is better.' : 'Lower is better.'}</p>
    </div>
  );
}

/** One weight per category, in percent of the receipt's weights. */
export function WhatIfWeights({ receipt, state }: { receipt: ScoreReceipt; state: WhatIfState }) {
  return (
    <fieldset className="whatif-box">
      <legend>Category weights</legend>
      {receipt.categories.map((c) => (
        <label key={c.category} className="weight-row">
          <span>{c.category}</span>
          <span className="weight-input">
            <input
              type="number"
              step="any"
              min={0}
              className="num-input"
              aria-label={`What-if weight of ${c.category}`}
              value={state.draft.weights[c.category] ?? String(+(weightOf(state.base, c.category) * 100).toFixed(4))}
              onChange={(e) => state.setWeight(c.category, e.target.value)}
            />
            %
          </span>
        </label>
      ))}
      <p className="muted small">The weights need not add up to 100%: each counts in proportion.</p>
    </fieldset>
  );
}
