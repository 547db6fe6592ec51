import type { ExecutionView } from '../../shared/channels/playbooks';
import { fmtMonth } from '../../shared/format';

type CompletionInput = Pick<ExecutionView, 'playbookName' | 'accountName' | 'steps' | 'baseline' | 'exitCriteria'>;

const steps = (n: number) => `${n} ${n === 1 ? 'step' : 'steps'}`;
const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * What "Complete playbook" will do, in sentences for its confirmation: which steps are done or
 * skipped and which are still open (completing is refused while any is), that the playbook is
 * closed for good, and that the report is generated from the baseline and the latest KPI values.
 */
export function completionSummary(v: CompletionInput): { title: string; lines: string[]; blocked: boolean } {
  const completed = v.steps.filter((s) => s.status === 'completed');
  const skipped = v.steps.filter((s) => s.status === 'skipped');
  const open = v.steps.filter((s) => s.status === 'pending');
  const title = `Complete the ${v.playbookName} for ${v.accountName}?`;
  if (open.length > 0)
    return {
      title,
      blocked: true,
      lines: [
        `${steps(open.length)} still open (${quoted(open.map((s) => s.name))}): complete or skip ${open.length === 1 ? 'it' : 'them'} first.`,
      ],
    };
  const done =
    v.steps.length === 1
      ? `Its one step is ${skipped.length ? `skipped ("${skipped[0].name}")` : 'completed'}; no step is left open.`
      : skipped.length === 0
        ? `All ${steps(v.steps.length)} are completed; no step is left open.`
        : `All ${steps(v.steps.length)} are done: ${completed.length} completed, ${skipped.length} skipped (${quoted(skipped.map((s) => s.name))}); no step is left open.`;
  const baseline = v.baseline.month ? `the baseline of ${fmtMonth(v.baseline.month)}` : 'the baseline';
  const criteria = v.exitCriteria.length;
  return {
    title,
    blocked: false,
    lines: [
      done,
      'The playbook is closed: its steps can no longer be completed or skipped, and it cannot be cancelled or marked as failed afterwards.',
      `The report is generated now: ${baseline} compared with the account's latest KPI values${criteria ? `, and ${criteria === 1 ? 'the exit criterion' : `the ${criteria} exit criteria`} checked` : ''}.`,
    ],
  };
}
