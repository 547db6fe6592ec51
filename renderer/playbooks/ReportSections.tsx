import type { ReportView } from '../../shared/channels/playbooks';
import { describeStepResult, improvementText, outcomeKpiName } from '../../shared/playbooks/report';
import { fmtValue } from './common';

/** Each outcome KPI: baseline, current value, the improvement, achieved or not, and what it was measured against. */
export function OutcomesTable({ outcomes }: { outcomes: ReportView['data']['outcomes_achieved'] }) {
  if (Object.keys(outcomes).length === 0) return <p className="muted">No KPI outcomes for this playbook.</p>;
  return (
    <table className="table compact" aria-label="Outcomes achieved">
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col" className="num">
            Baseline
          </th>
          <th scope="col" className="num">
            Current
          </th>
          <th scope="col" className="num">
            Improvement
          </th>
          <th scope="col">Status</th>
          <th scope="col">Measured against</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(outcomes).map(([k, o]) => (
          <tr key={k}>
            <th scope="row">{outcomeKpiName(k)}</th>
            <td className="num">{fmtValue(o.baseline)}</td>
            <td className="num">{fmtValue(o.current)}</td>
            <td className="num">{improvementText(o)}</td>
            <td>
              <span className={`chip ${o.status === 'Achieved' ? 'chip-healthy' : 'chip-critical'}`}>
                <span aria-hidden="true">{o.status === 'Achieved' ? '✓' : '✗'}</span>
                {o.status}
              </span>
            </td>
            <td>{o.target ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CriteriaList({ criteria }: { criteria: ReportView['criteria'] }) {
  return (
    <ul className="pb-criteria" aria-label="Exit criteria">
      {criteria.map((c) => (
        <li key={c.key} className={c.met ? 'met' : 'unmet'}>
          <span aria-hidden="true">{c.met ? '✓' : '✗'}</span> {c.label}: {c.met ? 'met' : 'not met'}
        </li>
      ))}
    </ul>
  );
}

/** The steps with their RACI, status and result (or why they were skipped). */
export function ReportSteps({ report: r }: { report: ReportView }) {
  return (
    <table className="table compact" aria-label="Steps">
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">R</th>
          <th scope="col">A</th>
          <th scope="col">C</th>
          <th scope="col">I</th>
          <th scope="col">Status</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {r.steps.map((s) => (
          <tr key={s.stepId}>
            <th scope="row">
              {s.name} <span className="muted">(day {s.dueDay})</span>
            </th>
            <td>{s.raci.responsible.join(', ')}</td>
            <td>{s.raci.accountable.join(', ')}</td>
            <td>{s.raci.consulted.join(', ')}</td>
            <td>{s.raci.informed.join(', ')}</td>
            <td>{s.status}</td>
            <td>
              {s.status === 'skipped'
                ? `Skipped: ${s.skipReason ?? ''}`
                : describeStepResult(r.playbookId, s.stepId, s.result)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
