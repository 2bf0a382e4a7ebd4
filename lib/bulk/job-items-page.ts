// One page of a job's chargers, as its page shows them: a job of 5,000 chargers would
// otherwise re-render 5,000 rows each time its progress is refetched (about four times a
// second while chargers move).
import type { ItemStep } from "./item-progress";

export const JOB_ROWS_PER_PAGE = 100;

export interface JobItemsPage<Item> {
  rows: Item[];
  /** 1-based positions of the first and last row shown, among `total`. */
  from: number;
  to: number;
  total: number;
  /** The page shown (0-based; past the end, the last page) and how many there are. */
  index: number;
  pages: number;
}

export function jobItemsPage<Item extends { step: ItemStep }>(
  items: readonly Item[],
  step: ItemStep | null,
  index: number,
  perPage = JOB_ROWS_PER_PAGE,
): JobItemsPage<Item> {
  const shown = step === null ? items : items.filter((item) => item.step === step);
  const pages = Math.max(1, Math.ceil(shown.length / perPage));
  // Chargers leave a step as they move on: a page past the end shows the last one.
  const current = Math.min(Math.max(0, index), pages - 1);
  const rows = shown.slice(current * perPage, (current + 1) * perPage);
  return {
    rows,
    from: rows.length ? current * perPage + 1 : 0,
    to: current * perPage + rows.length,
    total: shown.length,
    index: current,
    pages,
  };
}
