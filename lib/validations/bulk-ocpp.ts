// The bulk OCPP form: which chargers (a filter of the list, or ids), what to set, how fast.
import { z } from "zod";
import { checkTemplate } from "@/lib/bulk/identity-template";
import { STATUS_FILTERS } from "@/lib/chargers/status";
import { REASON_FILTERS } from "@/lib/chargers/list-params";
import { messageKey, msg } from "@/lib/i18n/message";
import { checkbox, checkCentralSystemUrl, checkPassword, issue } from "./ocpp-settings";

const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

export const BULK_RATE_MAX = 100;
export const BULK_CONCURRENCY_MAX = 1000;

export const bulkOcppSchema = z
  .object({
    requestId: z.string().uuid(messageKey("errors.reloadAndRetry")),
    /** "preview" lists what would happen; "start" starts the job. */
    mode: z.enum(["preview", "start"]).default("preview"),
    /** Support chooses the organisation; an administrator's is their own. */
    organizationId: optional.pipe(
      z.string().uuid(messageKey("errors.organizationNotFound")).optional(),
    ),
    /** Chargers chosen one by one (comma-separated ids); absent, the filter chooses. */
    ids: optional,
    q: optional.pipe(z.string().max(100).optional()),
    model: optional.pipe(z.enum(["CPB1", "PLP1", "PUP1", "CMX2"]).optional()),
    status: optional.pipe(z.enum(STATUS_FILTERS).optional()),
    site: optional.pipe(z.union([z.literal("none"), z.string().uuid()]).optional()),
    reason: optional.pipe(z.enum(REASON_FILTERS).optional()),
    enabled: checkbox,
    url: z.string().trim().max(2048, messageKey("ocpp.validation.urlTooLong")).default(""),
    identityTemplate: z.string().trim().max(200).default(""),
    password: z.string().default(""),
    clearPassword: checkbox,
    acceptTerms: checkbox,
    ratePerSecond: z.coerce
      .number()
      .int(messageKey("bulk.validation.rate"))
      .min(1, messageKey("bulk.validation.rate"))
      .max(BULK_RATE_MAX, messageKey("bulk.validation.rate"))
      .default(5),
    concurrency: z.coerce
      .number()
      .int(messageKey("bulk.validation.concurrency"))
      .min(1, messageKey("bulk.validation.concurrency"))
      .max(BULK_CONCURRENCY_MAX, messageKey("bulk.validation.concurrency"))
      .default(50),
  })
  .superRefine((input, ctx) => {
    if (!input.acceptTerms) ctx.addIssue(issue("acceptTerms", msg("ocpp.validation.acceptTerms")));
    if (input.enabled || input.url) {
      const problem = input.url
        ? checkCentralSystemUrl(input.url)
        : msg("ocpp.validation.urlRequired");
      if (problem) ctx.addIssue(issue("url", problem));
    }
    if (input.enabled || input.identityTemplate) {
      const problem = checkTemplate(input.identityTemplate);
      if (problem) ctx.addIssue(issue("identityTemplate", problem));
    }
    checkPassword(input, ctx);
    if (input.ids && !input.ids.split(",").every((id) => /^[0-9a-f-]{36}$/i.test(id.trim()))) {
      ctx.addIssue(issue("ids", msg("errors.unknownCharger")));
    }
  });

export type BulkOcppInput = z.infer<typeof bulkOcppSchema>;
