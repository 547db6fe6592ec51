import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Full garbage collections, where V8 lets one be asked for. An import stores a large workbook in
 * one synchronous transaction of several seconds. V8 finishes a major collection in a task of the
 * event loop, which that transaction blocks, so without help the garbage promoted while it runs
 * piles up to the heap's hard limit (a 2,000-account re-import grew to 820 MB of heap, 73 MB of it
 * alive). So a collection is asked for right after the reading (whose strings and cell objects are
 * garbage by then) and, by `heapKeeper`, whenever the heap has grown by a step since the last one.
 */
let gc: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** Below this many KPI rows, the reading leaves too little garbage to be worth a full collection's pause. */
export const COLLECT_FROM_ROWS = 5_000;

export function collectGarbage(kpiRows: number): void {
  if (kpiRows < COLLECT_FROM_ROWS) return;
  collector()?.();
}

/** How much the heap may grow during a store before a collection is asked for. */
export const HEAP_STEP_BYTES = 128 * 1024 * 1024;

const heapUsed = () => v8.getHeapStatistics().used_heap_size;

/**
 * A check to run between the units of a long synchronous store (an account written and scored):
 * it asks for a full collection when the heap has grown by HEAP_STEP_BYTES since the last one (or
 * since the keeper was made). Returns the keeper; `collections` counts what it asked for.
 */
export function heapKeeper(step = HEAP_STEP_BYTES): { check(): void; readonly collections: number } {
  let baseline = heapUsed();
  let collections = 0;
  return {
    check() {
      if (heapUsed() - baseline < step) return;
      const collect = collector();
      if (!collect) return;
      collect();
      collections++;
      baseline = heapUsed();
    },
    get collections() {
      return collections;
    },
  };
}
