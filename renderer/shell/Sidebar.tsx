import { useEffect, useState } from 'react';
import type { UploadMode } from '../../shared/defaults';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { errorMessage, type Route, reportError, useApp } from '../store';
import './shell.css';
import { useTodayCount } from '../today/TodayScreen';

const NAV: Array<{ view: Route['view']; label: string; icon: string }> = [
  { view: 'today', label: 'Today', icon: '☀' },
  { view: 'portfolio', label: 'Portfolio', icon: '◎' },
  { view: 'accounts', label: 'Accounts', icon: '▤' },
  { view: 'import', label: 'Import', icon: '⇪' },
  { view: 'playbooks', label: 'Playbooks', icon: '▶' },
  { view: 'settings', label: 'Settings', icon: '⚙' },
];

export function Sidebar() {
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const activeId = useApp((s) => s.activeId);
  const todayCount = useTodayCount(activeId != null);
  const current = route.view === 'account' || route.view === 'kpi' ? 'portfolio' : route.view;
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        KPI Dashboard
      </div>
      <WorkspaceSwitcher />
      <ul className="nav-list">
        {NAV.map((n) => (
          <li key={n.view}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === n.view ? 'page' : undefined}
              disabled={activeId == null}
              onClick={() => navigate({ view: n.view } as Route)}
            >
              <span aria-hidden="true" className="nav-icon">
                {n.icon}
              </span>
              {n.label}
              {n.view === 'today' && todayCount > 0 && (
                <span className="nav-count" title="Overdue playbook steps">
                  {todayCount}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function WorkspaceSwitcher() {
  const { workspaces, activeId, switchWorkspace } = useApp();
  const [creating, setCreating] = useState(false);
  return (
    <div className="workspace-switcher">
      <label className="field-label" htmlFor="workspace-select">
        Workspace
      </label>
      <div className="row">
        <select
          id="workspace-select"
          value={activeId ?? ''}
          onChange={(e) => switchWorkspace(Number(e.target.value)).catch(reportError)}
          disabled={!workspaces.length}
        >
          {!workspaces.length && <option value="">No workspace yet</option>}
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button"
          aria-label="New workspace"
          title="New workspace"
          onClick={() => setCreating(true)}
        >
          +
        </button>
      </div>
      <NewWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

export function NewWorkspaceDialog(props: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [mode, setMode] = useState<UploadMode>('corporate');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ws = await call('workspaces.create', { name, mode });
      await useApp.getState().loadWorkspaces();
      useApp.getState().dataChanged();
      useApp.getState().navigate({ view: 'portfolio' });
      useApp.getState().toast('success', `Workspace "${ws.name}" created.`);
      setName('');
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="New workspace" open={props.open} onClose={props.onClose}>
      <form onSubmit={submit} className="form">
        <Field label="Name" hint="A client company, or your own team.">
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus maxLength={200} />
        </Field>
        <fieldset className="field">
          <legend className="field-label">How KPI workbooks arrive</legend>
          <label className="radio">
            <input type="radio" name="mode" checked={mode === 'corporate'} onChange={() => setMode('corporate')} />
            One workbook per account (corporate)
          </label>
          <label className="radio">
            <input
              type="radio"
              name="mode"
              checked={mode === 'account_rollup'}
              onChange={() => setMode('account_rollup')}
            />
            One master workbook with all accounts (roll-up)
          </label>
        </fieldset>
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            Create workspace
          </button>
        </div>
      </form>
    </Dialog>
  );
}
