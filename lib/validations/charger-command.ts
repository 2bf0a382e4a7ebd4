// Restart and factory reset: which charger, a request id (idempotency) and a reason.
import { z } from "zod";

export const chargerCommandSchema = z.object({
  chargerId: z.string().uuid("Unknown charger."),
  requestId: z.string().uuid("Reload the page and try again."),
  reason: z
    .string()
    .trim()
    .max(500, "The reason is at most 500 characters.")
    .default("")
    .transform((v) => v || null),
});

export type ChargerCommandInput = z.infer<typeof chargerCommandSchema>;

/** Support staff act on other organisations' chargers: they always say why. */
export const REASON_REQUIRED_MESSAGE = "Give a reason: support actions are audited with it.";
