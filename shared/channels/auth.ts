import { z } from 'zod';
import { id, out, unscoped } from './common';

/**
 * Sign-in (issue 11 point 5). These channels are unscoped: they work while the open workspace is
 * locked, on the session's workspace (never one named in the payload).
 */

export interface AuthStatus {
  /** The workspace this status is about (the session's open one). */
  workspaceId: number | null;
  /** Some user of the open workspace has a password: the workspace asks for sign-in. */
  guarded: boolean;
  /** Nobody is signed in to a guarded workspace: every workspace channel is refused. */
  locked: boolean;
  user: { id: number; name: string } | null;
  /** While locked: the users who can sign in (those with a password). */
  people: Array<{ id: number; name: string; email: string | null }>;
  /** Minutes without use before the window locks. */
  idleMinutes: number;
}

export const password = z.string().min(1, 'Type the password').max(200, 'A password is 200 characters at most');

export const authChannels = {
  'auth.status': { input: z.object({}), output: out<AuthStatus>(), ...unscoped },
  'auth.signIn': { input: z.object({ userId: id, password }), output: out<AuthStatus>(), ...unscoped },
  'auth.lock': { input: z.object({}), output: out<AuthStatus>(), ...unscoped },
  /** The idle time before the window locks; changed only by a signed-in user (scoped). */
  'auth.setIdle': {
    input: z.object({
      minutes: z.number().int().min(1, 'At least 1 minute').max(480, 'At most 480 minutes (8 hours)'),
    }),
    output: out<{ idleMinutes: number }>(),
  },
} as const;
