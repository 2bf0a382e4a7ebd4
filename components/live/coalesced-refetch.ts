// Refetch on change, coalesced: a view that shows many chargers (a bulk job's page) refetches
// when the live stream says one of them changed, without a request per change. At most one
// refetch runs at a time; a change during it asks for one more after it; two refetches start
// at least `minGapMs` apart. A change is therefore shown after at most about
// max(minGapMs, one refetch) + one refetch, however many chargers change.

export interface CoalescedRefetch {
  /** Something shown changed: refetch now, or as soon as the pace allows. */
  changed(): void;
  dispose(): void;
}

export interface CoalescedRefetchOptions {
  minGapMs: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export function coalescedRefetch(
  refetch: () => Promise<unknown>,
  {
    minGapMs,
    now = Date.now,
    setTimer = (run, ms) => setTimeout(run, ms),
    clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  }: CoalescedRefetchOptions,
): CoalescedRefetch {
  let running = false;
  let again = false;
  let timer: unknown = null;
  let lastStart = -Infinity;
  let disposed = false;

  const start = () => {
    timer = null;
    if (disposed) return;
    running = true;
    again = false;
    lastStart = now();
    // A failed refetch is the query's own error to show; the next change tries again.
    refetch()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) schedule();
      });
  };

  const schedule = () => {
    if (disposed || timer !== null) return;
    const wait = lastStart + minGapMs - now();
    if (wait <= 0) start();
    else timer = setTimer(start, wait);
  };

  return {
    changed() {
      if (running) again = true;
      else schedule();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
