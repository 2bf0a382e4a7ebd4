// Demo data for `npm start`: written only into an empty database, never over real data.
import { count } from "drizzle-orm";
import type { Db } from "@/db";
import { buildChargerRow } from "@/lib/chargers/charger-row";
import { issueDeviceCredential } from "@/lib/chargers/device-credential";
import { hashPassword } from "@/lib/auth/password";
import { sealSecret } from "@/lib/auth/two-step/secret-box";
import { parsePartNumber, type NetworkType } from "@plugboard/wallbox";
import { alertRules, chargers, organizations, sites, users, type Plan } from "../../db/schema";

export const DEMO_PASSWORD = "plugboard-demo";
/**
 * Support accounts must use two-step verification; the demo's has it on with this published
 * key (add it to an authenticator app, or `npm run demo:code` prints the current code).
 */
export const DEMO_SUPPORT_TOTP_SECRET = "PLUGBOARDDEMOSUPPORTTOTPKEY23456";

export const DEMO_ACCOUNTS = [
  { email: "admin@plugboard.test", role: "admin", organization: "Volta Parking" },
  { email: "cpo@plugboard.test", role: "cpo", organization: "Volta Parking" },
  { email: "support@plugboard.test", role: "support", organization: null },
  { email: "admin@greenway.test", role: "admin", organization: "Greenway Hotels" },
] as const;

interface DemoCharger {
  name: string;
  partNumber: string;
  firmware: string;
  network?: NetworkType;
  vpn?: boolean;
}

interface DemoSite {
  name: string;
  address: string;
  timeZone: string;
  /** The chargers on it, by the start of their names. */
  namesStartingWith: string[];
}

const DEMO_FLEETS: Record<string, { plan: Plan; sites: DemoSite[]; chargers: DemoCharger[] }> = {
  "Volta Parking": {
    plan: "standard",
    // The fleet vans and the rooftop stay on no site, as chargers not yet placed do.
    sites: [
      {
        name: "Lyon Part-Dieu garage",
        address: "17 rue du Docteur Bouchut, 69003 Lyon",
        timeZone: "Europe/Paris",
        namesStartingWith: ["Level -1", "Level -2"],
      },
      {
        name: "Paris Bercy offices",
        address: "40 quai de Bercy, 75012 Paris",
        timeZone: "Europe/Paris",
        namesStartingWith: ["Entrance", "Staff"],
      },
      {
        name: "Montréal visitor lot",
        address: "1000 rue De La Gauchetière O, Montréal",
        timeZone: "America/Toronto",
        namesStartingWith: ["Visitor NA"],
      },
    ],
    chargers: [
      { name: "Level -1 bay 01", partNumber: "PLP1-0-2-4-9-002-E", firmware: "6.2.14" },
      { name: "Level -1 bay 02", partNumber: "PLP1-0-2-4-9", firmware: "6.2.14" },
      { name: "Level -1 bay 03", partNumber: "PLP1-M-2-3-9", firmware: "6.2.14" },
      { name: "Level -1 bay 04", partNumber: "PLP1-0-2-2-F", firmware: "6.1.9" },
      { name: "Level -1 bay 05", partNumber: "PLP1-0-1-2-9", firmware: "6.2.14" },
      {
        name: "Level -2 bay 01",
        partNumber: "CMX2-0-2-4-8",
        firmware: "5.17.2",
        network: "ethernet",
      },
      {
        name: "Level -2 bay 02",
        partNumber: "CMX2-M-2-4-8",
        firmware: "5.17.2",
        network: "mobile",
      },
      { name: "Level -2 bay 03", partNumber: "CMX2-0-1-3-8", firmware: "5.16.0", network: "wifi" },
      {
        name: "Level -2 bay 04",
        partNumber: "CMX2-0-2-4-8",
        firmware: "5.17.2",
        network: "ethernet",
        vpn: true,
      },
      {
        name: "Entrance Copper A",
        partNumber: "CPB1-S-2-4-8",
        firmware: "5.9.1",
        network: "ethernet",
      },
      {
        name: "Entrance Copper B",
        partNumber: "CPB1-W-2-3-8",
        firmware: "5.9.1",
        network: "mobile",
      },
      {
        name: "Staff Copper",
        partNumber: "CPB1-S-2-4-8",
        firmware: "5.9.1",
        network: "ethernet",
        vpn: true,
      },
      { name: "Visitor NA 1", partNumber: "PUP1-U-1-5-C", firmware: "6.2.14" },
      { name: "Visitor NA 2", partNumber: "PUP1-U-1-6-G-002", firmware: "6.2.14" },
      { name: "Fleet van 1", partNumber: "PLP1-0-2-4-1", firmware: "5.5.3" },
      { name: "Fleet van 2", partNumber: "CMX2-0-2-3-1", firmware: "5.5.3", network: "ethernet" },
      { name: "Rooftop Pulsar", partNumber: "PLP1-M-2-4-9", firmware: "6.2.14" },
      {
        name: "Rooftop Commander",
        partNumber: "CMX2-M-2-4-8",
        firmware: "5.17.2",
        network: "wifi",
      },
    ],
  },
  "Greenway Hotels": {
    plan: "basic",
    sites: [
      {
        name: "Greenway Sevilla",
        address: "Avenida de la Constitución 10, Sevilla",
        timeZone: "Europe/Madrid",
        namesStartingWith: ["Front drive", "Garden", "Valet", "Old wing", "Annex"],
      },
    ],
    chargers: [
      { name: "Front drive 1", partNumber: "PLP1-0-2-3-9", firmware: "6.2.14" },
      { name: "Front drive 2", partNumber: "PLP1-0-2-3-9", firmware: "6.2.14" },
      { name: "Garden Copper", partNumber: "CPB1-W-2-4-8", firmware: "5.9.1", network: "wifi" },
      { name: "Porch NA", partNumber: "PUP1-U-1-6-C", firmware: "6.2.14" },
      {
        name: "Valet Commander",
        partNumber: "CMX2-0-2-4-8",
        firmware: "5.17.2",
        network: "mobile",
      },
      { name: "Old wing", partNumber: "CPB1-S-2-3-1", firmware: "5.2.0", network: "ethernet" },
      { name: "Annex Pulsar", partNumber: "PLP1-M-1-2-F", firmware: "6.1.9" },
    ],
  },
};

export interface SeededCharger {
  serialNumber: string;
  partNumber: string;
  firmwareVersion: string;
  deviceSecret: string;
}

/** Whether the database holds any data a seed could overwrite. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [orgs] = await db.select({ n: count() }).from(organizations);
  const [people] = await db.select({ n: count() }).from(users);
  return (orgs?.n ?? 0) === 0 && (people?.n ?? 0) === 0;
}

/** Seeds the demo when the database is empty; returns the chargers' one-time secrets. */
export async function seedDemoIfEmpty(
  db: Db,
  secrets: { secretBoxKey: Buffer },
): Promise<SeededCharger[] | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const seeded: SeededCharger[] = [];
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const [name, fleet] of Object.entries(DEMO_FLEETS)) {
      const [org] = await tx.insert(organizations).values({ name, plan: fleet.plan }).returning();
      orgIds.set(name, org!.id);
    }
    // Volta's alert rules: a charger given a failing OCPP identity on the demo central system
    // (e.g. CP-REJECTED) opens an alert after 5 minutes in error; one switched off, after 30.
    await tx.insert(alertRules).values([
      { organizationId: orgIds.get("Volta Parking")!, kind: "charger_error", threshold: 5 },
      { organizationId: orgIds.get("Volta Parking")!, kind: "charger_offline", threshold: 30 },
    ]);
    for (const account of DEMO_ACCOUNTS) {
      await tx.insert(users).values({
        email: account.email,
        name: account.email.split("@")[0]!.replace(/^./, (c) => c.toUpperCase()),
        passwordHash,
        role: account.role,
        organizationId: account.organization ? orgIds.get(account.organization)! : null,
        ...(account.role === "support"
          ? {
              totpSecret: sealSecret(secrets.secretBoxKey, DEMO_SUPPORT_TOTP_SECRET),
              totpEnabledAt: now,
            }
          : {}),
      });
    }
    let serial = 100001;
    for (const [orgName, fleet] of Object.entries(DEMO_FLEETS)) {
      const siteOf = new Map<DemoSite, string>();
      for (const site of fleet.sites) {
        const [row] = await tx
          .insert(sites)
          .values({
            organizationId: orgIds.get(orgName)!,
            name: site.name,
            address: site.address,
            timeZone: site.timeZone,
          })
          .returning({ id: sites.id });
        siteOf.set(site, row!.id);
      }
      for (const demo of fleet.chargers) {
        const site = fleet.sites.find((s) =>
          s.namesStartingWith.some((p) => demo.name.startsWith(p)),
        );
        const parsed = parsePartNumber(demo.partNumber);
        if (!parsed.ok)
          throw new Error(`Demo part number ${demo.partNumber}: ${parsed.error.message}`);
        const credential = issueDeviceCredential();
        const serialNumber = String(serial++);
        await tx.insert(chargers).values({
          ...buildChargerRow(parsed.value, {
            organizationId: orgIds.get(orgName)!,
            serialNumber,
            name: demo.name,
            credentialHash: credential.hash,
            networkType: demo.network,
            vpn: demo.vpn,
            firmwareVersion: demo.firmware,
          }),
          siteId: site ? siteOf.get(site)! : null,
        });
        seeded.push({
          serialNumber,
          partNumber: parsed.value.partNumber,
          firmwareVersion: demo.firmware,
          deviceSecret: credential.secret,
        });
      }
    }
  });
  return seeded;
}
