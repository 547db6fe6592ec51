import { beforeEach, describe, expect, it } from 'vitest';
import {
  NO_WORKSPACE_IMPORT,
  NO_WORKSPACE_OPEN,
  openGivenFile,
  runMenuAction,
} from '../../../renderer/shell/DesktopEvents';
import { useApp } from '../../../renderer/store';

/** The window's side of the desktop events: what the store holds after each, as the screens read it. */
describe('menu commands and opened files in the window (renderer/shell/DesktopEvents.tsx)', () => {
  beforeEach(() => {
    useApp.setState({
      activeId: 1,
      loaded: true,
      route: { view: 'portfolio' },
      pendingFile: null,
      pendingWorkspaceFile: null,
      toasts: [],
    });
  });

  it('a file given to the app goes to the import screen, as a dropped file does', async () => {
    openGivenFile('q3.xlsx', new Uint8Array([1, 2, 3]));
    const s = useApp.getState();
    expect(s.route).toEqual({ view: 'import' });
    expect(s.pendingFile?.name).toBe('q3.xlsx');
    expect(new Uint8Array(await s.pendingFile!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('a workspace file (.kpiw) goes to Settings → Workspace file, not to the importer', async () => {
    openGivenFile('Globex handover.KPIW', new Uint8Array([9, 8]));
    const s = useApp.getState();
    expect(s.route).toEqual({ view: 'settings' });
    expect(s.pendingFile).toBeNull();
    expect(s.pendingWorkspaceFile?.name).toBe('Globex handover.KPIW');
    expect(new Uint8Array(await s.pendingWorkspaceFile!.arrayBuffer())).toEqual(new Uint8Array([9, 8]));
  });

  it('without a workspace the file is not kept, and a toast says why', () => {
    useApp.setState({ activeId: null });
    openGivenFile('q3.xlsx', new Uint8Array([1]));
    expect(useApp.getState().pendingFile).toBeNull();
    expect(useApp.getState().toasts.map((t) => t.text)).toEqual([NO_WORKSPACE_OPEN]);
  });

  it('the View items and Import open their screens; New workspace and Keyboard shortcuts open dialogs', () => {
    expect(runMenuAction('go-settings')).toBeNull();
    expect(useApp.getState().route).toEqual({ view: 'settings' });
    runMenuAction('go-playbooks');
    expect(useApp.getState().route).toEqual({ view: 'playbooks' });
    runMenuAction('import');
    expect(useApp.getState().route).toEqual({ view: 'import' });
    expect(runMenuAction('new-workspace')).toBe('new-workspace');
    expect(runMenuAction('shortcuts')).toBe('shortcuts');
    // File → Export workspace… opens Settings (at its Workspace file card)
    runMenuAction('export-workspace');
    expect(useApp.getState().route).toEqual({ view: 'settings' });
    // Back up now is the main process's (a dialog there): nothing changes in the window
    expect(runMenuAction('backup')).toBeNull();
    expect(useApp.getState().route).toEqual({ view: 'settings' });
  });

  it('without a workspace the screens stay closed; Import says to create one first', () => {
    useApp.setState({ activeId: null });
    runMenuAction('go-accounts');
    runMenuAction('import');
    expect(useApp.getState().route).toEqual({ view: 'portfolio' });
    expect(useApp.getState().toasts.map((t) => t.text)).toEqual([NO_WORKSPACE_IMPORT]);
  });
});
