import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, Input, Output } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { ApiError, call } from '../api';
import { applyChange, reportError, type Toast, useApp } from '../store';
import { LatestOnly } from './latest';

export interface QueryOptions {
  /** False: nothing is loaded (a screen waiting for its account); default true. */
  enabled?: boolean;
  /** Error codes that mean "nothing to show" (data becomes null, no toast), e.g. ['not_found']. */
  emptyOn?: ErrorCode[];
  /** False: an error is kept in `error` for the screen to show, not reported as a toast. */
  toast?: boolean;
  /**
   * Share one request among every component asking the same thing for the same data version
   * (a badge on each row of a table asks once, not once per row).
   */
  share?: boolean;
}

/** Shared answers: per channel and payload, the promise for the data version it was asked at. */
const shared = new Map<string, { version: string; promise: Promise<unknown> }>();
function sharedCall<C extends Channel>(channel: C, key: string, version: string): Promise<Output<C>> {
  const id = `${channel} ${key}`;
  const hit = shared.get(id);
  if (hit && hit.version === version) return hit.promise as Promise<Output<C>>;
  const promise = call(channel, JSON.parse(key) as Input<C>);
  shared.set(id, { version, promise });
  // a failure is not kept: the next component asks again
  promise.catch(() => shared.get(id)?.promise === promise && shared.delete(id));
  return promise;
}

export interface QueryState<T> {
  /**
   * The latest answer, kept while a newer one loads so the screen does not flash empty; undefined
   * before the first, null when the answer was an error of `emptyOn`.
   */
  data: T | null | undefined;
  /** The latest load's failure, or null. */
  error: unknown;
  /** True from a load's start to its answer. */
  loading: boolean;
  /** Loads again now (stored data changed in a way the app did not announce). */
  reload(): void;
  /** Shows this answer until the next load (a change's own result, already up to date). */
  set(data: T): void;
}

/**
 * One channel's answer for one payload, kept current: loaded again when the payload changes,
 * when stored data changes (`dataChanged`, `dataVersion`) and when another workspace opens.
 * Only the latest load's answer is applied (see LatestOnly). Errors are reported as a toast
 * unless told otherwise.
 */
export function useQuery<C extends Channel>(
  channel: C,
  payload: Input<C>,
  options: QueryOptions = {},
): QueryState<Output<C>> {
  const dataVersion = useApp((s) => s.dataVersion);
  const activeId = useApp((s) => s.activeId);
  const enabled = options.enabled ?? true;
  const key = JSON.stringify(payload ?? {});
  const [state, setState] = useState<{ data: Output<C> | null | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: enabled,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(new LatestOnly());
  // read at answer time, so that an options object written inline does not reload
  const opts = useRef(options);
  opts.current = options;

  useEffect(() => {
    void dataVersion;
    void activeId;
    void tick;
    if (!enabled) {
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      return;
    }
    setState((s) => (s.loading && !s.error ? s : { ...s, error: null, loading: true }));
    const loader = latest.current;
    loader.run(
      () =>
        opts.current.share
          ? sharedCall(channel, key, `${dataVersion}/${activeId}/${tick}`)
          : call(channel, JSON.parse(key) as Input<C>),
      (outcome) => {
        if (outcome.ok) return setState({ data: outcome.data, error: null, loading: false });
        const { emptyOn = [], toast = true } = opts.current;
        const e = outcome.error;
        if (e instanceof ApiError && emptyOn.includes(e.code)) {
          return setState({ data: null, error: null, loading: false });
        }
        if (toast) reportError(e);
        setState((s) => ({ data: s.data, error: e, loading: false }));
      },
    );
    return () => loader.drop();
  }, [channel, key, enabled, dataVersion, activeId, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((data: Output<C>) => setState({ data, error: null, loading: false }), []);
  return { ...state, reload, set };
}

export interface MutationState<C extends Channel> {
  /** Runs the change; resolves to its result, or undefined when it failed (already reported). */
  run(payload: Input<C>): Promise<Output<C> | undefined>;
  /** True while the change runs (a button says "Saving…" and is off). */
  pending: boolean;
}

/**
 * A change of stored data through one channel: while it runs `pending` is true; on success every
 * open screen reloads (dataChanged) and `done` is shown; a failure is shown as a toast or, given
 * `onError` (a dialog's action), where that puts it.
 */
export function useMutation<C extends Channel>(
  channel: C,
  options: {
    done?: string | ((result: Output<C>) => string);
    kind?: Toast['kind'];
    onError?: (e: unknown) => void;
  } = {},
): MutationState<C> {
  const [pending, setPending] = useState(false);
  const opts = useRef(options);
  opts.current = options;
  const run = useCallback(
    async (payload: Input<C>) => {
      setPending(true);
      try {
        const { done, kind, onError } = opts.current;
        return await applyChange(call(channel, payload), done, kind, onError);
      } finally {
        setPending(false);
      }
    },
    [channel],
  );
  return { run, pending };
}
