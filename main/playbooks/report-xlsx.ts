import ExcelJS from 'exceljs';
import type { ExportFile } from '../../shared/channels/common';
import type { ReportView } from '../../shared/channels/playbooks';
import { outcomeKpiName } from '../../shared/playbooks/report';
import { stepResultText } from './report-html';
import { reportFileName } from './reports';

const DATE_TIME = 'yyyy-mm-dd hh:mm';

/**
 * A stored time (ISO, UTC) as a date cell showing the local time of this computer, as the app
 * shows it (a workbook's dates have no time zone); null stays empty.
 */
function dateCell(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

/**
 * The report as a workbook: Summary, Outcomes, Exit criteria, RACI, Steps, Next steps. Times are
 * date cells (yyyy-mm-dd hh:mm), not text.
 */
export async function reportXlsx(report: ReportView): Promise<ExportFile> {
  const d = report.data;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'KPI Dashboard';
  wb.created = new Date(d.report_generated_at);
  const bold = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = { bold: true };
  };

  const summary = wb.addWorksheet('Summary');
  summary.columns = [
    { header: 'Field', key: 'field', width: 24 },
    { header: 'Value', key: 'value', width: 100 },
  ];
  for (const [field, value] of [
    ['Playbook', report.playbookName],
    ['Playbook id', report.playbookId],
    ['Account', report.accountName],
    ['Execution id', report.executionId],
    ['Status', report.status],
    ['Started', dateCell(report.startedAt)],
    ['Completed', dateCell(report.completedAt)],
    ['Duration', report.duration],
    ['Steps completed', report.stepsCompleted],
    ['Total steps', report.totalSteps],
    ['Executive summary', d.executive_summary],
    ['Report generated', dateCell(d.report_generated_at)],
  ] as Array<[string, string | number | Date | null]>) {
    const cell = summary.addRow({ field, value }).getCell('value');
    if (value instanceof Date) cell.numFmt = DATE_TIME;
  }
  summary.getColumn('value').alignment = { wrapText: true, vertical: 'top' };
  bold(summary);

  const outcomes = wb.addWorksheet('Outcomes');
  outcomes.columns = [
    { header: 'Outcome', key: 'key', width: 32 },
    { header: 'KPI', key: 'label', width: 28 },
    { header: 'Baseline', key: 'baseline', width: 12 },
    { header: 'Current', key: 'current', width: 12 },
    { header: 'Improvement', key: 'improvement', width: 16 },
    { header: 'Better or worse', key: 'change', width: 15 },
    { header: 'Status', key: 'status', width: 14 },
    { header: 'Measured against', key: 'target', width: 48 },
  ];
  for (const [key, o] of Object.entries(d.outcomes_achieved))
    outcomes.addRow({ key, label: outcomeKpiName(key), ...o, change: o.change ?? '', target: o.target ?? '' });
  bold(outcomes);

  const criteria = wb.addWorksheet('Exit criteria');
  criteria.columns = [
    { header: 'Criterion', key: 'key', width: 32 },
    { header: 'Label', key: 'label', width: 36 },
    { header: 'Met', key: 'met', width: 8 },
  ];
  for (const c of report.criteria) criteria.addRow({ key: c.key, label: c.label, met: c.met });
  bold(criteria);

  const raci = wb.addWorksheet('RACI');
  raci.columns = [
    { header: 'Role', key: 'role', width: 16 },
    { header: 'Who', key: 'who', width: 80 },
  ];
  raci.addRow({ role: 'Responsible', who: d.raci_breakdown.responsible.join(', ') });
  raci.addRow({ role: 'Accountable', who: d.raci_breakdown.accountable.join(', ') });
  raci.addRow({ role: 'Consulted', who: d.raci_breakdown.consulted.join(', ') });
  raci.addRow({ role: 'Informed', who: d.raci_breakdown.informed.join(', ') });
  bold(raci);

  const steps = wb.addWorksheet('Steps');
  steps.columns = [
    { header: 'Step id', key: 'stepId', width: 24 },
    { header: 'Step', key: 'name', width: 44 },
    { header: 'Due day', key: 'dueDay', width: 9 },
    { header: 'Responsible', key: 'r', width: 28 },
    { header: 'Accountable', key: 'a', width: 22 },
    { header: 'Consulted', key: 'c', width: 28 },
    { header: 'Informed', key: 'i', width: 30 },
    { header: 'Status', key: 'status', width: 11 },
    { header: 'Done at', key: 'completedAt', width: 18 },
    { header: 'Result', key: 'result', width: 60 },
  ];
  for (const s of report.steps)
    steps.addRow({
      stepId: s.stepId,
      name: s.name,
      dueDay: s.dueDay,
      r: s.raci.responsible.join(', '),
      a: s.raci.accountable.join(', '),
      c: s.raci.consulted.join(', '),
      i: s.raci.informed.join(', '),
      status: s.status,
      completedAt: dateCell(s.completedAt),
      result: stepResultText(report, s),
    });
  steps.getColumn('completedAt').numFmt = DATE_TIME;
  bold(steps);

  const next = wb.addWorksheet('Next steps');
  next.columns = [{ header: 'Next step', key: 'text', width: 110 }];
  for (const text of d.next_steps) next.addRow({ text });
  bold(next);

  const buf = await wb.xlsx.writeBuffer();
  return { fileName: reportFileName(report, 'xlsx'), bytes: new Uint8Array(buf as ArrayBuffer) };
}
