import type ExcelJS from 'exceljs';
import type { ExportFile } from '../../shared/channels/common';
import type { ReportView } from '../../shared/channels/playbooks';
import { outcomeKpiName } from '../../shared/playbooks/report';
import {
  addTableSheet,
  DATE_TIME_FMT,
  dateCell,
  newWorkbook,
  type SheetCell,
  xlsxBytes,
} from '../exports/sheet-writer';
import { stepResultText } from './report-html';
import { reportTitle, STEP_STATUS_WORDS, statusWords } from './report-words';
import { reportFileName } from './reports';

/**
 * The report as a workbook people can forward (issue 14, point 6): Summary, Outcomes, Exit
 * criteria, RACI, Steps, Next steps; each sheet headed by the report's title in words, labels
 * instead of ids (no execution, playbook, outcome or step ids), times as date cells in the
 * reader's own date format, every column's width set. Written through the one safe writer.
 */

type Sheet = (wb: ExcelJS.Workbook, report: ReportView, title: string) => void;

const summarySheet: Sheet = (wb, report, title) => {
  const d = report.data;
  const rows: Array<[string, SheetCell]> = [
    ['Playbook', report.playbookName],
    ['Account', report.accountName],
    ['Status', statusWords(report.status)],
    ['Started', dateCell(report.startedAt)],
    ['Completed', dateCell(report.completedAt)],
    ['Duration', report.duration],
    ['Steps completed', `${report.stepsCompleted} of ${report.totalSteps}`],
    ['Executive summary', d.executive_summary],
    ['Report generated', dateCell(d.report_generated_at)],
  ];
  const ws = addTableSheet(wb, 'Summary', {
    title,
    columns: [
      { header: 'Field', width: 22 },
      { header: 'Value', width: 100, wrap: true },
    ],
    rows,
  });
  // the date rows only: a date format on the whole column would not change the text cells
  rows.forEach(([, v], i) => {
    if (v instanceof Date) ws.getCell(i + 3, 2).numFmt = DATE_TIME_FMT;
  });
};

const outcomesSheet: Sheet = (wb, report, title) => {
  addTableSheet(wb, 'Outcomes', {
    title,
    columns: [
      { header: 'KPI', width: 30 },
      { header: 'Baseline', width: 12 },
      { header: 'Current', width: 12 },
      { header: 'Improvement', width: 18 },
      { header: 'Better or worse', width: 15 },
      { header: 'Status', width: 14 },
      { header: 'Measured against', width: 52, wrap: true },
    ],
    rows: Object.entries(report.data.outcomes_achieved).map(([key, o]) => [
      outcomeKpiName(key),
      o.baseline,
      o.current,
      o.improvement,
      o.change ? o.change[0].toUpperCase() + o.change.slice(1) : null,
      o.status,
      o.target ?? null,
    ]),
  });
};

const criteriaSheet: Sheet = (wb, report, title) => {
  addTableSheet(wb, 'Exit criteria', {
    title,
    columns: [
      { header: 'Exit criterion', width: 48 },
      { header: 'Met', width: 8 },
    ],
    rows: report.criteria.map((c) => [c.label, c.met ? 'Yes' : 'No']),
  });
};

const raciSheet: Sheet = (wb, report, title) => {
  const r = report.data.raci_breakdown;
  addTableSheet(wb, 'RACI', {
    title,
    columns: [
      { header: 'Role', width: 16 },
      { header: 'Who', width: 80, wrap: true },
    ],
    rows: [
      ['Responsible', r.responsible.join(', ')],
      ['Accountable', r.accountable.join(', ')],
      ['Consulted', r.consulted.join(', ')],
      ['Informed', r.informed.join(', ')],
    ],
  });
};

const stepsSheet: Sheet = (wb, report, title) => {
  addTableSheet(wb, 'Steps', {
    title,
    columns: [
      { header: 'Step', width: 44, wrap: true },
      { header: 'Due day', width: 10 },
      { header: 'Responsible', width: 28, wrap: true },
      { header: 'Accountable', width: 22, wrap: true },
      { header: 'Consulted', width: 28, wrap: true },
      { header: 'Informed', width: 30, wrap: true },
      { header: 'Status', width: 11 },
      { header: 'Done at', width: 18, numFmt: DATE_TIME_FMT },
      { header: 'Result', width: 60, wrap: true },
    ],
    rows: report.steps.map((s) => [
      s.name,
      s.dueDay,
      s.raci.responsible.join(', '),
      s.raci.accountable.join(', '),
      s.raci.consulted.join(', '),
      s.raci.informed.join(', '),
      STEP_STATUS_WORDS[s.status] ?? s.status,
      dateCell(s.completedAt),
      stepResultText(report, s),
    ]),
  });
};

const nextStepsSheet: Sheet = (wb, report, title) => {
  addTableSheet(wb, 'Next steps', {
    title,
    columns: [{ header: 'Next step', width: 110, wrap: true }],
    rows: report.data.next_steps.map((text) => [text]),
  });
};

const SHEETS: Sheet[] = [summarySheet, outcomesSheet, criteriaSheet, raciSheet, stepsSheet, nextStepsSheet];

export async function reportXlsx(report: ReportView): Promise<ExportFile> {
  const wb = newWorkbook(new Date(report.data.report_generated_at));
  const title = reportTitle(report);
  for (const sheet of SHEETS) sheet(wb, report, title);
  return { fileName: reportFileName(report, 'xlsx'), bytes: await xlsxBytes(wb) };
}
