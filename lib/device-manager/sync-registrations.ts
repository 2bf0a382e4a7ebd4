// Registers chargers' device credentials with the device manager. Adding a charger must not
// fail because the device manager is down, so unregistered chargers are retried here.
import "server-only";
import { asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers } from "@/db/schema";
import type { DeviceManagerClient } from "./client";

export async function syncRegistrations(
  db: Db,
  client: DeviceManagerClient,
  limit = 200,
): Promise<{ registered: number; failed: number }> {
  const pending = await db
    .select({
      id: chargers.id,
      serialNumber: chargers.serialNumber,
      hash: chargers.deviceCredentialHash,
      organizationId: chargers.organizationId,
    })
    .from(chargers)
    .where(isNull(chargers.deviceRegisteredAt))
    .orderBy(asc(chargers.createdAt))
    .limit(limit);
  let registered = 0;
  let failed = 0;
  for (const charger of pending) {
    try {
      await client.registerCharger(charger.serialNumber, charger.hash, charger.organizationId);
      await db
        .update(chargers)
        .set({ deviceRegisteredAt: new Date() })
        .where(eq(chargers.id, charger.id));
      registered += 1;
    } catch {
      failed += 1;
      // The device manager is unreachable: stop and try the rest on the next round.
      break;
    }
  }
  return { registered, failed };
}
