import { useMemo, useState } from 'react';
import type { ScoreReceipt } from '../../shared/channels/scoring';
import { normalizeName } from '../../shared/names';
import type { Range } from '../../shared/scoring';
import { fmtHealth, fmtScore } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { applyWhatIf, baseWeights, NO_EDITS, type WhatIfEdits, weightOf } from './whatif';

const BOUNDS: Array<{ key: keyof Range; label: string }> = [
  { key: 'criticalMin', label: 'Critical from' },
  { key: 'criticalMax', label: 'Critical to' },
  { key: 'riskMin', label: 'Risk from' },
  { key: 'riskMax', label: 'Risk to' },
  { key: 'healthyMin', label: 'Healthy from' },
  { key: 'healthyMax', label: 'Healthy to' },
];

const num = (s: string | undefined): number | null => {
  if (s == null || s.trim() === '') return null;
  const n = Number(s.trim().replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};
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
  const [values, setValues] = useState<Record<string, string>>({});
  const [bounds, setBounds] = useState<Record<string, Partial<Record<keyof Range, string>>>>({});
  const [weights, setWeights] = useState<Record<string, string>>({});
  const base = useMemo(() => baseWeights(receipt), [receipt]);

  const edits = useMemo<WhatIfEdits>(() => {
    const e: WhatIfEdits = { values: {}, ranges: {}, weights: {} };
    for (const k of kpis) {
      const v = num(values[k.key]);
      if (v != null && v !== k.value) e.values[k.key] = v;
      const b = k.range ? bounds[normalizeName(k.name)] : undefined;
      if (k.range && b) {
        const r: Range = { ...k.range };
        let changed = false;
        for (const { key } of BOUNDS) {
          const x = num(b[key]);
          if (x != null && x !== k.range[key]) {
            (r as Record<string, unknown>)[key] = x;
            changed = true;
          }
        }
        if (changed) e.ranges[k.range.kpiName] = r;
      }
    }
    for (const c of receipt.categories) {
      const w = num(weights[c.category]);
      if (w != null && Math.abs(w / 100 - weightOf(base, c.category)) > 1e-9) e.weights[c.category] = w / 100;
    }
    return e;
  }, [kpis, values, bounds, weights, receipt.categories, base]);

  const now = useMemo(() => applyWhatIf(receipt.inputs, receipt.categories, NO_EDITS).score, [receipt]);
  const what = useMemo(() => applyWhatIf(receipt.inputs, receipt.categories, edits), [receipt, edits]);
  const changes =
    Object.keys(edits.values).length + Object.keys(edits.ranges).length + Object.keys(edits.weights).length;

  const kpi = kpis.find((k) => k.key === selected);
  const kpiNow = now.kpis.find((k) => k.key === selected);
  const kpiWhat = what.score.kpis.find((k) => k.key === selected);
  const rangeKey = kpi ? normalizeName(kpi.name) : '';
  const reset = () => {
    setValues({});
    setBounds({});
    setWeights({});
  };

  return (
    <section className="whatif" aria-labelledby="whatif-h">
      <div className="card-head">
        <h3 id="whatif-h">What-if</h3>
        <button type="button" onClick={reset} disabled={changes === 0}>
          Reset what-if
        </button>
      </div>
      <p className="muted small">
        Change a KPI value, a range bound or a category weight: the scores follow at once. Nothing is saved.
      </p>
      <div className="whatif-grid">
        <div className="whatif-inputs">
          <fieldset className="whatif-box">
            <legend>KPI</legend>
            <label className="field">
              <span className="field-label">KPI to change</span>
              <select aria-label="What-if KPI" value={selected} onChange={(e) => setSelected(e.target.value)}>
                {receipt.categories.map((c) => (
                  <optgroup key={c.category} label={c.category}>
                    {kpis
                      .filter((k) => k.category === c.category)
                      .map((k) => (
                        <option key={k.key} value={k.key}>
                          {k.name}
                          {edits.values[k.key] != null || (k.range && edits.ranges[k.range.kpiName])
                            ? ' (changed)'
                            : ''}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </label>
            {kpi && (
              <>
                <label className="field">
                  <span className="field-label">Value{kpi.range ? ` (${kpi.range.unit})` : ''}</span>
                  <input
                    type="number"
                    step="any"
                    aria-label={`What-if value of ${kpi.name}`}
                    value={values[kpi.key] ?? (kpi.value ?? '').toString()}
                    onChange={(e) => setValues((v) => ({ ...v, [kpi.key]: e.target.value }))}
                  />
                </label>
                {kpi.range ? (
                  <div className="bounds-grid">
                    {BOUNDS.map(({ key, label }) => (
                      <label key={key} className="field">
                        <span className="field-label">{label}</span>
                        <input
                          type="number"
                          step="any"
                          className="num-input"
                          aria-label={`${kpi.name}: ${label.toLowerCase()}`}
                          value={bounds[rangeKey]?.[key] ?? String(kpi.range?.[key])}
                          onChange={(e) =>
                            setBounds((b) => ({ ...b, [rangeKey]: { ...b[rangeKey], [key]: e.target.value } }))
                          }
                        />
                      </label>
                    ))}
                    <p className="muted small bounds-note">
                      {kpi.range.higherIsBetter ? 'Higher is better.' : 'Lower is better.'}
                    </p>
                  </div>
                ) : (
                  <p className="muted small">No reference range: this KPI is counted but not scored.</p>
                )}
                {what.rangeFaults.length > 0 && (
                  <p className="small text-critical" role="alert">
                    Not used: {what.rangeFaults.join('; ')}
                  </p>
                )}
              </>
            )}
          </fieldset>

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
                    value={weights[c.category] ?? String(+(weightOf(base, c.category) * 100).toFixed(4))}
                    onChange={(e) => setWeights((w) => ({ ...w, [c.category]: e.target.value }))}
                  />
                  %
                </span>
              </label>
            ))}
            <p className="muted small">The weights need not add up to 100%: each counts in proportion.</p>
          </fieldset>
        </div>

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
          {kpi && kpiNow && kpiWhat && (
            <p className="small whatif-kpi">
              {kpi.name}: <StatusChip status={kpiNow.status} /> {fmtScore(kpiNow.score)}{' '}
              <span aria-hidden="true">→</span>
              <span className="sr-only">becomes</span> <StatusChip status={kpiWhat.status} /> {fmtScore(kpiWhat.score)}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
