import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The portal's one table: caption, sortable headers (links, so sorting works without
 * JavaScript and has a URL; aria-sort on the sorted column), an empty state, keyset
 * pagination links, and — with `cards` — a card per row below md (each cell places itself in
 * the card with its `card` classes). Every list of the portal renders through it.
 */
export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Classes of the cell (and its header) in table layout. */
  className?: string;
  /** Classes of the cell in card layout (below md); "hidden" leaves it out of the card. */
  card?: string;
  /** Set when the list can be sorted by this column. */
  sort?: { href: string; direction: "ascending" | "descending" | null };
}

export interface Pagination {
  label: string;
  previous?: { href: string; label: string };
  next?: { href: string; label: string };
}

const CELL = "px-4 py-2";
const CARD_CELL = "block md:table-cell md:px-4 md:py-2";

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowAttributes,
  empty,
  pagination,
  cards = false,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
  /** What an empty list says (and perhaps what to do). */
  empty: ReactNode;
  pagination?: Pagination;
  cards?: boolean;
}) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-surface p-8 text-center text-slate-600">
        {empty}
      </div>
    );
  }
  return (
    <div className="min-w-0 max-w-full space-y-3">
      {/* Focusable and named: a table wider than the screen scrolls with the keyboard too.
          Positioned, so that screen-reader-only text in a far column (absolutely positioned)
          scrolls with the table instead of widening the page. */}
      <div
        role="group"
        aria-label={caption}
        tabIndex={0}
        className={`relative rounded-lg border border-slate-200 bg-surface focus-visible:outline-2 focus-visible:outline-brand-600 ${cards ? "md:overflow-x-auto" : "overflow-x-auto"}`}
      >
        <table className={`min-w-full text-sm ${cards ? "block md:table" : ""}`}>
          <caption className="sr-only">{caption}</caption>
          <thead
            className={`bg-slate-50 text-left text-xs uppercase text-slate-500 ${cards ? "hidden md:table-header-group" : ""}`}
          >
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={column.sort?.direction ?? undefined}
                  className={`${CELL} ${column.className ?? ""}`}
                >
                  {column.sort ? (
                    <Link
                      href={column.sort.href}
                      className="inline-flex items-center gap-1 hover:underline"
                    >
                      {column.header}
                      <span aria-hidden="true">
                        {column.sort.direction === "ascending"
                          ? "↑"
                          : column.sort.direction === "descending"
                            ? "↓"
                            : "↕"}
                      </span>
                    </Link>
                  ) : (
                    column.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={`divide-y divide-slate-100 ${cards ? "block md:table-row-group" : ""}`}>
            {rows.map((row) => (
              <tr
                key={rowKey(row)}
                {...rowAttributes?.(row)}
                className={
                  cards
                    ? "grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 p-3 md:table-row md:p-0"
                    : undefined
                }
              >
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={
                      cards
                        ? `${CARD_CELL} ${column.card ?? "col-span-2"} ${column.className ?? ""}`
                        : `${CELL} ${column.className ?? ""}`
                    }
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pagination && (pagination.previous || pagination.next) ? (
        <nav aria-label={pagination.label} className="flex justify-between text-sm">
          {pagination.previous ? (
            <Link
              className="inline-flex min-h-11 items-center text-brand-700 underline"
              href={pagination.previous.href}
            >
              {pagination.previous.label}
            </Link>
          ) : (
            <span />
          )}
          {pagination.next ? (
            <Link
              className="inline-flex min-h-11 items-center text-brand-700 underline"
              href={pagination.next.href}
            >
              {pagination.next.label}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/** A table's shape while its page loads (loading.tsx): grey bars, announced as loading. */
export function TableSkeleton({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="animate-pulse space-y-2 rounded-lg border border-slate-200 bg-surface p-4 motion-reduce:animate-none"
    >
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-6 rounded bg-slate-100" />
      ))}
    </div>
  );
}
