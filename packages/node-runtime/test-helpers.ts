// Small helpers for tests that start servers and processes: cleanups run after each test in
// reverse order, and polling for a condition with a deadline.
const cleanups: Array<() => Promise<unknown>> = [];

/** Runs `task` at the next runCleanups() (call that from afterEach). */
export function onCleanup(task: () => Promise<unknown>): void {
  cleanups.push(task);
}

/** Runs every pending cleanup, newest first; a failing one does not stop the others. */
export async function runCleanups(): Promise<void> {
  const tasks = cleanups.splice(0).reverse();
  for (const task of tasks) await task().catch(() => undefined);
}

/** Resolves once `predicate` holds; fails after `timeoutMs`, naming what it waited for. */
export async function waitUntil(
  predicate: () => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
