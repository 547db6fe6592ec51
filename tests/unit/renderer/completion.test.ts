import { describe, expect, it } from 'vitest';
import { completionSummary } from '../../../renderer/playbooks/completion';
import type { ExecutionStepView } from '../../../shared/channels/playbooks';

const step = (name: string, status: ExecutionStepView['status']) => ({ name, status }) as ExecutionStepView;
const view = (steps: ExecutionStepView[], month: string | null = '2025-09', criteria = 3) => ({
  playbookName: 'VoC Sprint',
  accountName: 'TechCorp Solutions',
  steps,
  baseline: { kpis: {}, health: null, month },
  exitCriteria: Array.from({ length: criteria }, (_, i) => ({ key: `c${i}`, label: `C${i}` })),
});

describe('what "Complete playbook" says it will do', () => {
  it('every step completed: nothing left open, the playbook closes, the report is generated', () => {
    const s = completionSummary(view([step('A', 'completed'), step('B', 'completed')]));
    expect(s.title).toBe('Complete the VoC Sprint for TechCorp Solutions?');
    expect(s.blocked).toBe(false);
    expect(s.lines[0]).toBe('All 2 steps are completed; no step is left open.');
    expect(s.lines[1]).toMatch(/can no longer be completed or skipped/);
    expect(s.lines[2]).toBe(
      "The report is generated now: the baseline of Sep 2025 compared with the account's latest KPI values, and the 3 exit criteria checked.",
    );
  });

  it('names the skipped steps', () => {
    const s = completionSummary(
      view([step('Survey', 'completed'), step('Interviews', 'skipped'), step('Close', 'skipped')]),
    );
    expect(s.lines[0]).toBe(
      'All 3 steps are done: 1 completed, 2 skipped ("Interviews", "Close"); no step is left open.',
    );
  });

  it('open steps block it and are named, with singular and plural', () => {
    const one = completionSummary(view([step('Survey', 'completed'), step('Close', 'pending')]));
    expect(one.blocked).toBe(true);
    expect(one.lines).toEqual(['1 step still open ("Close"): complete or skip it first.']);
    const two = completionSummary(view([step('A', 'pending'), step('B', 'pending')]));
    expect(two.lines).toEqual(['2 steps still open ("A", "B"): complete or skip them first.']);
  });

  it('without a baseline month or exit criteria, says so plainly', () => {
    const s = completionSummary(view([step('A', 'completed')], null, 0));
    expect(s.lines[0]).toBe('Its one step is completed; no step is left open.');
    expect(completionSummary(view([step('A', 'skipped')])).lines[0]).toBe(
      'Its one step is skipped ("A"); no step is left open.',
    );
    expect(s.lines[2]).toBe("The report is generated now: the baseline compared with the account's latest KPI values.");
    expect(completionSummary(view([step('A', 'completed')], null, 1)).lines[2]).toMatch(
      /the exit criterion checked\.$/,
    );
  });
});
