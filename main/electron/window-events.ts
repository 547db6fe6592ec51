import type { AppEvent } from '../../shared/contract';

/**
 * Events for the window that it must not miss (a file to open, a menu command): kept until the
 * page says it listens (`kpi:ready`, after its first load or a reload), then sent in order.
 */
export class WindowEvents {
  private ready = false;
  private queue: AppEvent[] = [];

  constructor(private readonly send: (event: AppEvent) => void) {}

  post(event: AppEvent): void {
    if (this.ready) this.send(event);
    else this.queue.push(event);
  }

  /** The page listens: what was kept is sent now. */
  markReady(): void {
    this.ready = true;
    const kept = this.queue;
    this.queue = [];
    for (const e of kept) this.send(e);
  }

  /** The page is loading again: keep events until it listens. */
  reset(): void {
    this.ready = false;
  }
}
