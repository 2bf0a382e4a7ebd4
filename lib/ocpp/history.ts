// A charger's OCPP connection history and its connected time over the last day and week.
import "server-only";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { ocppStatusHistory } from "@/db/schema";
import { connectedTimeBuckets, type Bucket } from "./connected-time";

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
  entries: HistoryEntry[];
  lastDay: Bucket[];
  lastWeek: Bucket[];
}

export async function loadOcppHistory(
  db: Db,
  chargerId: string,
  now = new Date(),
): Promise<OcppHistory> {
  // Buckets end at the next full hour / day so the current one is partly elapsed.
  const hourEnd = Math.ceil(now.getTime() / HOUR) * HOUR;
  const dayEnd = Math.ceil(now.getTime() / DAY) * DAY;
  const weekStart = new Date(dayEnd - 7 * DAY);
  const dayStart = new Date(hourEnd - DAY);
  const windowStart = weekStart < dayStart ? weekStart : dayStart;

  const [opening, inWindow, recent] = await Promise.all([
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
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, chargerId))
      .orderBy(desc(ocppStatusHistory.at), desc(ocppStatusHistory.id))
      .limit(50),
  ]);
  const transitions = [...opening, ...inWindow];
  return {
    entries: recent.map((r) => ({
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
