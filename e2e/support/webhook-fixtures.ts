// The webhooks spec's own organisation and virtual charger, written beside the other e2e
// fixtures before the servers start (nobody else touches them, so the events it sees are its
// own).
import type { Db } from "@/db";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { E2E_PASSWORD } from "./constants";

export const HOOKS_ADMIN = "admin@hooks.test";
export const HOOKS_CHARGER = { serial: "E2E-HOOK-1", name: "Hook one" };

export async function writeWebhookFixtures(
  db: Db,
  { provisionDir }: { provisionDir: string },
): Promise<void> {
  const org = await createOrganization(db, { name: "Hook Fleet", plan: "standard" });
  await createUser(db, {
    role: "admin",
    organizationId: org.id,
    email: HOOKS_ADMIN,
    password: E2E_PASSWORD,
  });
  const charger = await createCharger(db, {
    organizationId: org.id,
    serialNumber: HOOKS_CHARGER.serial,
    name: HOOKS_CHARGER.name,
    partNumber: "CMX2-0-2-4-8",
  });
  await provisionVirtualCharger(provisionDir, {
    serialNumber: HOOKS_CHARGER.serial,
    partNumber: charger.partNumber,
    firmwareVersion: "5.17.2",
    deviceSecret: charger.deviceSecret,
  });
}
