import { useEffect, useRef, useState } from 'react';
import type { ExecutionView } from '../../shared/channels/playbooks';
import { fmtDate, fmtMonth, fmtMonthsIn } from '../components/format';
import { useQuery } from '../data/useQuery';
import { errorMessage, useApp } from '../store';
import { ExecStatus, fmtValue, OverdueChip, Progress } from './common';
import { CompleteDialog, EndDialog, type EndKind } from './ExecutionDialogs';
import { StepItem } from './ExecutionSteps';
import { ReportPanel } from './Report';
import { RolePeople } from './RolePeople';
import './execution.css';

type FocusTarget = 'step' | 'report' | 'heading';

/**
 * After an action the control that ran it is gone (the step's form, the end buttons): focus goes
 * to the next step's first field, else to the report or the execution's heading.
 */
function useFocusAfterChange(view: ExecutionView | null) {
  const screen = useRef<HTMLElement>(null);
  const focusAfter = useRef<FocusTarget | null>(null);
  useEffect(() => {
    const where = focusAfter.current;
    const root = screen.current;
    if (!view || !where || !root) return;
    focusAfter.current = null;
    const target =
      (where === 'step' && root.querySelector<HTMLElement>('.pb-step.current :is(input, textarea, select)')) ||
      (where === 'report' && root.querySelector<HTMLElement>('#pb-report-title')) ||
      root.querySelector<HTMLElement>('h1');
    target?.focus();
  }, [view]);
  return { screen, focusNext: (where: FocusTarget) => (focusAfter.current = where) };
}

/** One execution: baseline, the steps with RACI and due dates, result entry, the end actions, the report. */
export function ExecutionScreen(props: { executionId: string }) {
  const navigate = useApp((s) => s.navigate);
  const execution = useQuery('playbooks.get', { executionId: props.executionId }, { toast: false });
  const view = execution.data ?? null;
  const setView = execution.set;
  const missing = execution.error ? errorMessage(execution.error) : null;
  const [ending, setEnding] = useState<EndKind | 'complete' | null>(null);
  const { screen, focusNext } = useFocusAfterChange(view);
  const changed = (v: ExecutionView, focus: FocusTarget = 'step') => {
    focusNext(focus);
    setView(v);
    useApp.getState().dataChanged();
  };
  const back = (
    <button type="button" className="link-button pb-no-print" onClick={() => navigate({ view: 'playbooks' })}>
      ← All playbooks
    </button>
  );
  if (missing)
    return (
      <section className="screen">
        {back}
        <p className="empty-state">{missing}</p>
      </section>
    );
  if (!view) return <section className="screen" aria-busy="true" />;
  const endDone = (v: ExecutionView | null) => {
    setEnding(null);
    if (v) changed(v, 'heading');
    else {
      useApp.getState().dataChanged();
      navigate({ view: 'playbooks' });
    }
  };
  return (
    <section className={`screen pb-execution${view.report ? ' pb-has-report' : ''}`} ref={screen}>
      {back}
      <ExecutionHeader view={view} onAction={setEnding} />
      {view.report && <ReportPanel report={view.report} onRegenerated={(report) => setView({ ...view, report })} />}
      {view.status === 'completed' && !view.report && <p className="muted">The report could not be found.</p>}
      <div className="pb-exec-grid pb-no-print">
        <StepsCard view={view} onChanged={changed} />
        <BaselineCard view={view} />
      </div>
      <RolePeople executionId={view.executionId} />
      <CompleteDialog
        open={ending === 'complete'}
        view={view}
        onClose={() => setEnding(null)}
        onDone={(v) => {
          setEnding(null);
          changed(v, 'report');
        }}
      />
      <EndDialog
        kind={ending === 'complete' ? null : ending}
        view={view}
        onClose={() => setEnding(null)}
        onDone={endDone}
      />
    </section>
  );
}

/** The execution's title, status line, reasons and its end actions. */
function ExecutionHeader({ view, onAction }: { view: ExecutionView; onAction: (a: EndKind | 'complete') => void }) {
  const inProgress = view.status === 'in-progress';
  const allDone = view.stepsDone === view.totalSteps;
  return (
    <header className="screen-head pb-no-print">
      <div>
        <h1 tabIndex={-1}>
          {view.playbookName}: {view.accountName}
        </h1>
        <p className="muted pb-meta">
          <ExecStatus status={view.status} /> {view.overdue && <OverdueChip />} Priority {view.priority} · started{' '}
          {fmtDate(view.startedAt)}
          {view.userName ? ` by ${view.userName}` : ''} ·{' '}
          {view.triggeredBy === 'auto' ? 'auto-triggered' : 'started by hand'}
          {view.completedAt ? ` · ended ${fmtDate(view.completedAt)}` : ''}
        </p>
        {view.reason && (
          <p className="pb-reason">
            <strong>Why:</strong> {fmtMonthsIn(view.reason)}
          </p>
        )}
        {view.endReason && (
          <p className="pb-reason">
            <strong>{view.status === 'failed' ? 'Failed' : 'Cancelled'}:</strong> {view.endReason}
          </p>
        )}
      </div>
      <div className="toolbar">
        {inProgress && (
          <>
            <button
              type="button"
              className="primary"
              onClick={() => onAction('complete')}
              disabled={!allDone}
              title={allDone ? undefined : 'Complete or skip every step first'}
            >
              Complete playbook…
            </button>
            <button type="button" onClick={() => onAction('cancel')}>
              Cancel playbook…
            </button>
            <button type="button" onClick={() => onAction('fail')}>
              Mark as failed…
            </button>
          </>
        )}
        <button type="button" className="danger-button" onClick={() => onAction('delete')}>
          Delete…
        </button>
      </div>
    </header>
  );
}

function StepsCard({ view, onChanged }: { view: ExecutionView; onChanged: (v: ExecutionView) => void }) {
  return (
    <section className="card" aria-labelledby="pb-steps-title">
      <header className="pb-card-head">
        <h2 id="pb-steps-title">Steps</h2>
        <Progress done={view.stepsDone} total={view.totalSteps} label="Steps done" />
      </header>
      <ol className="pb-steps">
        {view.steps.map((s) => (
          <StepItem
            key={s.stepId}
            step={s}
            playbookId={view.playbookId}
            executionId={view.executionId}
            onChanged={onChanged}
          />
        ))}
      </ol>
    </section>
  );
}

/** The KPI values captured at the start, and the exit criteria the report checks. */
function BaselineCard({ view }: { view: ExecutionView }) {
  return (
    <aside className="card pb-baseline" aria-labelledby="pb-baseline-title">
      <h2 id="pb-baseline-title">Baseline</h2>
      <p className="muted pb-small">
        {view.baseline.month
          ? `From ${fmtMonth(view.baseline.month)}, captured at the start.`
          : 'No KPI data when it started.'}
      </p>
      <table className="table compact" aria-label="Baseline">
        <tbody>
          {Object.entries(view.baseline.kpis).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{fmtValue(v)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Overall health</th>
            <td className="num">{fmtValue(view.baseline.health)}</td>
          </tr>
        </tbody>
      </table>
      <h3>Exit criteria</h3>
      <ul className="plain-list pb-small">
        {view.exitCriteria.map((c) => (
          <li key={c.key}>{c.label}</li>
        ))}
      </ul>
    </aside>
  );
}
