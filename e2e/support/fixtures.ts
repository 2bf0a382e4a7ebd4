// Data the browser tests need beyond the demo: written into the e2e database before the
// servers start (PGlite is single-process, so never while they run).
import type { Db } from "@/db";
import { createCharger, createOrganization, createUser } from "@/db/test-fixtures";

export const E2E_PASSWORD = "e2e-password-1";
export const PAGING_ADMIN = "admin@paging.test";
export const PAGING_CPO = "cpo@paging.test";
export const THROTTLE_USER = "throttle@paging.test";

export async function writeE2eFixtures(db: Db): Promise<void> {
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
    });
  }
}
