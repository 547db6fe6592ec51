import { useEffect, useRef, useState } from 'react';
import { AccountsScreen } from './accounts/AccountsScreen';
import { call } from './api';
import { useAuth } from './auth/authState';
import { IdleLock, SignInScreen } from './auth/SignInScreen';
import { Toasts } from './components/Toasts';
import { NO_WORKSPACE_DROP, useWindowDrop } from './import/useWindowDrop';
import { screens } from './screens';
import { BackupsRecovery } from './settings/BackupsRecovery';
import { recoverIfDamaged, useRecovery } from './settings/backupsState';
import { SettingsScreen } from './settings/SettingsScreen';
import { DesktopEvents } from './shell/DesktopEvents';
import { screenKey, useScreenFocus } from './shell/focus';
import { Placeholder } from './shell/Placeholder';
import { NewWorkspaceDialog, Sidebar } from './shell/Sidebar';
import { reportError, useApp } from './store';

export function App() {
  const { loaded, activeId, route, loadWorkspaces } = useApp();
  const { dragging, droppedWithoutWorkspace } = useWindowDrop();
  const main = useRef<HTMLElement>(null);
  const announcement = useScreenFocus(screenKey(route), main);
  useEffect(() => {
    loadWorkspaces().catch((e) => recoverIfDamaged(e) || reportError(e));
  }, [loadWorkspaces]);
  const auth = useAuth((s) => s.status);
  const locked = auth?.locked ?? false;
  // a workspace's screens wait until its sign-in status is known (a locked one shows the sign-in)
  const authKnown = auth != null && auth.workspaceId === activeId;
  useEffect(() => {
    void activeId; // asked again for each workspace opened
    if (loaded) void useAuth.getState().refresh();
  }, [loaded, activeId]);
  const damaged = useRecovery((s) => s.message);
  if (damaged) return <BackupsRecovery message={damaged} />;
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar />
      <main id="main" className="main" tabIndex={-1} ref={main}>
        {!loaded ? null : activeId == null ? (
          <Welcome droppedFile={droppedWithoutWorkspace} />
        ) : !authKnown ? null : locked ? (
          <SignInScreen />
        ) : (
          <Screen view={route.view} />
        )}
      </main>
      <div className="sr-only" role="status" aria-live="polite" data-testid="screen-announcement">
        {announcement}
      </div>
      <Toasts />
      <DesktopEvents />
      <IdleLock />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div>{activeId != null ? 'Drop the workbook to import it' : NO_WORKSPACE_DROP}</div>
        </div>
      )}
    </div>
  );
}

function Screen({ view }: { view: string }) {
  switch (view) {
    case 'accounts':
      return <AccountsScreen />;
    case 'settings':
      return <SettingsScreen />;
    default: {
      const S = screens[view];
      if (S) return <S />;
      return (
        <Placeholder title={view[0].toUpperCase() + view.slice(1)}>
          <p>This screen is coming in a later version.</p>
        </Placeholder>
      );
    }
  }
}

function Welcome({ droppedFile }: { droppedFile: boolean }) {
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const create = useRef<HTMLButtonElement>(null);
  // A file dropped before any workspace exists: the sentence says why nothing happened, and the
  // button that makes a workspace takes the focus.
  useEffect(() => {
    if (droppedFile) create.current?.focus();
  }, [droppedFile]);
  // First run: a workspace of sample data, imported through the real importer, in one click.
  const explore = async () => {
    setLoading(true);
    try {
      await call('workspaces.create', { name: 'Sample data' });
      await call('import.loadSamples', {});
      await useApp.getState().loadWorkspaces();
      useApp.getState().dataChanged();
      useApp.getState().navigate({ view: 'portfolio' });
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <section className="screen welcome">
      <h1>Welcome to KPI Dashboard</h1>
      <p>
        Keep each client's or team's accounts in a workspace of its own. Everything stays on this computer: no account,
        no cloud.
      </p>
      {droppedFile && (
        <p className="notice" role="alert">
          {NO_WORKSPACE_DROP}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" ref={create} onClick={() => setOpen(true)}>
          Create your first workspace
        </button>
        <button type="button" onClick={explore} disabled={loading}>
          {loading ? 'Importing the samples…' : 'Explore with sample data'}
        </button>
      </div>
      <NewWorkspaceDialog open={open} onClose={() => setOpen(false)} />
    </section>
  );
}
