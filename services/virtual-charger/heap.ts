// The fleet's V8 heap settings. A fleet is thousands of mostly idle connections, and V8 lets
// its heap grow to about twice what stays live between collections. 25 % growth kept the
// settled fleet smaller (fleet-density: 31 KiB of RSS per charger, about 50 at the default),
// but while thousands of chargers come up it collects the fast-growing heap over and over: a
// booting charger cost 2.2 ms of CPU instead of 1.6. So the heap grows at V8's default during
// the start-up and is settled afterwards: 25 % growth from then on, and one compacting
// collection that gives back what the start-up grew (25.8–27.7 KiB per charger settled). That
// collection holds the event loop once, about 0.2 s for 5,000 chargers: far inside any ping or
// heartbeat interval.
import v8 from "node:v8";
import vm from "node:vm";

export const SETTLED_HEAP_GROWING_PERCENT = 25;

/**
 * After the start-up: 25 % heap growth from now on (V8 reads the flag at every collection) and
 * one full, compacting collection now. Returns the heap size (V8's heapTotal) before and after,
 * and how long the collection held the event loop.
 */
export function settleHeap(): { before: number; after: number; pauseMs: number } {
  v8.setFlagsFromString(`--heap-growing-percent=${SETTLED_HEAP_GROWING_PERCENT}`);
  const before = process.memoryUsage().heapTotal;
  const started = performance.now();
  compactingCollection();
  const pauseMs = performance.now() - started;
  return { before, after: process.memoryUsage().heapTotal, pauseMs };
}

/**
 * A full collection that also compacts every page. A plain one left the old space as large as
 * before (a fleet of 9,850: 376 MiB holding 198 live): the live objects of the start-up were
 * spread over all its pages.
 */
function compactingCollection(): void {
  // Node is not started with --expose-gc: set, the flag takes effect for contexts created
  // afterwards, and a new context hands out `gc`.
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  v8.setFlagsFromString("--compact-on-every-full-gc");
  try {
    gc();
  } finally {
    v8.setFlagsFromString("--no-compact-on-every-full-gc");
  }
}
