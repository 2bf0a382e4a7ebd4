// A charger's recent charging sessions, newest first, with the label of the RFID user whose
// card started each one (portal-managed cards, OCPP off; anonymous sessions never have one).
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { chargingSessions, rfidCards, type ChargingSession } from "@/db/schema";

export type ChargingSessionWithDriver = ChargingSession & { driverLabel: string | null };

export async function listRecentChargingSessions(
  db: Db,
  chargerId: string,
  limit = 20,
): Promise<ChargingSessionWithDriver[]> {
  const rows = await db
    .select({ session: chargingSessions, driverLabel: rfidCards.label })
    .from(chargingSessions)
    .leftJoin(
      rfidCards,
      and(
        eq(rfidCards.chargerId, chargingSessions.chargerId),
        eq(rfidCards.uidLittleEndianHex, chargingSessions.idTag),
      ),
    )
    .where(eq(chargingSessions.chargerId, chargerId))
    .orderBy(desc(chargingSessions.startedAt))
    .limit(limit);
  return rows.map((row) => ({
    ...row.session,
    driverLabel: row.session.anonymous ? null : row.driverLabel,
  }));
}
