// The REST API spec's own organisation (Business plan, for API tokens) and virtual charger,
// written beside the other e2e fixtures before the servers start.
import type { Db } from "@/db";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { E2E_PASSWORD } from "./constants";

export const API_ADMIN = "admin@api.test";
/** Turned on by the typed example client in e2e/rest-api.spec.ts (nobody else touches it). */
export const API_CHARGER = { serial: "E2E-API-1", name: "Api one" };

export async function writeApiFixtures(
  db: Db,
  { provisionDir }: { provisionDir: string },
): Promise<void> {
  const org = await createOrganization(db, { name: "Api Fleet", plan: "business" });
  await createUser(db, {
    role: "admin",
    organizationId: org.id,
    email: API_ADMIN,
    password: E2E_PASSWORD,
  });
  const charger = await createCharger(db, {
    organizationId: org.id,
    serialNumber: API_CHARGER.serial,
    name: API_CHARGER.name,
    partNumber: "CMX2-0-2-4-8",
  });
  await provisionVirtualCharger(provisionDir, {
    serialNumber: API_CHARGER.serial,
    partNumber: charger.partNumber,
    firmwareVersion: "5.17.2",
    deviceSecret: charger.deviceSecret,
  });
}
