import { create } from 'zustand';
import type { AuthStatus } from '../../shared/channels/auth';
import { call, signInRequired } from '../api';

/**
 * Sign-in (issue 11 point 5) in the window: the open workspace's sign-in status. While `locked`,
 * the app shows the sign-in screen instead of the workspace's screens.
 */
export const useAuth = create<{ status: AuthStatus | null; refresh(): Promise<void>; set(s: AuthStatus): void }>(
  (set) => ({
    status: null,
    async refresh() {
      try {
        set({ status: await call('auth.status', {}) });
      } catch {
        // no database (recovery) or no answer: nothing to lock
      }
    },
    set: (status) => set({ status }),
  }),
);

// a request refused because the workspace locked (the idle time passed in main): show the sign-in
signInRequired.add(() => void useAuth.getState().refresh());
