// Restart and factory reset: which charger, a request id (idempotency) and a reason.
import { z } from "zod";
import { messageKey, msg } from "@/lib/i18n/message";

export const chargerCommandSchema = z.object({
  chargerId: z.string().uuid(messageKey("errors.unknownCharger")),
  requestId: z.string().uuid(messageKey("errors.reloadAndRetry")),
  reason: z
    .string()
    .trim()
    .max(500, messageKey("errors.reasonTooLong"))
    .default("")
    .transform((v) => v || null),
});

export type ChargerCommandInput = z.infer<typeof chargerCommandSchema>;

/** Support staff act on other organisations' chargers: they always say why. */
export const REASON_REQUIRED_MESSAGE = msg("errors.reasonRequired");
