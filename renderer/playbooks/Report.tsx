import type { ReportView } from '../../shared/channels/playbooks';
import { describeStepResult, improvementText, outcomeKpiName } from '../../shared/playbooks/report';
import { call, saveFile } from '../api';
import { fmtDate, fmtDateTime } from '../components/format';
import { reportError, useApp } from '../store';
import { fmtValue, Raci } from './common';

function pdfName(r: ReportView): string {
  return `${r.playbookName} - ${r.accountName} - ${(r.completedAt ?? r.generatedAt).slice(0, 10)}.pdf`.replace(
    /[\\/:*?"<>|]+/g,
    ' ',
  );
}

/**
 * Saves the report as a PDF: the desktop app prints the report page (Electron's printToPDF; while
 * printing, only the report is shown, by the print stylesheet); the browser preview saves the PDF
 * the main side prints with the command line's headless Chromium.
 */
export async function printReport(r: ReportView): Promise<void> {
  document.body.classList.add('pb-printing');
  const done = () => document.body.classList.remove('pb-printing');
  try {
    if (window.kpiDesktop?.printToPdf) {
      const res = await window.kpiDesktop.printToPdf(pdfName(r));
      done();
      if (res.ok && res.data?.saved) useApp.getState().toast('success', `Saved ${pdfName(r)}.`);
    } else {
      done();
      const f = await call('playbooks.exportPdf', { executionId: r.executionId });
      if (await saveFile(f.fileName, f.bytes)) useApp.getState().toast('success', `Saved ${f.fileName}.`);
    }
  } catch (e) {
    done();
    reportError(e);
  }
}

export function ReportPanel(props: { report: ReportView; onRegenerated: (r: ReportView) => void }) {
  const r = props.report;
  const d = r.data;
  const regenerate = async () => {
    try {
      props.onRegenerated(await call('playbooks.regenerateReport', { executionId: r.executionId }));
      useApp.getState().toast('success', 'Report regenerated from the KPI values at completion.');
    } catch (e) {
      reportError(e);
    }
  };
  const exportXlsx = async () => {
    try {
      const f = await call('playbooks.exportXlsx', { executionId: r.executionId });
      if (await saveFile(f.fileName, f.bytes)) useApp.getState().toast('success', `Saved ${f.fileName}.`);
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <section className="card pb-report" aria-labelledby="pb-report-title">
      <header className="pb-card-head">
        <h2 id="pb-report-title" tabIndex={-1}>
          Report: {r.playbookName} for {r.accountName}
        </h2>
        <div className="toolbar pb-no-print">
          <button type="button" onClick={regenerate}>
            Regenerate
          </button>
          <button type="button" onClick={() => printReport(r)}>
            Export PDF
          </button>
          <button type="button" onClick={exportXlsx}>
            Export xlsx
          </button>
        </div>
      </header>
      <p className="muted pb-small">
        {r.status} · started {fmtDate(r.startedAt)} · completed {fmtDate(r.completedAt)} · duration {d.duration} ·{' '}
        {r.stepsCompleted} of {r.totalSteps} steps completed · generated {fmtDateTime(d.report_generated_at)}
      </p>
      <h3>Executive summary</h3>
      <p className="pb-summary">{d.executive_summary}</p>

      <h3>Outcomes achieved</h3>
      {Object.keys(d.outcomes_achieved).length === 0 ? (
        <p className="muted">No KPI outcomes for this playbook.</p>
      ) : (
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
            {Object.entries(d.outcomes_achieved).map(([k, o]) => (
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
      )}

      <h3>Exit criteria</h3>
      <ul className="pb-criteria" aria-label="Exit criteria">
        {r.criteria.map((c) => (
          <li key={c.key} className={c.met ? 'met' : 'unmet'}>
            <span aria-hidden="true">{c.met ? '✓' : '✗'}</span> {c.label}: {c.met ? 'met' : 'not met'}
          </li>
        ))}
      </ul>

      <h3>RACI</h3>
      <div className="pb-report-raci">
        <Raci raci={d.raci_breakdown} />
      </div>
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

      <h3>Next steps</h3>
      <ul aria-label="Next steps">
        {d.next_steps.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
