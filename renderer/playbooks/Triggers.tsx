import { useEffect, useState } from 'react';
import type { AccountEvaluation, EvaluationView, TriggerView } from '../../shared/channels/playbooks';
import { HEALTH_DROP, OVERALL_HEALTH, playbookByType } from '../../shared/playbooks/catalogue';
import { THRESHOLD_BOUNDS, thresholdFieldErrors } from '../../shared/playbooks/triggers';
import { ApiError, call } from '../api';
import { fmtDateTime, fmtMonth } from '../components/format';
import { useQuery } from '../data/useQuery';
import { reportError, useApp } from '../store';
import { fmtValue } from './common';
import { StartPlaybookDialog } from './StartDialog';

/** The five trigger configurations: thresholds (validated on save) and the auto-trigger switch. */
export function TriggerEditors(props: { compact?: boolean }) {
  const query = useQuery('playbooks.triggers', {});
  const triggers = query.data;
  const setTriggers = query.set;
  if (!triggers) return null;
  return (
    <div className={props.compact ? 'pb-trigger-list compact' : 'pb-trigger-list'}>
      {triggers.map((t) => (
        <TriggerEditor
          key={t.type}
          trigger={t}
          onSaved={(v) => setTriggers(triggers.map((x) => (x.type === v.type ? v : x)))}
        />
      ))}
    </div>
  );
}

function conditionText(kpi: string, op: string): string {
  if (kpi === HEALTH_DROP) return `overall health fell by ${op}`;
  if (kpi === OVERALL_HEALTH) return `overall health ${op}`;
  return `${kpi} ${op}`;
}

function TriggerEditor(props: { trigger: TriggerView; onSaved: (t: TriggerView) => void }) {
  const t = props.trigger;
  const def = playbookByType(t.type)!;
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<string | null>(null);
  // each threshold's problem, checked here first and shown on its field once the user tried to save
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setValues(Object.fromEntries(Object.entries(t.config).map(([k, v]) => [k, String(v)])));
    setErrors(null);
    setTried(false);
  }, [t.config]);
  const dirty = Object.entries(t.config).some(([k, v]) => values[k] !== String(v));
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) config[k] = v.trim() === '' ? undefined : Number(v);
  const fieldErrors = tried ? thresholdFieldErrors(t.type, config) : {};
  const inputId = (key: string) => `pb-threshold-${t.type}-${key}`;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const faults = Object.keys(thresholdFieldErrors(t.type, config));
    if (faults.length) {
      setTried(true);
      document.getElementById(inputId(faults[0]))?.focus();
      return;
    }
    try {
      const saved = await call('playbooks.updateTrigger', { type: t.type, config });
      setErrors(null);
      props.onSaved(saved);
      useApp.getState().toast('success', `${def.name} thresholds saved.`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.message);
      else reportError(err);
    }
  };
  const [auto, setAuto] = useState(t.autoTrigger);
  useEffect(() => setAuto(t.autoTrigger), [t.autoTrigger]);
  const toggle = async (on: boolean) => {
    setAuto(on);
    try {
      props.onSaved(await call('playbooks.updateTrigger', { type: t.type, autoTrigger: on }));
      useApp.getState().toast('success', `Auto-trigger for ${def.name} ${on ? 'on' : 'off'}.`);
    } catch (err) {
      setAuto(!on);
      reportError(err);
    }
  };
  return (
    <form className="pb-trigger" onSubmit={save} aria-label={`${def.name} trigger`}>
      <div className="pb-trigger-head">
        <h3>{def.name}</h3>
        <label className="pb-switch">
          <input type="checkbox" checked={auto} onChange={(e) => toggle(e.target.checked)} />
          Auto-start {def.name}
        </label>
      </div>
      <p className="muted pb-small">
        Fires when {def.combine === 'all' ? 'all of' : 'any of'}:{' '}
        {def.conditions.map((c) => conditionText(c.kpi, c.op)).join(def.combine === 'all' ? ' and ' : ', ')} the
        thresholds below.
      </p>
      <div className="pb-thresholds">
        {def.conditions.map((c) => {
          const b = THRESHOLD_BOUNDS[c.key];
          const error = fieldErrors[c.key];
          return (
            <label key={c.key} className="field">
              <span className="field-label">{conditionText(c.kpi, c.op)}</span>
              <input
                id={inputId(c.key)}
                className="num-input"
                inputMode="decimal"
                aria-label={`${def.name}: ${b.label}`}
                value={values[c.key] ?? ''}
                onChange={(e) => setValues({ ...values, [c.key]: e.target.value })}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${inputId(c.key)}-error` : undefined}
              />
              <span className="field-hint">
                {b.max === undefined ? `at least ${b.min}` : `${b.min} to ${b.max}`} · default{' '}
                {def.triggerDefaults[c.key]}
              </span>
              {error && (
                <span className="field-error" id={`${inputId(c.key)}-error`}>
                  {error}
                </span>
              )}
            </label>
          );
        })}
      </div>
      {errors && (
        <p className="text-critical" role="alert">
          {errors}
        </p>
      )}
      <div className="pb-trigger-foot">
        <span className="muted pb-small">
          Triggered {t.triggerCount}×{t.lastTriggered ? `, last ${fmtDateTime(t.lastTriggered)}` : ''} · evaluated{' '}
          {t.lastEvaluated ? fmtDateTime(t.lastEvaluated) : 'never'}
        </span>
        <button type="submit" disabled={!dirty}>
          Save thresholds
        </button>
      </div>
    </form>
  );
}

/** The settings card (registered in settingsExtensions). */
export function TriggerSettingsCard() {
  return (
    <section className="card pb-settings-card" aria-labelledby="pb-settings-title">
      <h2 id="pb-settings-title">Playbook triggers</h2>
      <p className="muted">
        Thresholds that make a playbook fire for an account, evaluated after every import. With auto-start on, a firing
        account gets the playbook started (never twice at once, and not within 30 days of the last one).
      </p>
      <TriggerEditors compact />
    </section>
  );
}

/** Per account: which playbooks fire, with the conditions and values, and what happened. */
export function EvaluationPanel() {
  const version = useApp((s) => s.dataVersion);
  const preview = useQuery('playbooks.evaluation', {});
  // After "Evaluate now" the applied result stays on screen (what started), not the next preview,
  // until stored data changes again.
  const [applied, setApplied] = useState<{ view: EvaluationView; version: number } | null>(null);
  const view = applied && applied.version === version ? applied.view : preview.data;
  const [onlyFiring, setOnlyFiring] = useState(true);
  const [busy, setBusy] = useState(false);
  const [start, setStart] = useState<{ accountId: number; playbookId: string; reason: string } | null>(null);
  const evaluate = async () => {
    setBusy(true);
    try {
      const v = await call('playbooks.evaluate', {});
      const firing = v.accounts.filter((a) => a.playbooks.some((p) => p.fires)).length;
      useApp
        .getState()
        .toast(
          'success',
          `Evaluated ${v.accounts.length} account${v.accounts.length === 1 ? '' : 's'}: ${firing} with a playbook firing, ${v.started.length} started.`,
        );
      useApp.getState().dataChanged();
      setApplied({ view: v, version: useApp.getState().dataVersion });
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  const accounts = (view?.accounts ?? []).filter((a) => !onlyFiring || a.playbooks.some((p) => p.fires));
  return (
    <section className="pb-evaluation" aria-labelledby="pb-eval-title">
      <header className="pb-card-head">
        <h2 id="pb-eval-title">Trigger evaluation</h2>
        <div className="toolbar">
          <label className="radio">
            <input type="checkbox" checked={onlyFiring} onChange={(e) => setOnlyFiring(e.target.checked)} />
            Only accounts where a playbook fires
          </label>
          <button type="button" className="primary" onClick={evaluate} disabled={busy}>
            Evaluate now
          </button>
        </div>
      </header>
      {view && (
        <p className="muted pb-small">
          {view.applied ? `Evaluated ${fmtDateTime(view.evaluatedAt)}.` : 'As things stand now (preview).'} Each
          account's latest scored month is read.
        </p>
      )}
      {view && accounts.length === 0 && (
        <p className="empty-state">
          {view.accounts.length === 0 ? 'No active accounts yet.' : 'No playbook fires for any account.'}
        </p>
      )}
      {accounts.map((a) => (
        <AccountEvaluationCard key={a.accountId} a={a} onStart={setStart} />
      ))}
      <StartPlaybookDialog
        open={start != null}
        onClose={() => setStart(null)}
        accountId={start?.accountId}
        playbookId={start?.playbookId}
        reason={start?.reason}
      />
    </section>
  );
}

function AccountEvaluationCard(props: {
  a: AccountEvaluation;
  onStart: (s: { accountId: number; playbookId: string; reason: string }) => void;
}) {
  const { a } = props;
  return (
    <article className="card pb-eval-account" aria-label={`Evaluation of ${a.accountName}`}>
      <h3>
        {a.accountName}{' '}
        <span className="muted pb-small">
          {a.month
            ? `${fmtMonth(a.month)} · health ${fmtValue(a.health)}${a.previousMonth ? ` (${fmtMonth(a.previousMonth)}: ${fmtValue(a.previousHealth)})` : ''}`
            : 'no scored month yet'}
        </span>
      </h3>
      <table className="table compact" aria-label={`Playbook triggers for ${a.accountName}`}>
        <thead>
          <tr>
            <th scope="col">Playbook</th>
            <th scope="col">Conditions</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {a.playbooks.map((p) => (
            <tr key={p.type} className={p.fires ? 'pb-fires' : undefined}>
              <th scope="row">
                {p.playbookName}
                <div>
                  {p.fires ? (
                    <span className="chip chip-critical">
                      <span aria-hidden="true">●</span>Fires
                    </span>
                  ) : (
                    <span className="chip chip-none">Quiet</span>
                  )}
                </div>
              </th>
              <td>
                <ul className="pb-conditions">
                  {p.conditions.map((c) => (
                    <li key={c.key} className={c.holds ? 'holds' : undefined}>
                      <span aria-hidden="true">{c.holds ? '✓' : '·'}</span>
                      <span className="sr-only">{c.holds ? 'holds:' : 'does not hold:'}</span> {c.label}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <span className={`pb-outcome-${p.outcome}`}>{p.outcomeText}</span>
                {p.executionId && (
                  <div>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => useApp.getState().navigate({ view: 'playbooks', executionId: p.executionId! })}
                    >
                      Open the execution
                    </button>
                  </div>
                )}
                {p.outcome === 'auto-off' && (
                  <div>
                    <button
                      type="button"
                      onClick={() =>
                        props.onStart({
                          accountId: a.accountId,
                          playbookId: p.playbookId,
                          reason: `${p.reason}${a.month ? ` (data of ${fmtMonth(a.month)})` : ''}`,
                        })
                      }
                    >
                      Start {p.playbookName}…
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
