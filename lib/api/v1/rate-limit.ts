// Each API token may make LIMIT requests per minute (a fixed window counted in the database, so
// all portal processes share it); past that, 429 with Retry-After until the next minute.
import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiRequestCounts } from "@/db/schema";

export const REQUESTS_PER_MINUTE = 300;
const WINDOW_MS = 60_000;

/** Counts this request; the seconds to wait when the token is over its limit, else 0. */
export async function countApiRequest(
  db: Db,
  tokenId: string,
  now = new Date(),
  limit = REQUESTS_PER_MINUTE,
): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const [row] = await db
    .insert(apiRequestCounts)
    .values({ tokenId, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [apiRequestCounts.tokenId, apiRequestCounts.windowStart],
      set: { count: sql`${apiRequestCounts.count} + 1` },
    })
    .returning({ count: apiRequestCounts.count });
  if ((row?.count ?? 0) <= limit) return 0;
  return Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
}

/** Windows older than an hour are of no use (run with the portal's background jobs). */
export async function pruneApiRequestCounts(db: Db, now = new Date()): Promise<void> {
  await db
    .delete(apiRequestCounts)
    .where(lt(apiRequestCounts.windowStart, new Date(now.getTime() - 3_600_000)));
}
