import type { AccountDashboard } from '../../shared/channels/dashboard';
import type { ReceiptKpi, ScoreReceipt } from '../../shared/channels/scoring';
import type { Range } from '../../shared/scoring';
import { Sparkline } from '../charts/Sparkline';
import { fmtMonth, fmtNumber, fmtScore } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { KpiEditButton } from './KpiEdit';

/** A range in words, best band first: "Healthy ≥ 30 · Risk 10–30 · Critical < 10". */
export function rangeText(r: Range | null): string {
  if (!r) return 'No reference range';
  const n = (x: number) => fmtNumber(x);
  return r.higherIsBetter
    ? `Healthy ≥ ${n(r.healthyMin)} · Risk ${n(r.riskMin)}–${n(r.riskMax)} · Critical < ${n(r.criticalMax)}`
    : `Healthy ≤ ${n(r.healthyMax)} · Risk ${n(r.riskMin)}–${n(r.riskMax)} · Critical > ${n(r.criticalMin)}`;
}

/** The account's KPIs for the month, grouped by category, each with its last 12 months. */
export function KpiTable(props: { receipt: ScoreReceipt; dash: AccountDashboard; onOpen: (k: ReceiptKpi) => void }) {
  const { receipt, dash } = props;
  const groups = receipt.categories.map((c) => ({
    category: c,
    kpis: receipt.kpis.filter((k) => k.category === c.category),
  }));
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
              <td className="muted small">{rangeText(k.range)}</td>
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
