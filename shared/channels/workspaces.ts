import { z } from 'zod';
import type { UploadMode } from '../defaults';
import { id, name, optionalEmail, out, unscoped, uploadMode } from './common';

/** Workspaces (a workspace is a row of the seed's `customers` table) and their users. */

export interface Workspace {
  id: number;
  name: string;
  email: string | null;
  mode: UploadMode;
  accountCount: number;
}
export interface WorkspaceList {
  workspaces: Workspace[];
  activeId: number | null;
}
export interface User {
  id: number;
  name: string;
  email: string | null;
}

export const workspacesChannels = {
  'workspaces.list': { input: z.object({}), output: out<WorkspaceList>(), ...unscoped },
  'workspaces.create': {
    input: z.object({ name: name('Workspace name'), email: optionalEmail, mode: uploadMode.optional() }),
    output: out<Workspace>(),
    ...unscoped,
  },
  /** Switching takes a workspace id: the workspaces are the local user's own list. */
  'workspaces.switch': { input: z.object({ workspaceId: id }), output: out<WorkspaceList>(), ...unscoped },
  'workspaces.rename': { input: z.object({ name: name('Workspace name') }), output: out<Workspace>() },
  /** Deletes the active workspace and everything in it; the name must be typed to confirm. */
  'workspaces.delete': { input: z.object({ confirmName: z.string() }), output: out<WorkspaceList>() },

  'users.list': { input: z.object({}), output: out<User[]>() },
  'users.add': {
    input: z.object({ name: name('User name'), email: optionalEmail }),
    output: out<User>(),
  },
} as const;
