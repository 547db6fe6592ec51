import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection, where V8 lets one be asked for. An import stores a large workbook in
 * one synchronous transaction of several seconds, and V8 sizes the heap it grows into from what
 * it last found alive: asked right after the reading (whose strings and cell objects are garbage
 * by then), the store grows from what it really needs, not from the reading's leftovers.
 */
let gc: (() => void) | null | undefined;

/** Below this many KPI rows, the reading leaves too little garbage to be worth a full collection's pause. */
export const COLLECT_FROM_ROWS = 5_000;

export function collectGarbage(kpiRows: number): void {
  if (kpiRows < COLLECT_FROM_ROWS) return;
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
