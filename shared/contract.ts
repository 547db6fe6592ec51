import type { z } from 'zod';
import { coreChannels } from './channels/core';
import { dashboardChannels } from './channels/dashboard';
import { importChannels } from './channels/import';
import { playbooksChannels } from './channels/playbooks';
import { scoringChannels } from './channels/scoring';
import type { Result } from './errors';

export * from './channels/core';

/**
 * The one IPC contract: every channel, its request schema and its response type. Each feature
 * declares its channels in shared/channels/<feature>.ts; main registers a handler per channel
 * (main/ipc/handlers.ts fails to type-check if one is missing), the preload and the browser
 * preview forward `invoke(channel, payload)`, and the renderer's client is typed from this map.
 */
export const contract = {
  ...coreChannels,
  ...importChannels,
  ...scoringChannels,
  ...dashboardChannels,
  ...playbooksChannels,
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
