// A charger's OCPP connection history and its connected time over the last day and week.
import "server-only";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import {
  keysetPage,
  keysetQuery,
  timeKeyOf,
  type PageRequest,
} from "@/lib/pagination/newest-first";
import type { Db } from "@/db";
import { ocppStatusHistory } from "@/db/schema";
import { connectedTimeBuckets, type Bucket } from "./connected-time";

/** Transitions per page of the history table. */
export const HISTORY_PAGE_SIZE = 20;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface HistoryEntry {
  at: string;
  online: boolean;
  status: string;
  reason: string | null;
  message: string | null;
}

export interface OcppHistory {
  /** One page of transitions, newest first. */
  entries: HistoryEntry[];
  /** The older page after this one, the newer one before it; null where there is none. */
  nextCursor: string | null;
  prevCursor: string | null;
  lastDay: Bucket[];
  lastWeek: Bucket[];
}

export async function loadOcppHistory(
  db: Db,
  chargerId: string,
  page: PageRequest = {},
  now = new Date(),
): Promise<OcppHistory> {
  // Buckets end at the next full hour / day so the current one is partly elapsed.
  const hourEnd = Math.ceil(now.getTime() / HOUR) * HOUR;
  const dayEnd = Math.ceil(now.getTime() / DAY) * DAY;
  const weekStart = new Date(dayEnd - 7 * DAY);
  const dayStart = new Date(hourEnd - DAY);
  const windowStart = weekStart < dayStart ? weekStart : dayStart;

  const keyset = keysetQuery(ocppStatusHistory.at, ocppStatusHistory.id, page);
  const [opening, inWindow, fetched] = await Promise.all([
    db
      .select()
      .from(ocppStatusHistory)
      .where(and(eq(ocppStatusHistory.chargerId, chargerId), lt(ocppStatusHistory.at, windowStart)))
      .orderBy(desc(ocppStatusHistory.at))
      .limit(1),
    db
      .select()
      .from(ocppStatusHistory)
      .where(
        and(eq(ocppStatusHistory.chargerId, chargerId), gte(ocppStatusHistory.at, windowStart)),
      )
      .orderBy(asc(ocppStatusHistory.at), asc(ocppStatusHistory.id))
      .limit(20_000),
    db
      .select({
        id: ocppStatusHistory.id,
        atKey: timeKeyOf(ocppStatusHistory.at),
        at: ocppStatusHistory.at,
        online: ocppStatusHistory.online,
        status: ocppStatusHistory.status,
        reason: ocppStatusHistory.reason,
        message: ocppStatusHistory.message,
      })
      .from(ocppStatusHistory)
      .where(and(eq(ocppStatusHistory.chargerId, chargerId), keyset.where))
      .orderBy(...keyset.orderBy)
      .limit(HISTORY_PAGE_SIZE + 1),
  ]);
  const recent = keysetPage(fetched, HISTORY_PAGE_SIZE, keyset);
  const transitions = [...opening, ...inWindow];
  return {
    nextCursor: recent.nextCursor,
    prevCursor: recent.prevCursor,
    entries: recent.rows.map((r) => ({
      at: r.at.toISOString(),
      online: r.online,
      status: r.status,
      reason: r.reason,
      message: r.message,
    })),
    lastDay: connectedTimeBuckets(transitions, dayStart, HOUR, 24, now),
    lastWeek: connectedTimeBuckets(transitions, weekStart, DAY, 7, now),
  };
}
