import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Peak resident memory of this process (worker threads included), sampled every 20 ms. */
export function memoryPeak() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  timer.unref();
  return {
    reset() {
      peak = process.memoryUsage().rss;
    },
    get peak() {
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * Keeps the process alive while a benchmark awaits work that holds no handle of its own (exceljs
 * parsing a buffer is promise-only: without this, Node may exit mid-run).
 */
export function keepAlive(): () => void {
  const timer = setInterval(() => {}, 1000);
  return () => clearInterval(timer);
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchDir(name: string): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kpi-bench-${name}-`));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
