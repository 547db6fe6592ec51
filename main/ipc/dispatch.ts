import { type Channel, type Contract, contract, isChannel, type Output, type ParsedInput } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import type { Ctx } from '../context';

export type Handler<C extends Channel> = (ctx: Ctx, input: ParsedInput<C>) => Output<C> | Promise<Output<C>>;
export type Handlers = { [C in Channel]: Handler<C> };
export type HandlerGroup<K extends Channel> = { [C in K]: Handler<C> };

/** What the user sees when something fails that should not have (the stack goes to the log). */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side; the details are in the log.';

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

/**
 * The one entry point for every transport (Electron IPC, the browser preview, tests): validates
 * the channel and the payload against the contract, runs the handler, and turns every failure
 * into `{ ok: false, error }`. Unexpected errors are logged with their stack and shown as a
 * plain sentence.
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
    const input = parseRequest(channel, payload);
    const handler = handlers[channel] as (ctx: Ctx, input: unknown) => unknown;
    const data = await handler(ctx, input);
    return { ok: true, data };
  } catch (err) {
    if (err instanceof AppError) {
      const { code, message, details } = err;
      return { ok: false, error: details ? { code, message, details } : { code, message } };
    }
    console.error(`[kpi] ${channel} failed:`, err);
    return {
      ok: false,
      error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE },
    };
  }
}
