// A charger's recent charging sessions, newest first.
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { chargingSessions, type ChargingSession } from "@/db/schema";

export async function listRecentSessions(
  db: Db,
  chargerId: string,
  limit = 20,
): Promise<ChargingSession[]> {
  return db
    .select()
    .from(chargingSessions)
    .where(eq(chargingSessions.chargerId, chargerId))
    .orderBy(desc(chargingSessions.startedAt))
    .limit(limit);
}
