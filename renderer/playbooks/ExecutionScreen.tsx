import { useEffect, useRef, useState } from 'react';
import type { ExecutionStepView, ExecutionView } from '../../shared/channels/playbooks';
import type { StepRecordDef } from '../../shared/playbooks/catalogue';
import { stepFieldErrors } from '../../shared/playbooks/execution';
import { describeStepResult } from '../../shared/playbooks/report';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { fmtDate, fmtDateTime, fmtMonth, fmtMonthsIn } from '../components/format';
import { useQuery } from '../data/useQuery';
import { errorMessage, reportError, useApp } from '../store';
import { ExecStatus, fmtValue, OverdueChip, Progress, Raci } from './common';
import { ReportPanel } from './Report';
import { RolePeople } from './RolePeople';

/** One execution: baseline, the steps with RACI and due dates, result entry, the end actions, the report. */
export function ExecutionScreen(props: { executionId: string }) {
  const navigate = useApp((s) => s.navigate);
  const execution = useQuery('playbooks.get', { executionId: props.executionId }, { toast: false });
  const view = execution.data ?? null;
  const setView = execution.set;
  const missing = execution.error ? errorMessage(execution.error) : null;
  const [ending, setEnding] = useState<'cancel' | 'fail' | 'delete' | null>(null);

  // After an action the control that ran it is gone (the step's form, the end buttons): focus goes
  // to the next step's first field, else to the report or the execution's heading.
  const screen = useRef<HTMLElement>(null);
  const focusAfter = useRef<'step' | 'report' | 'heading' | null>(null);
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
  const changed = (v: ExecutionView, focus: 'step' | 'report' | 'heading' = 'step') => {
    focusAfter.current = focus;
    setView(v);
    useApp.getState().dataChanged();
  };
  const complete = async () => {
    try {
      changed(await call('playbooks.complete', { executionId: props.executionId }), 'report');
      useApp.getState().toast('success', 'Playbook completed: the report is ready.');
    } catch (e) {
      reportError(e);
    }
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
  const inProgress = view.status === 'in-progress';
  const allDone = view.stepsDone === view.totalSteps;
  return (
    <section className={`screen pb-execution${view.report ? ' pb-has-report' : ''}`} ref={screen}>
      {back}
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
            <button
              type="button"
              className="primary"
              onClick={complete}
              disabled={!allDone}
              title={allDone ? undefined : 'Complete or skip every step first'}
            >
              Complete playbook
            </button>
          )}
          {inProgress && (
            <button type="button" onClick={() => setEnding('cancel')}>
              Cancel playbook…
            </button>
          )}
          {inProgress && (
            <button type="button" onClick={() => setEnding('fail')}>
              Mark as failed…
            </button>
          )}
          <button type="button" className="danger-button" onClick={() => setEnding('delete')}>
            Delete…
          </button>
        </div>
      </header>

      {view.report && <ReportPanel report={view.report} onRegenerated={(report) => setView({ ...view, report })} />}
      {view.status === 'completed' && !view.report && <p className="muted">The report could not be found.</p>}

      <div className="pb-exec-grid pb-no-print">
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
                onChanged={changed}
              />
            ))}
          </ol>
        </section>
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
      </div>

      <RolePeople executionId={view.executionId} />
      <EndDialog
        kind={ending}
        view={view}
        onClose={() => setEnding(null)}
        onDone={(v) => {
          setEnding(null);
          if (v) changed(v, 'heading');
          else {
            useApp.getState().dataChanged();
            navigate({ view: 'playbooks' });
          }
        }}
      />
    </section>
  );
}

function StepItem(props: {
  step: ExecutionStepView;
  playbookId: string;
  executionId: string;
  onChanged: (v: ExecutionView) => void;
}) {
  const s = props.step;
  return (
    <li className={`pb-step pb-step-${s.status}${s.isCurrent ? ' current' : ''}`} aria-label={`Step: ${s.name}`}>
      <div className="pb-step-head">
        <span className="pb-step-mark" aria-hidden="true">
          {s.status === 'completed' ? '✓' : s.status === 'skipped' ? '–' : s.isCurrent ? '▶' : '○'}
        </span>
        <h3>{s.name}</h3>
        <span className="muted pb-small">
          Day {s.dueDay} · due {fmtDate(s.dueAt)}
        </span>
        {s.overdue && <OverdueChip />}
        {s.status !== 'pending' && (
          <span className="muted pb-small">
            {s.status} {fmtDateTime(s.completedAt)}
          </span>
        )}
      </div>
      <Raci raci={s.raci} />
      {s.status === 'completed' && s.result && Object.keys(s.result).length > 0 && (
        <p className="pb-result">{describeStepResult(props.playbookId, s.stepId, s.result, ' · ')}</p>
      )}
      {s.status === 'skipped' && <p className="pb-result">Skipped: {s.skipReason}</p>}
      {s.isCurrent && <StepForm step={s} executionId={props.executionId} onChanged={props.onChanged} />}
    </li>
  );
}

function RecordInput(props: {
  rec: StepRecordDef;
  value: string | boolean;
  onChange: (v: string | boolean) => void;
  /** The problem of the value as typed, shown under the field and describing it. */
  error?: string;
}) {
  const { rec } = props;
  const errorId = `pb-record-error-${rec.key}`;
  if (rec.type === 'boolean')
    return (
      <label className="radio">
        <input type="checkbox" checked={props.value === true} onChange={(e) => props.onChange(e.target.checked)} />
        {rec.label}
      </label>
    );
  // the problem sits under the field, outside its label (it describes the field, it does not name it)
  return (
    <div className="field-with-error">
      <Field label={rec.label}>
        <input
          id={`pb-record-${rec.key}`}
          className={rec.type === 'number' ? 'num-input' : undefined}
          inputMode={rec.type === 'number' ? 'decimal' : undefined}
          value={String(props.value)}
          onChange={(e) => props.onChange(e.target.value)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errorId : undefined}
        />
      </Field>
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function StepForm(props: { step: ExecutionStepView; executionId: string; onChanged: (v: ExecutionView) => void }) {
  const s = props.step;
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(s.records.map((r) => [r.key, r.type === 'boolean' ? false : ''])),
  );
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  // each field's problem, checked here first and shown on the field once the user tried to complete
  const [tried, setTried] = useState(false);
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const [skipError, setSkipError] = useState<string | null>(null);
  const result: Record<string, unknown> = {};
  for (const r of s.records) {
    const v = values[r.key];
    if (r.type === 'number') result[r.key] = typeof v === 'string' && v.trim() === '' ? undefined : Number(v);
    else if (r.type === 'text') result[r.key] = v;
    else result[r.key] = v === true;
  }
  if (notes.trim()) result.notes = notes;
  const fieldErrors = tried ? stepFieldErrors(s, result) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const faults = Object.keys(stepFieldErrors(s, result));
    if (faults.length) {
      setTried(true);
      document.getElementById(`pb-record-${faults[0]}`)?.focus();
      return;
    }
    try {
      props.onChanged(
        await call('playbooks.completeStep', { executionId: props.executionId, stepId: s.stepId, result }),
      );
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const skip = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      props.onChanged(await call('playbooks.skipStep', { executionId: props.executionId, stepId: s.stepId, reason }));
      setSkipping(false);
    } catch (err) {
      setSkipError(errorMessage(err));
    }
  };
  return (
    <>
      <form className="pb-step-form" onSubmit={submit} aria-label={`Result of ${s.name}`} noValidate>
        {s.records.map((r) => (
          <RecordInput
            key={r.key}
            rec={r}
            value={values[r.key]}
            onChange={(v) => setValues({ ...values, [r.key]: v })}
            error={fieldErrors[r.key]}
          />
        ))}
        <Field label="Notes">
          <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} />
        </Field>
        {error && (
          <p className="text-critical" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setSkipError(null);
              setSkipping(true);
            }}
          >
            Skip step…
          </button>
          <button type="submit" className="primary">
            Complete step
          </button>
        </div>
      </form>
      <Dialog title={`Skip "${s.name}"`} open={skipping} onClose={() => setSkipping(false)}>
        <form className="form" onSubmit={skip}>
          <Field label="Why is this step skipped?">
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required maxLength={1000} />
          </Field>
          <DialogError message={skipError} />
          <div className="actions">
            <button type="button" onClick={() => setSkipping(false)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!reason.trim()}>
              Skip step
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

function EndDialog(props: {
  kind: 'cancel' | 'fail' | 'delete' | null;
  view: ExecutionView;
  onClose: () => void;
  onDone: (v: ExecutionView | null) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.kind) {
      setReason('');
      setError(null);
    }
  }, [props.kind]);
  const v = props.view;
  const title =
    props.kind === 'delete'
      ? 'Delete this execution?'
      : props.kind === 'fail'
        ? `Mark the ${v.playbookName} as failed?`
        : `Cancel the ${v.playbookName}?`;
  const act = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      if (props.kind === 'delete') {
        const r = await call('playbooks.delete', { executionId: v.executionId });
        useApp.getState().toast('success', `Execution deleted${r.reportDeleted ? ' with its report' : ''}.`);
        props.onDone(null);
      } else if (props.kind === 'cancel') {
        props.onDone(await call('playbooks.cancel', { executionId: v.executionId, reason: reason || undefined }));
        useApp.getState().toast('info', `${v.playbookName} for ${v.accountName} cancelled.`);
      } else if (props.kind === 'fail') {
        props.onDone(await call('playbooks.fail', { executionId: v.executionId, reason: reason || undefined }));
        useApp.getState().toast('info', `${v.playbookName} for ${v.accountName} marked as failed.`);
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Dialog title={title} open={props.kind != null} onClose={props.onClose}>
      <form className="form" onSubmit={act}>
        {props.kind === 'delete' ? (
          <p>
            The {v.playbookName} for {v.accountName}, its step results{v.report ? ' and its report' : ''} will be
            deleted. This cannot be undone.
          </p>
        ) : (
          <Field label="Reason (optional)">
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} />
          </Field>
        )}
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Keep it
          </button>
          <button type="submit" className={props.kind === 'delete' ? 'danger-button' : 'primary'}>
            {props.kind === 'delete'
              ? 'Delete execution'
              : props.kind === 'fail'
                ? 'Mark as failed'
                : 'Cancel playbook'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
