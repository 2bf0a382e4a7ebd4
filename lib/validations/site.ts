// Fields of a site (name, address, time zone), shared by the form and the server actions.
import { z } from "zod";
import { isTimeZone } from "@/lib/account/preferences";
import { messageKey } from "@/lib/i18n/message";

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.string().uuid(messageKey("sites.validation.unknownSite")).optional());

export const SITE_NAME_MAX = 80;
export const SITE_ADDRESS_MAX = 200;

export const saveSiteSchema = z.object({
  /** Absent: a new site. */
  siteId: optionalId,
  name: z
    .string()
    .trim()
    .min(1, messageKey("sites.validation.nameRequired"))
    .max(SITE_NAME_MAX, messageKey("sites.validation.nameTooLong"))
    .regex(/^[^\p{Cc}]*$/u, messageKey("sites.validation.noControl")),
  address: z
    .string()
    .trim()
    .max(SITE_ADDRESS_MAX, messageKey("sites.validation.addressTooLong"))
    .regex(/^[^\p{Cc}]*$/u, messageKey("sites.validation.noControl"))
    .default(""),
  timeZone: z.string().trim().refine(isTimeZone, messageKey("sites.validation.timeZone")),
});

export const deleteSiteSchema = z.object({
  siteId: z.string().uuid(messageKey("sites.validation.unknownSite")),
});

export const assignChargerSiteSchema = z.object({
  chargerId: z.string().uuid(messageKey("errors.unknownCharger")),
  /** Empty: the charger leaves its site. */
  siteId: optionalId,
});

export type SaveSiteInput = z.infer<typeof saveSiteSchema>;
