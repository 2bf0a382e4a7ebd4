// Runs `work` over `items` with at most `limit` running at once, in order of start. Once an
// outcome says stop, no further item is started (those running finish); the items never
// started have no outcome (undefined at their index).
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  stopAfter: (outcome: R) => boolean = () => false,
): Promise<Array<R | undefined>> {
  const outcomes: Array<R | undefined> = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  let stopped = false;
  const lane = async () => {
    while (!stopped && next < items.length) {
      const index = next;
      next += 1;
      const outcome = await work(items[index]!);
      outcomes[index] = outcome;
      if (stopAfter(outcome)) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return outcomes;
}
