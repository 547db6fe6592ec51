import type { ReportView } from '../../shared/channels/playbooks';
import { call, saveFile } from '../api';
import { fmtDate, fmtDateTime } from '../components/format';
import { reportError, useApp } from '../store';
import { Raci } from './common';
import { CriteriaList, OutcomesTable, ReportSteps } from './ReportSections';
import './report.css';

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
      <OutcomesTable outcomes={d.outcomes_achieved} />
      <h3>Exit criteria</h3>
      <CriteriaList criteria={r.criteria} />
      <h3>RACI</h3>
      <div className="pb-report-raci">
        <Raci raci={d.raci_breakdown} />
      </div>
      <ReportSteps report={r} />
      <h3>Next steps</h3>
      <ul aria-label="Next steps">
        {d.next_steps.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
