import type { z } from 'zod';
import { accountsChannels } from './channels/accounts';
import { appChannels, desktopChannels, type SavedFile } from './channels/app';
import { authChannels } from './channels/auth';
import { backupsChannels } from './channels/backups';
import { dashboardChannels } from './channels/dashboard';
import { importChannels } from './channels/import';
import { kpisChannels } from './channels/kpis';
import { notesChannels } from './channels/notes';
import { playbooksChannels } from './channels/playbooks';
import { rangesChannels } from './channels/ranges';
import { scoringChannels } from './channels/scoring';
import { settingsChannels } from './channels/settings';
import { timelineChannels } from './channels/timeline';
import { todayChannels } from './channels/today';
import { uploadsChannels } from './channels/uploads';
import { usersChannels } from './channels/users';
import { workspaceFilesChannels } from './channels/workspace-files';
import { workspacesChannels } from './channels/workspaces';
import type { Result } from './errors';
import type { MenuAction } from './menu';

export type { AccountFilter, AccountRow } from './channels/accounts';
export type { AppInfo, SavedFile } from './channels/app';
export type { ExportFile } from './channels/common';
export type { Settings } from './channels/settings';
export type { User, Workspace, WorkspaceList } from './channels/workspaces';

/**
 * The one IPC contract: every channel, its request schema and its response type. Each feature
 * declares its channels in shared/channels/<feature>.ts, beside its handlers in main/<feature>/;
 * main registers a handler per channel (main/ipc/handlers.ts fails to type-check if one is
 * missing), the preload and the browser preview forward `invoke(channel, payload)`, and the
 * renderer's client is typed from this map.
 *
 * A channel is workspace-scoped unless it is marked `unscoped` (shared/channels/common.ts): the
 * dispatch then refuses it while no workspace is open and hands its handler the workspace.
 */
export const contract = {
  ...appChannels,
  ...workspacesChannels,
  ...accountsChannels,
  ...settingsChannels,
  ...rangesChannels,
  ...uploadsChannels,
  ...importChannels,
  ...scoringChannels,
  ...dashboardChannels,
  ...playbooksChannels,
  ...workspaceFilesChannels,
  ...kpisChannels,
  ...notesChannels,
  ...timelineChannels,
  ...todayChannels,
  ...backupsChannels,
  ...authChannels,
  ...usersChannels,
} as const;

/** The desktop shell's own requests (answered by main/electron, not the dispatch). */
export const desktopContract = desktopChannels;
export type DesktopChannel = keyof typeof desktopContract;
export type DesktopInput<C extends DesktopChannel> = z.output<(typeof desktopContract)[C]['input']>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];
/** The channels that need no open workspace. */
export type UnscopedChannel = { [C in Channel]: Contract[C] extends { scoped: false } ? C : never }[Channel];
export type ScopedChannel = Exclude<Channel, UnscopedChannel>;

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && Object.hasOwn(contract, value);

export const isScoped = (channel: Channel): channel is ScopedChannel =>
  (contract[channel] as { scoped?: boolean }).scoped !== false;

/** The channels that answer while the database is damaged (the backups and their restore). */
export const isRecovery = (channel: Channel): boolean =>
  (contract[channel] as { recovery?: boolean }).recovery === true;

/** Events pushed from main to the renderer (import progress and the like). */
export type AppEvent =
  | {
      type: 'progress';
      jobId: string;
      phase: string;
      done: number;
      total: number;
    }
  | DesktopEvent;

/**
 * Desktop app only: a command of the application menu (shared/menu.ts) for the window to carry
 * out, or a file given to the app to open (command line, "Open with", the dock, a second launch),
 * which goes to the import screen.
 */
export type DesktopEvent =
  | { type: 'menu'; action: MenuAction }
  | { type: 'open-file'; name: string; bytes: Uint8Array };

/** What the preload (desktop) and the web bridge (browser preview) both expose as window.kpi. */
export interface KpiBridge {
  invoke<C extends Channel>(channel: C, payload: Input<C>): Promise<Result<Output<C>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  saveFile(fileName: string, bytes: Uint8Array): Promise<Result<SavedFile>>;
  readonly desktop: boolean;
}

/** What the desktop app's preload adds as window.kpiDesktop (absent in the browser preview). */
export interface KpiDesktop {
  printToPdf(fileName: string): Promise<Result<SavedFile>>;
  ready(): Promise<Result<null>>;
}

declare global {
  interface Window {
    kpi: KpiBridge;
    kpiDesktop?: KpiDesktop;
  }
}
