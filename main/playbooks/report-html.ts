import type { ReportView } from '../../shared/channels/playbooks';
import { fmtDate } from '../../shared/format';
import { formatNumber } from '../../shared/playbooks/catalogue';
import { describeStepResult, improvementText, outcomeKpiName } from '../../shared/playbooks/report';
import { reportMeta, reportTitle, STEP_STATUS_WORDS } from './report-words';

/**
 * The report as one self-contained HTML page (inline CSS, no scripts, no external resources),
 * for printing to PDF with headless Chromium (command line, tests) or Electron's printToPDF.
 */

const esc = (s: unknown): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const fmt = (v: number | null | undefined) => (v == null ? '–' : formatNumber(v));

/** A step's Result cell: its skip reason, or its recorded values with the catalogue's labels. */
export function stepResultText(report: ReportView, s: ReportView['steps'][number]): string {
  return s.status === 'skipped'
    ? `Skipped: ${s.skipReason ?? ''}`
    : describeStepResult(report.playbookId, s.stepId, s.result);
}

const STYLE = `
  @page { size: A4; margin: 16mm 14mm; }
  * { box-sizing: border-box; }
  body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; color: #1b1f24; margin: 0; }
  h1 { font-size: 20pt; margin: 0 0 2mm; }
  h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #d9dde3; padding-bottom: 1mm; }
  .meta { color: #5b6470; margin: 0 0 4mm; }
  table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { text-align: left; padding: 1.5mm 2mm; border-bottom: 1px solid #e4e7ec; vertical-align: top; }
  th { background: #f0f2f5; font-size: 9.5pt; color: #5b6470; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .ok { color: #1d7f4e; font-weight: 600; }
  .no { color: #c0282d; font-weight: 600; }
  ul { margin: 0; padding-left: 5mm; }
  .summary { background: #f6f7f9; border-left: 3px solid #2f5fd0; padding: 3mm 4mm; }
`;

export function renderReportHtml(report: ReportView): string {
  const d = report.data;
  const raci = d.raci_breakdown;
  const outcomes = Object.entries(d.outcomes_achieved);
  const rows = (cells: string[]) => `<tr>${cells.join('')}</tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(reportTitle(report))}</title>
<style>${STYLE}</style></head>
<body>
<h1>${esc(reportTitle(report))}</h1>
<p class="meta">${esc(reportMeta(report))}</p>
<h2>Executive summary</h2>
<p class="summary">${esc(d.executive_summary)}</p>
<h2>Outcomes achieved</h2>
${
  outcomes.length
    ? `<table><thead><tr><th>KPI</th><th>Baseline</th><th>Current</th><th>Improvement</th><th>Status</th><th>Measured against</th></tr></thead><tbody>
${outcomes
  .map(([k, o]) =>
    rows([
      `<td>${esc(outcomeKpiName(k))}</td>`,
      `<td class="num">${fmt(o.baseline)}</td>`,
      `<td class="num">${fmt(o.current)}</td>`,
      `<td class="num">${esc(improvementText(o))}</td>`,
      `<td class="${o.status === 'Achieved' ? 'ok' : 'no'}">${esc(o.status)}</td>`,
      `<td>${esc(o.target ?? '–')}</td>`,
    ]),
  )
  .join('\n')}</tbody></table>`
    : '<p>No KPI outcomes for this playbook.</p>'
}
<h2>Exit criteria</h2>
<table><thead><tr><th>Criterion</th><th>Met</th></tr></thead><tbody>
${report.criteria
  .map((c) => rows([`<td>${esc(c.label)}</td>`, `<td class="${c.met ? 'ok' : 'no'}">${c.met ? 'Yes' : 'No'}</td>`]))
  .join('\n')}</tbody></table>
<h2>RACI</h2>
<table><tbody>
${rows([`<th>Responsible</th>`, `<td>${esc(raci.responsible.join(', '))}</td>`])}
${rows([`<th>Accountable</th>`, `<td>${esc(raci.accountable.join(', '))}</td>`])}
${rows([`<th>Consulted</th>`, `<td>${esc(raci.consulted.join(', '))}</td>`])}
${rows([`<th>Informed</th>`, `<td>${esc(raci.informed.join(', '))}</td>`])}
</tbody></table>
<h2>Steps</h2>
<table><thead><tr><th>Step</th><th>Day</th><th>R</th><th>A</th><th>C</th><th>I</th><th>Status</th><th>Result</th></tr></thead><tbody>
${report.steps
  .map((s) =>
    rows([
      `<td>${esc(s.name)}</td>`,
      `<td class="num">${s.dueDay}</td>`,
      `<td>${esc(s.raci.responsible.join(', '))}</td>`,
      `<td>${esc(s.raci.accountable.join(', '))}</td>`,
      `<td>${esc(s.raci.consulted.join(', '))}</td>`,
      `<td>${esc(s.raci.informed.join(', '))}</td>`,
      `<td>${esc(STEP_STATUS_WORDS[s.status] ?? s.status)}${s.completedAt ? ` ${fmtDate(s.completedAt)}` : ''}</td>`,
      `<td>${esc(stepResultText(report, s))}</td>`,
    ]),
  )
  .join('\n')}</tbody></table>
<h2>Next steps</h2>
<ul>${d.next_steps.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
</body></html>
`;
}
