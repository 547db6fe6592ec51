import { useState } from 'react';
import type { ScoreReceipt } from '../../shared/channels/scoring';
import { fmtMonth, fmtScore, fmtSigned, plural } from '../components/format';
import { WhatIf } from './WhatIf';

const pts = (x: number | null) => (x == null ? '–' : x.toFixed(2));
const signed = (x: number) => fmtSigned(x, 2);

/**
 * The score receipt (`scoring.explain`): how the overall is built, the change since the previous
 * month broken down per KPI (the parts sum to the change), and what-if.
 */
export function Receipt({ receipt }: { receipt: ScoreReceipt }) {
  const [all, setAll] = useState(false);
  const parts = receipt.contributions.filter((c) => Math.abs(c.delta) >= 0.005);
  const shown = all ? parts : parts.slice(0, 10);
  const sum = receipt.contributions.reduce((a, c) => a + c.delta, 0);
  const rest = parts.slice(shown.length).reduce((a, c) => a + c.delta, 0);
  const tiny = receipt.contributions.length - parts.length;
  const noRange = receipt.kpis.filter((k) => k.missing === 'no range').length;
  const noValue = receipt.kpis.filter((k) => k.missing === 'no value').length;
  return (
    <section className="card receipt" aria-labelledby="receipt-h">
      <h2 id="receipt-h">Score receipt, {fmtMonth(receipt.month)}</h2>
      <p className="small">
        The overall <strong>{fmtScore(receipt.overall)}</strong> is the weighted mean of the category scores (weights
        above); each category score is the weighted mean of its scored KPIs. {receipt.validKpis} of {receipt.totalKpis}{' '}
        KPIs are scored
        {noRange || noValue
          ? ` (${[noRange && `${noRange} without a reference range`, noValue && `${noValue} without a value`].filter(Boolean).join(', ')})`
          : ''}
        .
      </p>

      <h3>
        {receipt.previousMonth ? `Change since ${fmtMonth(receipt.previousMonth)}` : 'Change since the previous month'}
      </h3>
      {receipt.change == null ? (
        <p className="muted small">No earlier month with a score to compare with.</p>
      ) : (
        <>
          <p className="small">
            {fmtScore(receipt.previousOverall)} → {fmtScore(receipt.overall)}:{' '}
            <strong data-testid="receipt-change">{signed(receipt.change)} points</strong>, made of each KPI's
            contribution to the overall in both months.
          </p>
          <table className="table compact" aria-label="Change breakdown">
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  {fmtMonth(receipt.previousMonth)}
                </th>
                <th scope="col" className="num">
                  {fmtMonth(receipt.month)}
                </th>
                <th scope="col" className="num">
                  Points
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.name}</th>
                  <td className="muted">{c.category}</td>
                  <td className="num">{pts(c.before)}</td>
                  <td className="num">{pts(c.after)}</td>
                  <td className={`num ${c.delta > 0 ? 'text-healthy' : 'text-critical'}`}>{signed(c.delta)}</td>
                </tr>
              ))}
              {(parts.length > shown.length || tiny > 0) && (
                <tr>
                  <th scope="row" colSpan={4} className="muted">
                    {parts.length > shown.length ? `${parts.length - shown.length} more KPIs` : ''}
                    {parts.length > shown.length && tiny > 0 ? ', ' : ''}
                    {tiny > 0 ? `${plural(tiny, 'KPI')} with no change` : ''}
                  </th>
                  <td className="num">{signed(rest + (sum - parts.reduce((a, c) => a + c.delta, 0)))}</td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Total
                </th>
                <td className="num" data-testid="receipt-total">
                  <strong>{signed(sum)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          {parts.length > 10 && (
            <button type="button" className="link-button" onClick={() => setAll((x) => !x)} aria-expanded={all}>
              {all ? 'Show the top 10' : `Show all ${plural(parts.length, 'KPI')}`}
            </button>
          )}
        </>
      )}
      <WhatIf key={`${receipt.accountId}-${receipt.month}`} receipt={receipt} />
    </section>
  );
}
