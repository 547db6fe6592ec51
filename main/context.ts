import type { AppEvent } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { Db } from './db/open';

/**
 * The main process's session: which workspace (customer) and user are active. Handlers take the
 * workspace from here, never from a payload.
 */
export interface Session {
  customerId: number | null;
  userId: number | null;
}

export interface Ctx {
  db: Db;
  session: Session;
  /** Pushes an event (progress) to the window that asked. */
  emit(event: AppEvent): void;
  desktop: boolean;
}

/** The active workspace's id, or a clear refusal when none is open. */
export function workspaceOf(ctx: Pick<Ctx, 'session'>): number {
  const id = ctx.session.customerId;
  if (id == null) throw new AppError('no_workspace', 'Create or open a workspace first.');
  return id;
}
