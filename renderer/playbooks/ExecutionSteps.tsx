import { useState } from 'react';
import type { ExecutionStepView, ExecutionView } from '../../shared/channels/playbooks';
import type { StepRecordDef } from '../../shared/playbooks/catalogue';
import { stepFieldErrors } from '../../shared/playbooks/execution';
import { describeStepResult } from '../../shared/playbooks/report';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { fmtDate, fmtDateTime } from '../components/format';
import { errorMessage } from '../store';
import { OverdueChip, Raci } from './common';

type OnChanged = (v: ExecutionView) => void;

/** One step of an execution: its mark, due date, RACI, result, and the form when it is the current one. */
export function StepItem(props: {
  step: ExecutionStepView;
  playbookId: string;
  executionId: string;
  onChanged: OnChanged;
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

/** The values typed for a step's records (and its notes), and the result they make as the catalogue types it. */
function useStepResult(s: ExecutionStepView) {
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(s.records.map((r) => [r.key, r.type === 'boolean' ? false : ''])),
  );
  const [notes, setNotes] = useState('');
  const result: Record<string, unknown> = {};
  for (const r of s.records) {
    const v = values[r.key];
    if (r.type === 'number') result[r.key] = typeof v === 'string' && v.trim() === '' ? undefined : Number(v);
    else if (r.type === 'text') result[r.key] = v;
    else result[r.key] = v === true;
  }
  if (notes.trim()) result.notes = notes;
  return { values, setValues, notes, setNotes, result };
}

function StepForm(props: { step: ExecutionStepView; executionId: string; onChanged: OnChanged }) {
  const s = props.step;
  const { values, setValues, notes, setNotes, result } = useStepResult(s);
  const [error, setError] = useState<string | null>(null);
  // each field's problem, checked here first and shown on the field once the user tried to complete
  const [tried, setTried] = useState(false);
  const [skipping, setSkipping] = useState(false);
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
          <button type="button" onClick={() => setSkipping(true)}>
            Skip step…
          </button>
          <button type="submit" className="primary">
            Complete step
          </button>
        </div>
      </form>
      <SkipDialog
        step={s}
        executionId={props.executionId}
        open={skipping}
        onClose={() => setSkipping(false)}
        onChanged={props.onChanged}
      />
    </>
  );
}

/** Asks why a step is skipped, then skips it. */
function SkipDialog(props: {
  step: ExecutionStepView;
  executionId: string;
  open: boolean;
  onClose: () => void;
  onChanged: OnChanged;
}) {
  const s = props.step;
  const [reason, setReason] = useState('');
  const [skipError, setSkipError] = useState<string | null>(null);
  const [wasOpen, setWasOpen] = useState(props.open);
  // a fresh dialog shows no error from the last attempt
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) setSkipError(null);
  }
  const skip = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      props.onChanged(await call('playbooks.skipStep', { executionId: props.executionId, stepId: s.stepId, reason }));
      props.onClose();
    } catch (err) {
      setSkipError(errorMessage(err));
    }
  };
  return (
    <Dialog title={`Skip "${s.name}"`} open={props.open} onClose={props.onClose}>
      <form className="form" onSubmit={skip}>
        <Field label="Why is this step skipped?">
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required maxLength={1000} />
        </Field>
        <DialogError message={skipError} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!reason.trim()}>
            Skip step
          </button>
        </div>
      </form>
    </Dialog>
  );
}
