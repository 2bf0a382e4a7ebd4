// Data the browser tests need beyond the demo: written into the e2e database before the
// servers start (PGlite is single-process, so never while they run).
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers, sites } from "@/db/schema";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";

import {
  ALERTS_ADMIN,
  ALERTS_CHARGER,
  ALERTS_CPO,
  BULK_ADMIN,
  BULK_CHARGERS,
  BULK_CPO,
  BULK_NO_OCPP,
  BULK_RESTART_CHARGERS,
  BULK_SLOW_CHARGERS,
  DASH_ADMIN,
  DASH_CHARGERS,
  DASH_CPO,
  E2E_PASSWORD,
  KEYBOARD_CHARGER,
  OCPP_ADMIN,
  OCPP_CHARGERS,
  OCPP_CPO,
  PAGING_ADMIN,
  PROBE_CHARGER,
  PREFERENCES_USER,
  PAGING_CPO,
  SEQUENCE_CHARGERS,
  SESSIONS_USER,
  THROTTLE_USER,
  TWO_STEP_USER,
} from "./constants";

export * from "./constants";

export async function writeE2eFixtures(
  db: Db,
  { provisionDir }: { provisionDir: string },
): Promise<void> {
  const org = await createOrganization(db, { name: "Paging Fleet", plan: "business" });
  await createUser(db, {
    role: "admin",
    organizationId: org.id,
    email: PAGING_ADMIN,
    password: E2E_PASSWORD,
  });
  await createUser(db, {
    role: "cpo",
    organizationId: org.id,
    email: PAGING_CPO,
    password: E2E_PASSWORD,
  });
  await createUser(db, {
    role: "cpo",
    organizationId: org.id,
    email: THROTTLE_USER,
    password: E2E_PASSWORD,
  });
  await createUser(db, {
    role: "cpo",
    organizationId: org.id,
    email: SESSIONS_USER,
    password: E2E_PASSWORD,
  });
  await createUser(db, {
    role: "cpo",
    organizationId: org.id,
    email: TWO_STEP_USER,
    password: E2E_PASSWORD,
  });
  const statuses = ["connected", "connecting", "error", "disabled"] as const;
  for (let i = 0; i < 130; i++) {
    const status = statuses[i % statuses.length]!;
    await createCharger(db, {
      organizationId: org.id,
      serialNumber: `PG${String(i).padStart(4, "0")}`,
      name: `Paging ${String(i).padStart(3, "0")}`,
      partNumber: i % 5 === 0 ? "CPB1-S-2-4-8" : "PLP1-0-2-4-9",
      online: true,
      ocppStatus: status,
      ocppReason: status === "error" ? "connection_refused" : null,
      lastSeenAt: new Date(),
      // Registered already: these chargers exist only in the database.
      deviceRegisteredAt: new Date(),
    });
  }

  const ocppOrg = await createOrganization(db, { name: "OCPP Trials", plan: "standard" });
  await createUser(db, {
    role: "admin",
    organizationId: ocppOrg.id,
    email: OCPP_ADMIN,
    password: E2E_PASSWORD,
  });
  await createUser(db, {
    role: "cpo",
    organizationId: ocppOrg.id,
    email: OCPP_CPO,
    password: E2E_PASSWORD,
  });
  await createUser(db, {
    role: "admin",
    organizationId: ocppOrg.id,
    email: PREFERENCES_USER,
    password: E2E_PASSWORD,
  });
  // OCPP enabled in the portal (no virtual charger behind it): for feature availability.
  await createCharger(db, {
    organizationId: ocppOrg.id,
    serialNumber: "E2E-OCPP-ON",
    name: "Trial OCPP on",
    partNumber: "CMX2-0-2-4-8",
    ocppEnabled: true,
    ocppUrl: "ws://127.0.0.1:9/ocpp",
    ocppIdentity: "E2E-OCPP-ON",
  });
  const ocppChargers: Array<[string, string]> = [
    ...OCPP_CHARGERS.map((serial): [string, string] => [serial, `Trial ${serial.slice(-1)}`]),
    ...Object.entries(SEQUENCE_CHARGERS),
    [KEYBOARD_CHARGER.serial, KEYBOARD_CHARGER.name],
    [PROBE_CHARGER.serial, PROBE_CHARGER.name],
  ];
  for (const [serialNumber, name] of ocppChargers) {
    const charger = await createCharger(db, {
      organizationId: ocppOrg.id,
      serialNumber,
      name,
      partNumber: "CMX2-0-2-4-8",
    });
    await provisionVirtualCharger(provisionDir, {
      serialNumber,
      partNumber: charger.partNumber,
      firmwareVersion: "5.17.2",
      deviceSecret: charger.deviceSecret,
    });
  }

  const bulkOrg = await createOrganization(db, { name: "Bulk Fleet", plan: "business" });
  for (const [email, role] of [
    [BULK_ADMIN, "admin"],
    [BULK_CPO, "cpo"],
  ] as const) {
    await createUser(db, { role, organizationId: bulkOrg.id, email, password: E2E_PASSWORD });
  }
  for (const [siteName, serials] of [
    ["Bulk depot", [...BULK_CHARGERS, BULK_NO_OCPP]],
    ["Bulk slow", BULK_SLOW_CHARGERS],
    ["Bulk restart", BULK_RESTART_CHARGERS],
  ] as const) {
    const [site] = await db
      .insert(sites)
      .values({ organizationId: bulkOrg.id, name: siteName, timeZone: "Europe/Paris" })
      .returning();
    for (const serialNumber of serials) {
      const ocpp = serialNumber !== BULK_NO_OCPP;
      const charger = await createCharger(db, {
        organizationId: bulkOrg.id,
        serialNumber,
        name: `Bulk ${serialNumber.slice(4)}`,
        partNumber: ocpp ? "CMX2-0-2-4-8" : "PLP1-0-2-4-1",
      });
      await db.update(chargers).set({ siteId: site!.id }).where(eq(chargers.id, charger.id));
      if (ocpp) {
        await provisionVirtualCharger(provisionDir, {
          serialNumber,
          partNumber: charger.partNumber,
          firmwareVersion: "5.17.2",
          deviceSecret: charger.deviceSecret,
        });
      }
    }
  }

  const dashOrg = await createOrganization(db, { name: "Dash Fleet", plan: "standard" });
  for (const [email, role] of [
    [DASH_ADMIN, "admin"],
    [DASH_CPO, "cpo"],
  ] as const) {
    await createUser(db, { role, organizationId: dashOrg.id, email, password: E2E_PASSWORD });
  }
  const [dashSite] = await db
    .insert(sites)
    .values({ organizationId: dashOrg.id, name: "Dash depot", timeZone: "Europe/Paris" })
    .returning();
  for (const [serialNumber, name] of Object.entries(DASH_CHARGERS)) {
    const charger = await createCharger(db, {
      organizationId: dashOrg.id,
      serialNumber,
      name,
      partNumber: "CMX2-0-2-4-8",
      siteId: dashSite!.id,
    });
    await provisionVirtualCharger(provisionDir, {
      serialNumber,
      partNumber: charger.partNumber,
      firmwareVersion: "5.17.2",
      deviceSecret: charger.deviceSecret,
    });
  }

  const alertsOrg = await createOrganization(db, { name: "Alert Fleet", plan: "standard" });
  for (const [email, role] of [
    [ALERTS_ADMIN, "admin"],
    [ALERTS_CPO, "cpo"],
  ] as const) {
    await createUser(db, { role, organizationId: alertsOrg.id, email, password: E2E_PASSWORD });
  }
  const alertCharger = await createCharger(db, {
    organizationId: alertsOrg.id,
    serialNumber: ALERTS_CHARGER.serial,
    name: ALERTS_CHARGER.name,
    partNumber: "CMX2-0-2-4-8",
  });
  await provisionVirtualCharger(provisionDir, {
    serialNumber: ALERTS_CHARGER.serial,
    partNumber: alertCharger.partNumber,
    firmwareVersion: "5.17.2",
    deviceSecret: alertCharger.deviceSecret,
  });
}
