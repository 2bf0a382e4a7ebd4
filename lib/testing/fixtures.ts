// Builders for test data: each test makes its own organisations, users and chargers.
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { buildChargerRow } from "@/lib/chargers/charger-row";
import { issueDeviceCredential } from "@/lib/chargers/device-credential";
import { hashPassword } from "@/lib/auth/password";
import { parsePartNumber } from "@plugboard/wallbox";
import type { SessionUser } from "@/lib/permissions";
import {
  chargers,
  organizations,
  users,
  type Charger,
  type NewCharger,
  type Plan,
  type Role,
} from "../../db/schema";

const unique = () => randomBytes(4).toString("hex");

export async function createOrganization(db: Db, fields: { name?: string; plan?: Plan } = {}) {
  const [org] = await db
    .insert(organizations)
    .values({ name: fields.name ?? `Org ${unique()}`, plan: fields.plan ?? "basic" })
    .returning();
  return org!;
}

let cachedHash: Promise<string> | undefined;

export async function createUser(
  db: Db,
  fields: { role: Role; organizationId: string | null; email?: string; password?: string },
): Promise<SessionUser> {
  const passwordHash = fields.password
    ? await hashPassword(fields.password)
    : await (cachedHash ??= hashPassword("test-password"));
  const [user] = await db
    .insert(users)
    .values({
      email: fields.email ?? `${fields.role}-${unique()}@example.test`,
      name: `${fields.role} ${unique()}`,
      passwordHash,
      role: fields.role,
      organizationId: fields.role === "support" ? null : fields.organizationId,
    })
    .returning();
  return {
    id: user!.id,
    email: user!.email,
    name: user!.name,
    role: user!.role,
    organizationId: user!.organizationId,
  };
}

export async function createCharger(
  db: Db,
  fields: {
    organizationId: string;
    partNumber?: string;
    serialNumber?: string;
    name?: string;
  } & Partial<NewCharger>,
): Promise<Charger & { deviceSecret: string }> {
  const { partNumber = "PLP1-0-2-4-9", serialNumber, name, organizationId, ...overrides } = fields;
  const parsed = parsePartNumber(partNumber);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const credential = issueDeviceCredential();
  const row = buildChargerRow(parsed.value, {
    organizationId,
    serialNumber: serialNumber ?? `T${unique().toUpperCase()}`,
    name: name ?? `Charger ${unique()}`,
    credentialHash: credential.hash,
  });
  const [charger] = await db
    .insert(chargers)
    .values({ ...row, ...overrides })
    .returning();
  return { ...charger!, deviceSecret: credential.secret };
}
