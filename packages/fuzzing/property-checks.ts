// The checks of a fuzzing property: a failure says what broke and shows the (shortened)
// evidence, and waiting is bounded, so a hung process fails the case instead of the run.

export class PropertyFailure extends Error {}

export function check(condition: unknown, message: string, detail?: unknown): asserts condition {
  if (!condition)
    throw new PropertyFailure(detail === undefined ? message : `${message}: ${short(detail)}`);
}

/** JSON of `value`, cut at 600 characters (fuzzed payloads run to megabytes). */
export function short(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
}

/** Polls `condition` on every turn of the event loop until it holds or `timeoutMs` passes. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new PropertyFailure(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** `promise`, or a PropertyFailure after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new PropertyFailure(`timed out: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
