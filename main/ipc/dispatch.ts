import {
  type Channel,
  type Contract,
  contract,
  isChannel,
  isRecovery,
  isScoped,
  type Output,
  type ParsedInput,
  type ScopedChannel,
} from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { assertSignedIn } from '../auth/service';
import type { Ctx, Scope, ScopedCtx } from '../context';
import { log } from '../log';

type Answer<C extends Channel> = Output<C> | Promise<Output<C>>;
/**
 * A channel's handler. A workspace-scoped one gets the open workspace from the dispatch, and a
 * context without the session, so it cannot look the workspace up itself; the few unscoped ones
 * (shared/channels/common.ts `unscoped`) get the session, which they may change.
 */
export type Handler<C extends Channel> = C extends ScopedChannel
  ? (ctx: ScopedCtx, ws: Scope, input: ParsedInput<C>) => Answer<C>
  : (ctx: Ctx, input: ParsedInput<C>) => Answer<C>;
export type Handlers = { [C in Channel]: Handler<C> };
export type HandlerGroup<K extends Channel> = { [C in K]: Handler<C> };

/** What the user sees when something fails that should not have (the stack goes to the log). */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side; the details are in the log.';
export const NO_WORKSPACE_MESSAGE = 'Create or open a workspace first.';

/** Declares a feature's handlers with their types inferred from the contract. */
export const defineHandlers = <K extends Channel>(group: HandlerGroup<K>) => group;

function describeIssues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const first = error.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length ? `${first.path.map(String).join('.')}: ` : '';
  return `${where}${first.message}`;
}

/**
 * Validates a request against its channel's schema, as every transport does: the command line
 * calls it too, so a value the window refuses is refused there with the same sentence.
 */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): ParsedInput<C> {
  const parsed = (contract as Contract)[channel].input.safeParse(payload ?? {});
  if (!parsed.success) throw new AppError('invalid_input', describeIssues(parsed.error));
  return parsed.data as ParsedInput<C>;
}

/** The session's workspace for a scoped channel, or the refusal when none is open. */
export function scopeOf(ctx: Pick<Ctx, 'session'>): Scope {
  const { customerId, userId } = ctx.session;
  if (customerId == null) throw new AppError('no_workspace', NO_WORKSPACE_MESSAGE);
  return { customerId, userId };
}

function run(handlers: Handlers, ctx: Ctx, channel: Channel, payload: unknown): unknown {
  const input = parseRequest(channel, payload);
  // a damaged database: only the backups and their restore answer (the window offers a restore)
  if (ctx.damaged && !isRecovery(channel)) throw new AppError('damaged', ctx.damaged);
  if (!isScoped(channel)) return (handlers[channel] as (ctx: Ctx, input: unknown) => unknown)(ctx, input);
  const handler = handlers[channel] as (ctx: ScopedCtx, ws: Scope, input: unknown) => unknown;
  const ws = scopeOf(ctx);
  assertSignedIn(ctx.db, ctx.session); // a locked workspace asks for sign-in first
  return handler(ctx, ws, input);
}

/**
 * The one entry point for every transport (Electron IPC, the browser preview, tests): validates
 * the channel and the payload against the contract, resolves the workspace of a scoped channel,
 * runs the handler, and turns every failure into `{ ok: false, error }`. Unexpected errors are
 * logged with their stack and shown as a plain sentence.
 */
export async function dispatch(
  handlers: Handlers,
  ctx: Ctx,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown request "${String(channel)}".` } };
  }
  try {
    return { ok: true, data: await run(handlers, ctx, channel, payload) };
  } catch (err) {
    if (err instanceof AppError) {
      const { code, message, details } = err;
      return { ok: false, error: details ? { code, message, details } : { code, message } };
    }
    log.error('dispatch.failed', { channel, error: err });
    return {
      ok: false,
      error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE },
    };
  }
}
