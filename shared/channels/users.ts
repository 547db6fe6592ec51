import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../defaults-auth';
import { id, name, optionalEmail, out } from './common';

/** Settings → People (issue 11 point 5): a workspace's users, with an optional password each. */

export interface Person {
  id: number;
  name: string;
  email: string | null;
  hasPassword: boolean;
  /** The signed-in user (or the session's default user when nobody signs in). */
  isMe: boolean;
}

export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password is at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `A password is ${MAX_PASSWORD_LENGTH} characters at most`);

export const usersChannels = {
  'users.people': { input: z.object({}), output: out<Person[]>() },
  'users.create': {
    input: z.object({ name: name('User name'), email: optionalEmail, password: newPassword.nullish() }),
    output: out<Person>(),
  },
  /** password: a new one; null removes it; absent keeps it. */
  'users.update': {
    input: z.object({ userId: id, name: name('User name'), email: optionalEmail, password: newPassword.nullish() }),
    output: out<Person>(),
  },
  'users.remove': { input: z.object({ userId: id }), output: out<Person[]>() },
} as const;
