/**
 * The stale-answer guard of the renderer's data loading: of the loads started one after another,
 * only the latest one's answer is applied, so a slow earlier answer (an older search, the previous
 * account) never replaces a faster later one. Framework-free, so it is tested without a browser.
 */
export type Settled<T> = { ok: true; data: T } | { ok: false; error: unknown };

export class LatestOnly {
  private seq = 0;

  /** Starts a load; `apply` gets its outcome only if no later load was started or it was not dropped. */
  run<T>(load: () => Promise<T>, apply: (outcome: Settled<T>) => void): void {
    const mine = ++this.seq;
    let promise: Promise<T>;
    try {
      promise = load();
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (data) => {
        if (mine === this.seq) apply({ ok: true, data });
      },
      (error: unknown) => {
        if (mine === this.seq) apply({ ok: false, error });
      },
    );
  }

  /** Drops the answer of every load started so far (the screen moved on or closed). */
  drop(): void {
    this.seq++;
  }
}
