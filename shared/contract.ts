import { z } from 'zod';
import { UPLOAD_MODES } from './defaults';
import type { Result } from './errors';

/**
 * The one IPC contract: every channel, its request schema and its response type. Main registers
 * a handler per channel (main/ipc/handlers.ts checks they are all there), the preload and the
 * browser preview forward `invoke(channel, payload)`, and the renderer's client is typed from
 * this map. Adding a feature: an entry here and a handler in the feature's folder.
 */

const out = <T>() => undefined as unknown as T;
const id = z.number().int().positive();
const name = (what: string) =>
  z.string().trim().min(1, `${what} cannot be empty`).max(200, `${what} is too long (200 characters at most)`);
const optionalText = z.string().trim().max(200).nullish();
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
  categoryWeights: Record<string, number>;
  masterFileName: string | null;
}

export const accountFilter = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  industry: z.string().trim().max(200).optional(),
  region: z.string().trim().max(200).optional(),
});

export const contract = {
  'app.info': { input: z.object({}), output: out<{ version: string; dbFile: string; desktop: boolean }>() },

  'workspaces.list': { input: z.object({}), output: out<WorkspaceList>() },
  'workspaces.create': {
    input: z.object({
      name: name('Workspace name'),
      email: z.string().trim().email().nullish(),
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
    input: z.object({ name: name('User name'), email: z.string().trim().email().nullish() }),
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

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

/** Events pushed from main to the renderer (import progress and the like). */
export interface AppEvent {
  type: 'progress';
  jobId: string;
  phase: string;
  done: number;
  total: number;
}

/** What the preload (desktop) and the web bridge (browser preview) both expose as window.kpi. */
export interface KpiBridge {
  invoke<C extends Channel>(channel: C, payload: Input<C>): Promise<Result<Output<C>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  saveFile(fileName: string, bytes: Uint8Array): Promise<Result<{ saved: boolean; path?: string }>>;
  readonly desktop: boolean;
}

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && Object.hasOwn(contract, value);
