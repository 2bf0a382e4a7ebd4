// Fields of the "Add charger" form, shared by the browser form and the server action.
import { z } from "zod";
import { parsePartNumber } from "@plugboard/wallbox";
import { messageKey } from "@/lib/i18n/message";
import { partNumberMessage } from "@/lib/i18n/wallbox-messages";

export const addChargerSchema = z.object({
  serialNumber: z
    .string()
    .trim()
    .min(1, messageKey("fleet.validation.serialRequired"))
    .max(32, messageKey("fleet.validation.serialTooLong"))
    .regex(/^[A-Za-z0-9-]+$/, messageKey("fleet.validation.serialCharacters"))
    .transform((s) => s.toUpperCase()),
  puk: z
    .string()
    .trim()
    .min(1, messageKey("fleet.validation.pukRequired"))
    .max(16, messageKey("fleet.validation.pukDigits"))
    .regex(/^[\d\s-]+$/, messageKey("fleet.validation.pukDigits")),
  name: z
    .string()
    .trim()
    .min(1, messageKey("fleet.validation.nameRequired"))
    .max(80, messageKey("fleet.validation.nameTooLong"))
    .regex(/^[^\p{Cc}]*$/u, messageKey("fleet.validation.nameControl")),
  partNumber: z
    .string()
    .trim()
    .min(1, messageKey("fleet.validation.partNumberRequired"))
    .superRefine((value, ctx) => {
      const parsed = parsePartNumber(value);
      if (!parsed.ok) {
        const { key, values } = partNumberMessage(parsed.error);
        ctx.addIssue({ code: "custom", message: key, params: values });
      }
    }),
  vpn: z
    .union([z.literal("on"), z.literal("true"), z.literal(""), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

export type AddChargerInput = z.infer<typeof addChargerSchema>;
