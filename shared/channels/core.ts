import { z } from 'zod';
import { UPLOAD_MODES } from '../defaults';
import { id, name, optionalEmail, optionalText, out } from './common';

const money = z.number().finite().min(0, 'Revenue cannot be negative').max(1e13, 'Revenue is too large');
const weights = z.record(z.string().trim().min(1), z.number().finite());

export interface Workspace {
  id: number;
  name: string;
  email: string | null;
  mode: (typeof UPLOAD_MODES)[number];
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
export interface AccountRow {
  id: number;
  name: string;
  revenue: number;
  status: 'active' | 'inactive';
  industry: string | null;
  region: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface Settings {
  mode: (typeof UPLOAD_MODES)[number];
  /** The weights scoring uses; when none are configured, the equal shares it uses then. */
  categoryWeights: Record<string, number>;
  /** False when the workspace has no category_weights: every scored category counts the same. */
  weightsConfigured: boolean;
  masterFileName: string | null;
  /** The categories of the workspace's KPIs (sheet names, first spelling); empty before any import. */
  categories: string[];
}

export const accountFilter = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  industry: z.string().trim().max(200).optional(),
  region: z.string().trim().max(200).optional(),
});

export const coreChannels = {
  'app.info': { input: z.object({}), output: out<{ version: string; dbFile: string; desktop: boolean }>() },

  'workspaces.list': { input: z.object({}), output: out<WorkspaceList>() },
  'workspaces.create': {
    input: z.object({
      name: name('Workspace name'),
      email: optionalEmail,
      mode: z.enum(UPLOAD_MODES).optional(),
    }),
    output: out<Workspace>(),
  },
  /** Switching takes a workspace id: the workspaces are the local user's own list. */
  'workspaces.switch': { input: z.object({ workspaceId: id }), output: out<WorkspaceList>() },
  'workspaces.rename': { input: z.object({ name: name('Workspace name') }), output: out<Workspace>() },
  /** Deletes the active workspace and everything in it; the name must be typed to confirm. */
  'workspaces.delete': { input: z.object({ confirmName: z.string() }), output: out<WorkspaceList>() },

  'users.list': { input: z.object({}), output: out<User[]>() },
  'users.add': {
    input: z.object({ name: name('User name'), email: optionalEmail }),
    output: out<User>(),
  },

  'accounts.list': { input: accountFilter, output: out<AccountRow[]>() },
  'accounts.facets': { input: z.object({}), output: out<{ industries: string[]; regions: string[] }>() },
  'accounts.create': {
    input: z.object({
      name: name('Account name'),
      revenue: money.optional(),
      industry: optionalText,
      region: optionalText,
    }),
    output: out<AccountRow>(),
  },
  'accounts.update': {
    input: z.object({
      accountId: id,
      name: name('Account name').optional(),
      revenue: money.optional(),
      industry: optionalText,
      region: optionalText,
    }),
    output: out<AccountRow>(),
  },
  'accounts.setStatus': {
    input: z.object({ accountId: id, status: z.enum(['active', 'inactive']) }),
    output: out<AccountRow>(),
  },

  'settings.get': { input: z.object({}), output: out<Settings>() },
  'settings.update': {
    input: z.object({ mode: z.enum(UPLOAD_MODES).optional(), categoryWeights: weights.optional() }),
    output: out<Settings>(),
  },
} as const;
