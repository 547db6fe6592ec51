import { useState } from 'react';
import { playbookById, stepById } from '../../shared/playbooks/catalogue';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { useMutation } from '../data/useQuery';
import { errorMessage } from '../store';

/** Completes a playbook step from Today: the values the step records, as the catalogue types them. */
export function StepDialog(props: { executionId: string; playbookId: string; stepId: string; onClose: () => void }) {
  const def = playbookById(props.playbookId);
  const step = def ? stepById(def, props.stepId) : undefined;
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const complete = useMutation('playbooks.completeStep', {
    done: `"${step?.name ?? props.stepId}" done.`,
    onError: (e) => setError(errorMessage(e)),
  });
  if (!step) return null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const result: Record<string, unknown> = {};
    for (const rec of step.records) {
      const v = values[rec.key];
      if (rec.type === 'boolean') result[rec.key] = v === true;
      else if (rec.type === 'number') result[rec.key] = v === undefined || v === '' ? undefined : Number(v);
      else result[rec.key] = v;
    }
    const r = await complete.run({ executionId: props.executionId, stepId: props.stepId, result });
    if (r) props.onClose();
  };
  return (
    <Dialog title={`Complete: ${step.name}`} open onClose={props.onClose}>
      <form className="form" onSubmit={submit}>
        {step.records.length === 0 && <p className="muted">This step records nothing: mark it done.</p>}
        {step.records.map((rec) =>
          rec.type === 'boolean' ? (
            <label key={rec.key} className="radio">
              <input
                type="checkbox"
                checked={values[rec.key] === true}
                onChange={(e) => setValues({ ...values, [rec.key]: e.target.checked })}
              />
              {rec.label}
            </label>
          ) : (
            <Field key={rec.key} label={rec.label}>
              <input
                inputMode={rec.type === 'number' ? 'decimal' : undefined}
                value={String(values[rec.key] ?? '')}
                onChange={(e) => setValues({ ...values, [rec.key]: e.target.value })}
                required
              />
            </Field>
          ),
        )}
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={complete.pending}>
            Mark done
          </button>
        </div>
      </form>
    </Dialog>
  );
}
