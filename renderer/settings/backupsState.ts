import { create } from 'zustand';
import type { RestoreOutcome } from '../../shared/channels/backups';
import { ApiError } from '../api';
import { useApp } from '../store';

/**
 * Start-up integrity (issue 11 point 2) in the window: when the database failed its check at open,
 * the backend answers only the backups and their restore, and the app shows the recovery screen
 * (BackupsRecovery) instead of the workspaces, with this message.
 */
export const useRecovery = create<{ message: string | null; set(message: string | null): void }>((set) => ({
  message: null,
  set: (message) => set({ message }),
}));

/** True (and the recovery screen on) when a failure says the database is damaged. */
export function recoverIfDamaged(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.code !== 'damaged') return false;
  useRecovery.getState().set(e.message);
  return true;
}

/** After a restore: the window leaves recovery, reloads the workspaces and every screen what it shows. */
export async function afterRestore(r: RestoreOutcome): Promise<void> {
  useRecovery.getState().set(null);
  const app = useApp.getState();
  await app.loadWorkspaces();
  app.dataChanged();
  app.navigate({ view: 'portfolio' });
  app.toast('success', `Restored. The database as it was before is kept as ${r.keptAs}.`);
}
