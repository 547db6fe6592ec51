import { useEffect, useState } from 'react';
import { type MenuAction, shortcuts } from '../../shared/menu';
import { Dialog } from '../components/Dialog';
import { type Route, useApp } from '../store';
import { focusWhenShown, routeGivenFile } from './givenFile';
import { NewWorkspaceDialog } from './Sidebar';

/**
 * Desktop app only: the application menu's commands and the files given to the app (command
 * line, "Open with", the dock, a second launch) arrive as events (DesktopEvent in the contract).
 * A file goes where a file dropped on the window goes (givenFile.ts): a workbook to the import
 * screen, a workspace file (.kpiw) to Settings → Workspace file.
 */
export const NO_WORKSPACE_OPEN = 'Create a workspace first, then open the file again.';
export const NO_WORKSPACE_IMPORT = 'Create a workspace first, then import a workbook into it.';

const VIEWS: Partial<Record<MenuAction, Route['view']>> = {
  import: 'import',
  'go-portfolio': 'portfolio',
  'go-today': 'today',
  'go-accounts': 'accounts',
  'go-import': 'import',
  'go-playbooks': 'playbooks',
  'go-settings': 'settings',
  'export-workspace': 'settings',
};

type Opened = 'new-workspace' | 'shortcuts' | null;

/** Carries out a menu command; returns the dialog it opens, if any. */
export function runMenuAction(action: MenuAction): Opened {
  if (action === 'new-workspace' || action === 'shortcuts') return action;
  if (action === 'switch-workspace') {
    document.getElementById('workspace-select')?.focus();
    return null;
  }
  const view = VIEWS[action];
  if (!view) return null; // a command of a feature still to come
  const app = useApp.getState();
  if (app.activeId == null) {
    if (action === 'import') app.toast('info', NO_WORKSPACE_IMPORT);
    return null;
  }
  app.navigate({ view } as Route);
  if (action === 'export-workspace') focusWhenShown('#kpiw-title', '#kpiw-export');
  return null;
}

/** A file given to the app: where a dropped file goes. */
export function openGivenFile(name: string, bytes: Uint8Array): void {
  const app = useApp.getState();
  if (app.activeId == null) {
    app.toast('error', NO_WORKSPACE_OPEN);
    return;
  }
  routeGivenFile(new File([bytes as BlobPart], name));
}

export function DesktopEvents() {
  const loaded = useApp((s) => s.loaded);
  const [opened, setOpened] = useState<Opened>(null);
  useEffect(() => {
    // After the workspaces are known, so that a file opened at launch finds the workspace.
    if (!loaded || !window.kpi.desktop) return;
    const off = window.kpi.onEvent((e) => {
      if (e.type === 'menu') {
        const d = runMenuAction(e.action);
        if (d) setOpened(d);
      } else if (e.type === 'open-file') openGivenFile(e.name, e.bytes);
    });
    // Main keeps what came before this (a file given at launch) until the page says it listens.
    const desktop = window.kpiDesktop;
    void desktop?.ready?.();
    return off;
  }, [loaded]);
  if (!window.kpi.desktop) return null;
  return (
    <>
      <NewWorkspaceDialog open={opened === 'new-workspace'} onClose={() => setOpened(null)} />
      <ShortcutsDialog open={opened === 'shortcuts'} onClose={() => setOpened(null)} />
    </>
  );
}

function ShortcutsDialog(props: { open: boolean; onClose: () => void }) {
  const mac = navigator.userAgent.includes('Mac');
  return (
    <Dialog title="Keyboard shortcuts" open={props.open} onClose={props.onClose}>
      <table className="table compact">
        <tbody>
          {shortcuts({ mac, dev: false }).map((s) => (
            <tr key={s.label}>
              <td>{s.label}</td>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
