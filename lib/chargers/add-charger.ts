// Server-side "Add charger": decodes the part number, issues the device credential,
// stores the charger in the admin's organisation and audits it.
import "server-only";
import type { z } from "zod";
import { and, eq } from "drizzle-orm";
import { chargers } from "@/db/schema";
import { defineAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { parsePartNumber } from "@plugboard/wallbox";
import { addChargerSchema } from "@/lib/validations/charger";
import { buildChargerRow } from "./charger-row";
import { issueDeviceCredential } from "./device-credential";
import { isChargerPuk } from "./puk";
import { registerNewCharger } from "./register-new-charger";
import { msg } from "@/lib/i18n/message";
import { partNumberMessage } from "@/lib/i18n/wallbox-messages";

export const WRONG_PUK = msg("errors.wrongPuk");

export interface AddChargerResult {
  id: string;
  serialNumber: string;
}

export const addCharger = defineAction({
  name: "addCharger",
  permission: "charger:create",
  schema: addChargerSchema,
  async handler({ user, db, services }, input: z.infer<typeof addChargerSchema>) {
    if (!user.organizationId) return fail("forbidden", msg("errors.onlyAdminsAddChargers"));
    if (!services.factoryKey) {
      return fail("unavailable", msg("errors.addingChargersUnavailable"));
    }
    // Proof of possession first: without the label's PUK nothing is looked up, so a wrong pair
    // reads the same whether the serial is unused or another organisation's.
    if (!isChargerPuk(input.serialNumber, input.puk, services.factoryKey)) {
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        puk: [WRONG_PUK],
      });
    }
    const decoded = parsePartNumber(input.partNumber);
    if (!decoded.ok)
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        partNumber: [partNumberMessage(decoded.error)],
      });
    const credential = issueDeviceCredential();
    const inserted = await db
      .insert(chargers)
      .values(
        buildChargerRow(decoded.value, {
          organizationId: user.organizationId,
          serialNumber: input.serialNumber,
          name: input.name,
          vpn: input.vpn,
          credentialHash: credential.hash,
        }),
      )
      .onConflictDoNothing({ target: chargers.serialNumber })
      .returning({ id: chargers.id });
    const row = inserted[0];
    if (!row) {
      // Whoever holds the label may learn where the charger is registered.
      const ours = await db
        .select({ id: chargers.id })
        .from(chargers)
        .where(
          and(
            eq(chargers.serialNumber, input.serialNumber),
            eq(chargers.organizationId, user.organizationId),
          ),
        )
        .limit(1);
      return fail("conflict", INVALID_FIELDS_MESSAGE, {
        serialNumber: [
          ours.length
            ? msg("errors.chargerInYourOrganization")
            : msg("errors.chargerInOtherOrganization"),
        ],
      });
    }
    await registerNewCharger(db, services, {
      id: row.id,
      serialNumber: input.serialNumber,
      partNumber: decoded.value.partNumber,
      organizationId: user.organizationId,
      credential,
    });
    await recordAudit(db, {
      actor: user,
      organizationId: user.organizationId,
      chargerId: row.id,
      action: "charger.add",
      after: {
        serialNumber: input.serialNumber,
        name: input.name,
        partNumber: decoded.value.partNumber,
        vpn: input.vpn,
      },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { id: row.id, serialNumber: input.serialNumber },
      message: msg("actions.chargerAdded", { serialNumber: input.serialNumber }),
    };
  },
});
