// Fields of the "Add charger" form, shared by the browser form and the server action.
import { z } from "zod";
import { parsePartNumber } from "@plugboard/wallbox";

export const addChargerSchema = z.object({
  serialNumber: z
    .string()
    .trim()
    .min(1, "Serial number is required.")
    .max(32, "Serial number is at most 32 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "Serial number may contain only letters, digits and dashes.")
    .transform((s) => s.toUpperCase()),
  puk: z
    .string()
    .trim()
    .min(1, "PUK is required: it is on the charger's label, beside the serial number.")
    .max(16, "The PUK is 8 digits.")
    .regex(/^[\d\s-]+$/, "The PUK is 8 digits."),
  name: z
    .string()
    .trim()
    .min(1, "Name is required.")
    .max(80, "Name is at most 80 characters.")
    .regex(/^[^\p{Cc}]*$/u, "Name may not contain control characters."),
  partNumber: z
    .string()
    .trim()
    .min(1, "Part number is required.")
    .superRefine((value, ctx) => {
      const parsed = parsePartNumber(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error.message });
    }),
  vpn: z
    .union([z.literal("on"), z.literal("true"), z.literal(""), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

export type AddChargerInput = z.infer<typeof addChargerSchema>;
