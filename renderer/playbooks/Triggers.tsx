import { useEffect, useState } from 'react';
import type { TriggerView } from '../../shared/channels/playbooks';
import { HEALTH_DROP, OVERALL_HEALTH, playbookByType } from '../../shared/playbooks/catalogue';
import { THRESHOLD_BOUNDS, thresholdFieldErrors } from '../../shared/playbooks/triggers';
import { ApiError, call } from '../api';
import { fmtDateTime } from '../components/format';
import { useQuery } from '../data/useQuery';
import { reportError, useApp } from '../store';
import { EvaluationPanel } from './TriggerGrid';
import { playbooksTab } from './tab';
import './triggers.css';

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

/** The thresholds as typed, checked here first (each problem shown on its field once a save was tried). */
function useThresholdForm(t: TriggerView, onSaved: (t: TriggerView) => void) {
  const def = playbookByType(t.type)!;
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<string | null>(null);
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
      onSaved(saved);
      useApp.getState().dataChanged();
      useApp.getState().toast('success', `${def.name} thresholds saved.`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.message);
      else reportError(err);
    }
  };
  const set = (key: string, v: string) => setValues({ ...values, [key]: v });
  return { values, set, errors, fieldErrors, dirty, save, inputId };
}

/** The auto-start switch, saved as soon as it is flipped (flipped back when the save fails). */
function useAutoSwitch(t: TriggerView, onSaved: (t: TriggerView) => void) {
  const name = playbookByType(t.type)!.name;
  const [auto, setAuto] = useState(t.autoTrigger);
  useEffect(() => setAuto(t.autoTrigger), [t.autoTrigger]);
  const toggle = async (on: boolean) => {
    setAuto(on);
    try {
      onSaved(await call('playbooks.updateTrigger', { type: t.type, autoTrigger: on }));
      useApp.getState().toast('success', `Auto-trigger for ${name} ${on ? 'on' : 'off'}.`);
    } catch (err) {
      setAuto(!on);
      reportError(err);
    }
  };
  return { auto, toggle };
}

function ThresholdField(props: {
  type: TriggerView['type'];
  condition: { key: string; kpi: string; op: string };
  id: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const def = playbookByType(props.type)!;
  const { condition: c, id, error } = props;
  const b = THRESHOLD_BOUNDS[c.key];
  return (
    <label className="field">
      <span className="field-label">{conditionText(c.kpi, c.op)}</span>
      <input
        id={id}
        className="num-input"
        inputMode="decimal"
        aria-label={`${def.name}: ${b.label}`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <span className="field-hint">
        {b.max === undefined ? `at least ${b.min}` : `${b.min} to ${b.max}`} · default {def.triggerDefaults[c.key]}
      </span>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </label>
  );
}

function TriggerEditor(props: { trigger: TriggerView; onSaved: (t: TriggerView) => void }) {
  const t = props.trigger;
  const def = playbookByType(t.type)!;
  const form = useThresholdForm(t, props.onSaved);
  const { auto, toggle } = useAutoSwitch(t, props.onSaved);
  return (
    <form className="pb-trigger" onSubmit={form.save} aria-label={`${def.name} trigger`}>
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
        {def.conditions.map((c) => (
          <ThresholdField
            key={c.key}
            type={t.type}
            condition={c}
            id={form.inputId(c.key)}
            value={form.values[c.key] ?? ''}
            error={form.fieldErrors[c.key]}
            onChange={(v) => form.set(c.key, v)}
          />
        ))}
      </div>
      {form.errors && (
        <p className="text-critical" role="alert">
          {form.errors}
        </p>
      )}
      <div className="pb-trigger-foot">
        <span className="muted pb-small">
          Triggered {t.triggerCount}×{t.lastTriggered ? `, last ${fmtDateTime(t.lastTriggered)}` : ''} · evaluated{' '}
          {t.lastEvaluated ? fmtDateTime(t.lastEvaluated) : 'never'}
        </span>
        <button type="submit" disabled={!form.dirty}>
          Save thresholds
        </button>
      </div>
    </form>
  );
}

/**
 * The settings card (registered in settingsExtensions): the thresholds are edited in one place,
 * beside the evaluation (Playbooks → Triggers); this card says so and leads there.
 */
export function TriggerSettingsCard() {
  const navigate = useApp((s) => s.navigate);
  const open = () => {
    playbooksTab.last = 'triggers';
    navigate({ view: 'playbooks' });
  };
  return (
    <section className="card pb-settings-card" aria-labelledby="pb-settings-title">
      <h2 id="pb-settings-title">Playbook triggers</h2>
      <p className="muted">
        Thresholds that make a playbook fire for an account, evaluated after every import. With auto-start on, a firing
        account gets the playbook started (never twice at once, and not within 30 days of the last one). They are edited
        beside the evaluation, where you see which accounts each change makes fire.
      </p>
      <button type="button" onClick={open}>
        Edit thresholds in Playbooks → Triggers
      </button>
    </section>
  );
}

/** The Triggers tab: the evaluation grid with the thresholds beside it. */
export function TriggersTab() {
  return (
    <div className="tg-layout">
      <EvaluationPanel />
      <section className="tg-thresholds" aria-labelledby="pb-thresholds-title">
        <h2 id="pb-thresholds-title">Thresholds and auto-start</h2>
        <TriggerEditors compact />
      </section>
    </div>
  );
}
