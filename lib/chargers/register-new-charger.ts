// After a charger is stored: hand its credential hash to the device manager (retried later by
// syncRegistrations when it is down) and, in the demo, provision a virtual charger for it.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers } from "@/db/schema";
import type { ActionServices } from "@/lib/actions/safe-action";
import { provisionVirtualCharger } from "./provision-virtual-charger";

/** Firmware a freshly provisioned virtual charger reports until it is updated. */
export const VIRTUAL_FACTORY_FIRMWARE = "6.2.14";

export async function registerNewCharger(
  db: Db,
  services: ActionServices,
  charger: {
    id: string;
    serialNumber: string;
    partNumber: string;
    organizationId: string;
    credential: { secret: string; hash: string };
  },
): Promise<void> {
  if (services.deviceManager) {
    try {
      await services.deviceManager.registerCharger(
        charger.serialNumber,
        charger.credential.hash,
        charger.organizationId,
      );
      await db
        .update(chargers)
        .set({ deviceRegisteredAt: new Date() })
        .where(eq(chargers.id, charger.id));
    } catch (error) {
      console.warn(
        `[portal] charger ${charger.serialNumber} not registered yet:`,
        (error as Error).message,
      );
    }
  }
  if (services.fleetProvisionDir) {
    await provisionVirtualCharger(services.fleetProvisionDir, {
      serialNumber: charger.serialNumber,
      partNumber: charger.partNumber,
      firmwareVersion: VIRTUAL_FACTORY_FIRMWARE,
      deviceSecret: charger.credential.secret,
    });
  }
}
