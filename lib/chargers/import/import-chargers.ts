// "Import CSV" on the charger list: every row checked first (a report by line), then, when the
// administrator confirms and no row has an error, all of it written in one transaction, or
// none of it. A row whose serial is already the organisation's updates its name and site; a
// new serial needs its label's PUK, exactly as "Add charger" does (proof of possession), so an
// import can no more probe other organisations' serial numbers than the form can.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { chargers, type Site } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { checkFeature, describeUnavailable } from "@/lib/features";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import { msg, type Message } from "@/lib/i18n/message";
import { partNumberMessage } from "@/lib/i18n/wallbox-messages";
import { issueMessages } from "@/lib/i18n/zod-messages";
import { sitesOfOrganization } from "@/lib/sites/queries";
import { addChargerSchema } from "@/lib/validations/charger";
import { parsePartNumber } from "@plugboard/wallbox";
import { buildChargerRow } from "../charger-row";
import { issueDeviceCredential } from "../device-credential";
import { isChargerPuk } from "../puk";
import { registerNewCharger } from "../register-new-charger";
import { IMPORT_MAX_BYTES, readChargerCsv, type ImportRow } from "./read-charger-csv";

export const importChargersSchema = z.object({
  csv: z.string().max(IMPORT_MAX_BYTES * 2),
  /** Absent: check only. Present: write, if every row is right. */
  confirm: z
    .union([z.literal("on"), z.literal("")])
    .optional()
    .transform((v) => v === "on"),
});

/** Thrown inside the transaction to roll it all back: a serial was taken since the check. */
class AddedMeanwhile extends Error {
  constructor(readonly serial: string) {
    super(`charger ${serial} was added meanwhile`);
  }
}

export interface ImportPlanRow {
  line: number;
  serialNumber: string;
  name: string;
  site: string | null;
  action: "add" | "update";
}

export interface ImportResult {
  rows: ImportPlanRow[];
  applied: boolean;
}

const rowFields = addChargerSchema.pick({ serialNumber: true, name: true, partNumber: true });

type Checked =
  | { ok: true; plan: ImportPlanRow; partNumber: string; siteId: string | null }
  | { ok: false; line: number; errors: Message[] };

/** Each row's plan, or its errors; nothing is written here. */
async function checkRows(
  rows: ImportRow[],
  context: {
    existing: Map<string, { organizationId: string; partNumber: string }>;
    organizationId: string;
    sites: Site[];
    factoryKey: string | undefined;
  },
): Promise<Checked[]> {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const serial = row.values.serial_number.toUpperCase();
    seen.set(serial, (seen.get(serial) ?? 0) + 1);
  }
  const siteByName = new Map(context.sites.map((s) => [s.name.toLowerCase(), s]));
  return rows.map((row): Checked => {
    const errors: Message[] = [];
    const parsed = rowFields.safeParse({
      serialNumber: row.values.serial_number,
      name: row.values.name,
      partNumber: row.values.part_number,
    });
    if (!parsed.success) {
      // The form's own messages name the field ("Serial number may contain only …").
      errors.push(...Object.values(issueMessages(parsed.error.issues)).flat());
    }
    const serial = row.values.serial_number.toUpperCase();
    if (serial && (seen.get(serial) ?? 0) > 1) {
      errors.push(msg("import.errors.duplicateSerial", { serial }));
    }
    const siteName = row.values.site;
    const site = siteName ? siteByName.get(siteName.toLowerCase()) : undefined;
    if (siteName && !site) errors.push(msg("import.errors.unknownSite", { site: siteName }));
    if (!parsed.success) return { ok: false, line: row.line, errors };

    const known = context.existing.get(parsed.data.serialNumber);
    const ours = known?.organizationId === context.organizationId;
    const decoded = parsePartNumber(parsed.data.partNumber);
    if (!decoded.ok) errors.push(partNumberMessage(decoded.error));
    if (ours && decoded.ok && known.partNumber !== decoded.value.partNumber) {
      errors.push(msg("import.errors.partNumberDiffers", { stored: known.partNumber }));
    }
    if (!ours) {
      // A new serial (or another organisation's: the answer is the same without the PUK).
      if (!context.factoryKey) errors.push(msg("errors.addingChargersUnavailable"));
      else if (!isChargerPuk(parsed.data.serialNumber, row.values.puk, context.factoryKey)) {
        errors.push(row.values.puk ? msg("errors.wrongPuk") : msg("import.errors.pukRequired"));
      } else if (known) errors.push(msg("errors.chargerInOtherOrganization"));
    }
    if (errors.length > 0 || !decoded.ok) return { ok: false, line: row.line, errors };
    return {
      ok: true,
      plan: {
        line: row.line,
        serialNumber: parsed.data.serialNumber,
        name: parsed.data.name,
        site: site?.name ?? null,
        action: ours ? "update" : "add",
      },
      partNumber: decoded.value.partNumber,
      siteId: site?.id ?? null,
    };
  });
}

export const importChargers = defineAction({
  name: "importChargers",
  permission: "charger:create",
  schema: importChargersSchema,
  async handler({ user, db, services }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", msg("errors.onlyAdminsAddChargers"));
    // A bulk fleet operation: the Business plan's (lib/features/table.ts).
    const plan = await findOrganizationPlan(db, organizationId);
    const feature = checkFeature("bulkOperations", { plan: plan ?? "basic" });
    if (!feature.available) return fail("forbidden", describeUnavailable(feature));
    const read = readChargerCsv(input.csv);
    if (!read.ok) return fail("invalid", read.error, { csv: [read.error] });

    const serials = [...new Set(read.rows.map((r) => r.values.serial_number.toUpperCase()))];
    const existingRows = serials.length
      ? await db
          .select({
            serialNumber: chargers.serialNumber,
            organizationId: chargers.organizationId,
            partNumber: chargers.partNumber,
          })
          .from(chargers)
          .where(inArray(chargers.serialNumber, serials))
      : [];
    const checked = await checkRows(read.rows, {
      existing: new Map(existingRows.map((r) => [r.serialNumber, r])),
      organizationId,
      sites: await sitesOfOrganization(db, organizationId),
      factoryKey: services.factoryKey,
    });
    const failures = checked.flatMap((c) => (c.ok ? [] : [c]));
    if (failures.length > 0) {
      return fail(
        "invalid",
        msg("import.errors.rowsHaveErrors", { count: failures.length, total: checked.length }),
        Object.fromEntries(failures.map((f) => [`line ${f.line}`, f.errors])),
      );
    }
    const planned = checked.flatMap((c) => (c.ok ? [c] : []));
    const rows = planned.map((c) => c.plan);
    if (!input.confirm) {
      return {
        ok: true as const,
        data: { rows, applied: false } as ImportResult,
        message: msg("import.checked", { count: rows.length }),
      };
    }

    const credentials = new Map<string, { secret: string; hash: string }>();
    const added = await db
      .transaction(async (tx) => {
        const inserts: Array<{ id: string; serialNumber: string; partNumber: string }> = [];
        for (const row of planned) {
          if (row.plan.action === "update") {
            await tx
              .update(chargers)
              .set({ name: row.plan.name, siteId: row.siteId })
              .where(
                and(
                  eq(chargers.serialNumber, row.plan.serialNumber),
                  eq(chargers.organizationId, organizationId),
                ),
              );
            continue;
          }
          const decoded = parsePartNumber(row.partNumber);
          if (!decoded.ok)
            throw new Error(`checked part number ${row.partNumber} no longer parses`);
          const credential = issueDeviceCredential();
          credentials.set(row.plan.serialNumber, credential);
          const [inserted] = await tx
            .insert(chargers)
            .values({
              ...buildChargerRow(decoded.value, {
                organizationId,
                serialNumber: row.plan.serialNumber,
                name: row.plan.name,
                credentialHash: credential.hash,
              }),
              siteId: row.siteId,
            })
            .onConflictDoNothing({ target: chargers.serialNumber })
            .returning({ id: chargers.id });
          // Someone added it since the check: roll everything back, all or nothing.
          if (!inserted) throw new AddedMeanwhile(row.plan.serialNumber);
          inserts.push({
            id: inserted.id,
            serialNumber: row.plan.serialNumber,
            partNumber: decoded.value.partNumber,
          });
        }
        return inserts;
      })
      .catch((error: unknown) => {
        if (error instanceof AddedMeanwhile) return error;
        throw error;
      });
    if (added instanceof AddedMeanwhile) {
      return fail("conflict", msg("import.errors.addedMeanwhile", { serial: added.serial }));
    }
    // Outside the transaction: the device manager learns each new charger's credential hash
    // (retried in the background when it is down), and the demo's fleet gets its charger.
    for (const charger of added) {
      await registerNewCharger(db, services, {
        ...charger,
        organizationId,
        credential: credentials.get(charger.serialNumber)!,
      });
    }
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "chargers.import",
      after: {
        added: rows.filter((r) => r.action === "add").map((r) => r.serialNumber),
        updated: rows.filter((r) => r.action === "update").map((r) => r.serialNumber),
      },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { rows, applied: true } as ImportResult,
      message: msg("import.done", {
        added: added.length,
        updated: rows.length - added.length,
      }),
    };
  },
});
