import { useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../shared/contract';
import { DEFAULT_CATEGORY_WEIGHTS } from '../../shared/defaults';
import { normalizeName } from '../../shared/names';
import { weightCoverage } from '../../shared/scoring';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { useQuery } from '../data/useQuery';
import { applyChange, errorMessage, reportError, useApp } from '../store';
import { BackupsCard } from './BackupsCard';
import { PeopleCard } from './PeopleCard';
import { describeImpact, RangesCard } from './RangesCard';

export function SettingsScreen() {
  const workspace = useApp((s) => s.workspaces.find((w) => w.id === s.activeId));
  const settings = useQuery('settings.get', {}).data;
  if (!settings || !workspace) return <section className="screen" aria-busy="true" />;
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Settings</h1>
      </header>
      <div className="settings-grid">
        {/* the short cards stacked beside the weights, so neither column leaves a hole */}
        <div className="settings-stack">
          <WorkspaceCard name={workspace.name} />
          <ModeCard settings={settings} />
          <PeopleCard />
        </div>
        <WeightsCard settings={settings} />
        <SettingsExtensions />
        <RangesCard />
        <BackupsCard />
        <DangerCard name={workspace.name} />
      </div>
    </section>
  );
}

/** Later features (reference ranges, playbook triggers) add their own cards here. */
export const settingsExtensions: Array<() => React.ReactNode> = [];
function SettingsExtensions() {
  return (
    <>
      {settingsExtensions.map((Render, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a static list registered at start-up
        <Render key={i} />
      ))}
    </>
  );
}

function WorkspaceCard(props: { name: string }) {
  const [name, setName] = useState(props.name);
  useEffect(() => setName(props.name), [props.name]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    await applyChange(call('workspaces.rename', { name }), 'Workspace renamed.');
  };
  return (
    <form className="card" onSubmit={save} aria-labelledby="ws-title">
      <h2 id="ws-title">Workspace</h2>
      <Field label="Workspace name">
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </Field>
      <div className="actions">
        <button type="submit" disabled={!name.trim() || name === props.name}>
          Rename
        </button>
      </div>
    </form>
  );
}

function ModeCard({ settings }: { settings: Settings }) {
  const [current, setCurrent] = useState(settings.mode);
  useEffect(() => setCurrent(settings.mode), [settings.mode]);
  const setMode = async (mode: Settings['mode']) => {
    setCurrent(mode);
    try {
      await call('settings.update', { mode });
      useApp.getState().dataChanged();
      useApp.getState().toast('success', 'Upload mode saved.');
    } catch (err) {
      setCurrent(settings.mode);
      reportError(err);
    }
  };
  return (
    <fieldset className="card">
      <legend>
        <h2>Upload mode</h2>
      </legend>
      <label className="radio">
        <input
          type="radio"
          name="upload-mode"
          checked={current === 'corporate'}
          onChange={() => setMode('corporate')}
        />
        Corporate: one workbook per account
      </label>
      <label className="radio">
        <input
          type="radio"
          name="upload-mode"
          checked={current === 'account_rollup'}
          onChange={() => setMode('account_rollup')}
        />
        Account roll-up: one master workbook with an Account column
      </label>
      {settings.masterFileName && <p className="muted">Last master file: {settings.masterFileName}</p>}
    </fieldset>
  );
}

/** The categories offered for a weight: the workspace's own (from its KPIs), then the default ones. */
function categoryOptions(categories: string[]): string[] {
  const seen = new Map<string, string>();
  for (const c of [...categories, ...Object.keys(DEFAULT_CATEGORY_WEIGHTS)])
    if (!seen.has(normalizeName(c))) seen.set(normalizeName(c), c);
  return [...seen.values()];
}

/**
 * Weights are edited as percentages and stored as fractions, as the seed's JSON has them. A weight
 * whose category no KPI uses, or a category of the data left without a weight, is pointed out, and
 * saving such weights asks for a confirmation: a typo would otherwise silently take a category's
 * weight away.
 */
function WeightsCard({ settings }: { settings: Settings }) {
  const [rows, setRows] = useState<Array<{ key: number; category: string; percent: string }>>([]);
  const [impact, setImpact] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  useEffect(() => {
    setRows(
      Object.entries(settings.categoryWeights).map(([category, w], key) => ({
        key,
        category,
        percent: String(Math.round(w * 10000) / 100),
      })),
    );
  }, [settings]);
  const total = useMemo(() => rows.reduce((s, r) => s + (Number(r.percent) || 0), 0), [rows]);
  const invalid = rows.some((r) => !r.category.trim() || !Number.isFinite(Number(r.percent)) || Number(r.percent) < 0);
  const off = Math.abs(total - 100) > 0.001;
  const weights = useMemo(
    () => Object.fromEntries(rows.map((r) => [r.category.trim(), Number(r.percent) / 100])) as Record<string, number>,
    [rows],
  );
  const coverage = useMemo(
    () => weightCoverage(Object.keys(weights), settings.categories),
    [weights, settings.categories],
  );
  // each doubtful category name is described by its own warning
  const unused = new Map(coverage.unused.map((c, i) => [normalizeName(c), `weight-warning-${i}`]));
  const warnings = [
    ...coverage.unused.map(
      (c) => `No KPI of this workspace is in the category "${c}": its weight counts for nothing (check the spelling).`,
    ),
    ...coverage.unweighted.map((c) => `${c} has KPIs but no weight: it will not count.`),
  ];
  useEffect(() => {
    if (invalid || off || !rows.length) {
      setImpact(null);
      return;
    }
    const t = setTimeout(() => {
      previewWeights(weights).then(setImpact, () => setImpact(null));
    }, 250);
    return () => clearTimeout(t);
  }, [weights, invalid, off, rows.length]);
  const store = async () => {
    const saved = await applyChange(
      call('settings.update', { categoryWeights: weights }),
      'Category weights saved; health scores recomputed.',
      'success',
      confirming ? (e) => setConfirmError(errorMessage(e)) : reportError,
    );
    if (saved) setConfirming(false);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (warnings.length) {
      setConfirmError(null);
      setConfirming(true);
    } else await store();
  };
  return (
    <form className="card" onSubmit={save} aria-labelledby="weights-title">
      <h2 id="weights-title">Category weights</h2>
      <p className="muted">How much each category counts in an account's overall health. They must add up to 100%.</p>
      {!settings.weightsConfigured && (
        <p className="notice" role="note">
          No weights are set for this workspace, so every scored category counts the same (shown below). Saving sets
          these weights.
        </p>
      )}
      <datalist id="weight-categories">
        {categoryOptions(settings.categories).map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <table className="table compact" aria-label="Category weights">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Weight %
            </th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key}>
              <td>
                <input
                  aria-label={`Category ${i + 1} name`}
                  list="weight-categories"
                  value={r.category}
                  aria-describedby={unused.get(normalizeName(r.category))}
                  className={unused.has(normalizeName(r.category)) ? 'input-warning' : undefined}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, category: e.target.value } : x)))}
                />
              </td>
              <td className="num">
                <input
                  aria-label={`Weight of ${r.category}`}
                  className="num-input"
                  inputMode="decimal"
                  value={r.percent}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, percent: e.target.value } : x)))}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${r.category}`}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className={`num ${off ? 'text-critical' : ''}`} data-testid="weights-total">
              {Math.round(total * 100) / 100}%
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {off && <p className="text-critical">The weights add up to {Math.round(total * 100) / 100}%, not 100%.</p>}
      {warnings.length > 0 && (
        <ul className="notice warning-list" aria-label="Weight warnings">
          {warnings.map((w, i) => (
            <li key={w} id={i < unused.size ? `weight-warning-${i}` : undefined}>
              {w}
            </li>
          ))}
        </ul>
      )}
      {impact && <p className="muted">{impact}</p>}
      <div className="actions">
        <button type="button" onClick={() => setRows([...rows, { key: Date.now(), category: '', percent: '0' }])}>
          Add category
        </button>
        <button type="submit" className="primary" disabled={invalid || off}>
          Save weights
        </button>
      </div>
      <Dialog title="Save weights that leave categories out?" open={confirming} onClose={() => setConfirming(false)}>
        <ul className="warning-list">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
        <p>Saving them changes the health scores of this workspace's accounts.</p>
        <DialogError message={confirmError} />
        <div className="actions">
          <button type="button" onClick={() => setConfirming(false)}>
            Go back
          </button>
          <button type="button" className="primary" onClick={store}>
            Save anyway
          </button>
        </div>
      </Dialog>
    </form>
  );
}

/** How many accounts would change status with these weights, before they are saved. */
const previewWeights = async (categoryWeights: Record<string, number>) =>
  describeImpact(await call('scoring.previewWeights', { categoryWeights }));

function DangerCard(props: { name: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const remove = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('workspaces.delete', { confirmName: typed });
      setOpen(false);
      setTyped('');
      useApp.getState().dataChanged();
      useApp.getState().navigate({ view: 'portfolio' });
      useApp.getState().toast('info', `Workspace "${props.name}" deleted.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section className="card danger" aria-labelledby="danger-title">
      <h2 id="danger-title">Delete this workspace</h2>
      <p className="muted">Deletes its accounts, uploads, scores and playbooks for good. This cannot be undone.</p>
      <button type="button" className="danger-button" onClick={() => setOpen(true)}>
        Delete workspace…
      </button>
      <Dialog title={`Delete "${props.name}"?`} open={open} onClose={() => setOpen(false)}>
        <form onSubmit={remove} className="form">
          <p>Everything in this workspace will be deleted. Type its name to confirm.</p>
          <Field label="Workspace name">
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
          </Field>
          <DialogError message={error} />
          <div className="actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="danger-button" disabled={typed.trim() !== props.name.trim()}>
              Delete for good
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
