import type { ReportView } from '../../shared/channels/playbooks';
import { fmtDate, plural } from '../../shared/format';

/** The words a report is headed with in every format (PDF, xlsx): no ids, no timestamps as stored. */

export const EXECUTION_STATUS_WORDS: Readonly<Record<string, string>> = {
  'in-progress': 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const STEP_STATUS_WORDS: Readonly<Record<ReportView['steps'][number]['status'], string>> = {
  completed: 'Done',
  skipped: 'Skipped',
  pending: 'Pending',
};

export const statusWords = (status: string) => EXECUTION_STATUS_WORDS[status] ?? status;

/** "VoC Sprint for TechCorp Solutions · report of 3 Dec 2026". */
export function reportTitle(report: ReportView): string {
  return `${report.playbookName} for ${report.accountName} · report of ${fmtDate(report.data.report_generated_at)}`;
}

/** "Completed · started 1 Oct 2026 · completed 3 Dec 2026 · 63 days · 4 of 4 steps completed". */
export function reportMeta(report: ReportView): string {
  return [
    statusWords(report.status),
    `started ${fmtDate(report.startedAt)}`,
    ...(report.completedAt ? [`completed ${fmtDate(report.completedAt)}`] : []),
    report.duration,
    `${report.stepsCompleted} of ${plural(report.totalSteps, 'step')} completed`,
  ].join(' · ');
}
