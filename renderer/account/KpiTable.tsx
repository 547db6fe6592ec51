import { Fragment } from 'react';
import type { AccountDashboard } from '../../shared/channels/dashboard';
import type { ReceiptKpi, ScoreReceipt } from '../../shared/channels/scoring';
import type { Range } from '../../shared/scoring';
import { Sparkline } from '../charts/Sparkline';
import { fmtMonth, fmtNumber, fmtScore } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { KpiEditButton } from './KpiEdit';

/** A range's bands in words, best first: ["Healthy ≥ 30", "Risk 10–30", "Critical < 10"]. */
export function rangeBandTexts(r: Range): string[] {
  const n = (x: number) => fmtNumber(x);
  return r.higherIsBetter
    ? [`Healthy ≥ ${n(r.healthyMin)}`, `Risk ${n(r.riskMin)}–${n(r.riskMax)}`, `Critical < ${n(r.criticalMax)}`]
    : [`Healthy ≤ ${n(r.healthyMax)}`, `Risk ${n(r.riskMin)}–${n(r.riskMax)}`, `Critical > ${n(r.criticalMin)}`];
}

/** A range in words, best band first: "Healthy ≥ 30 · Risk 10–30 · Critical < 10". */
export function rangeText(r: Range | null): string {
  return r ? rangeBandTexts(r).join(' · ') : 'No reference range';
}

/** The range cell: each band kept on one line ("Critical < 1" never wraps), the line breaking between bands. */
function RangeCell({ range }: { range: Range | null }) {
  if (!range) return <>No reference range</>;
  const bands = rangeBandTexts(range);
  return (
    <>
      {bands.map((b, i) => (
        <Fragment key={b}>
          {i > 0 && ' · '}
          <span className="range-band">{b}</span>
        </Fragment>
      ))}
    </>
  );
}

/** The account's KPIs for the month, grouped by category, each with its last 12 months. */
export function KpiTable(props: {
  receipt: ScoreReceipt;
  dash: AccountDashboard;
  /** The KPIs to show, in order (all of the receipt's when not given). */
  rows?: ReceiptKpi[];
  onOpen: (k: ReceiptKpi) => void;
}) {
  const { receipt, dash } = props;
  const rows = props.rows ?? receipt.kpis;
  const groups = receipt.categories
    .map((c) => ({ category: c, kpis: rows.filter((k) => k.category === c.category) }))
    .filter((g) => g.kpis.length > 0);
  const prev = receipt.previousMonth ? fmtMonth(receipt.previousMonth) : 'Last month';
  return (
    <table className="table compact kpi-table" aria-label="KPIs">
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col">Unit</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col">Range</th>
          <th scope="col" className="num">
            {prev}
          </th>
          <th scope="col">12 months</th>
        </tr>
      </thead>
      {groups.map(({ category: c, kpis }) => (
        <tbody key={c.category}>
          <tr className="group-row">
            <th scope="rowgroup" colSpan={8}>
              {c.category}
              <span className="muted">
                {' '}
                · {fmtScore(c.score)} · {c.validKpis} of {c.totalKpis} scored
              </span>
            </th>
          </tr>
          {kpis.map((k) => (
            <tr key={k.key}>
              <th scope="row" className="kpi-name">
                <button type="button" className="link-button" onClick={() => props.onOpen(k)}>
                  {k.name}
                </button>
              </th>
              <td className="num">
                {fmtNumber(k.value)}{' '}
                <KpiEditButton
                  accountId={receipt.accountId}
                  month={receipt.month}
                  kpi={k.name}
                  category={k.category}
                  value={k.value}
                />
              </td>
              <td className="muted">{k.range?.unit ?? ''}</td>
              <td>
                {k.status ? (
                  <StatusChip status={k.status} />
                ) : (
                  <StatusChip status={null} label={k.missing === 'no range' ? 'No range' : 'No value'} />
                )}
              </td>
              <td className="num">{fmtScore(k.score)}</td>
              <td className="muted small range-cell">
                <RangeCell range={k.range} />
              </td>
              <td className="num">{fmtNumber(k.previousValue)}</td>
              <td>
                <Sparkline
                  values={dash.kpiSparks[k.key] ?? []}
                  width={84}
                  height={20}
                  className={`spark-${(k.status ?? 'none').toLowerCase()}`}
                  label={`${k.name}, ${fmtMonth(dash.sparkMonths[0])} to ${fmtMonth(dash.month)}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
