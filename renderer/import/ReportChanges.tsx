import type { AccountChange, ImportReport } from '../../shared/channels/import';
import { CHANGES_LISTED, mostChangedFirst } from '../../shared/import/report-order';
import { fmtMonth } from '../components/format';
import { plural } from './importText';

const score = (n: number | null) => (n == null ? '–' : n.toFixed(1));

function HealthCell({ h }: { h: AccountChange['health'] }) {
  if (h.before == null && h.after == null) return <span className="muted">No score</span>;
  const moved = h.statusBefore && h.statusAfter && h.statusBefore !== h.statusAfter;
  return (
    <>
      {score(h.before)} → {score(h.after)}
      {moved ? ` (${h.statusBefore} → ${h.statusAfter})` : h.statusAfter ? ` (${h.statusAfter})` : ''}
    </>
  );
}

function Restated({ months }: { months: AccountChange['restated'] }) {
  if (!months.length) return <span className="muted">none</span>;
  return (
    <>
      {months.map((m) => (
        <div key={m.month}>
          {fmtMonth(m.month)}: {plural(m.values, 'value')} changed
          {m.healthBefore != null && m.healthAfter != null
            ? `, health ${score(m.healthBefore)} → ${score(m.healthAfter)}`
            : ''}
          <span className="muted"> ({m.examples.map((e) => `${e.kpi} ${e.from} → ${e.to}`).join('; ')})</span>
        </div>
      ))}
    </>
  );
}

/**
 * Per account: health of the period before and after, months restated, playbooks that now fire;
 * the accounts that changed most first (see mostChangedFirst), the first CHANGES_LISTED of them listed.
 */
export function ReportChanges({ report }: { report: ImportReport }) {
  const rows = mostChangedFirst(report.changes).slice(0, CHANGES_LISTED);
  if (!rows.length) return null;
  return (
    <>
      <table className="table compact" aria-label="What changed per account">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Health for {fmtMonth(report.period)}</th>
            <th scope="col">Months restated</th>
            <th scope="col">Playbooks that now fire</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.accountId}>
              <td>
                {c.accountName} <span className="muted">v{c.version}</span>
                {c.created && <span className="badge">new</span>}
              </td>
              <td>
                <HealthCell h={c.health} />
              </td>
              <td>
                <Restated months={c.restated} />
              </td>
              <td>
                {c.playbooks.length
                  ? c.playbooks.map((p) => (
                      <div key={p.playbookId}>
                        {p.playbookName}
                        {p.started ? ' (started)' : ''} <span className="muted">{p.reason}</span>
                      </div>
                    ))
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.changes.length > CHANGES_LISTED && (
        <p className="muted">
          …and {plural(report.changes.length - CHANGES_LISTED, 'more account')} (those that changed most are listed
          first).
        </p>
      )}
    </>
  );
}
