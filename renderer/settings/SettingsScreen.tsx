import { useEffect, useState } from 'react';
import type { Settings } from '../../shared/contract';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { useQuery } from '../data/useQuery';
import { applyChange, errorMessage, reportError, useApp } from '../store';
import { BackupsCard } from './BackupsCard';
import { FreshnessCard } from './FreshnessCard';
import { PeopleCard } from './PeopleCard';
import { RangesCard } from './RangesCard';
import { WeightsCard } from './WeightsCard';
import { WorkspaceFileCard } from './WorkspaceFileCard';
import './settings.css';

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
          <FreshnessCard settings={settings} />
          <PeopleCard />
        </div>
        <WeightsCard settings={settings} />
        <SettingsExtensions />
        <RangesCard />
        <WorkspaceFileCard />
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
