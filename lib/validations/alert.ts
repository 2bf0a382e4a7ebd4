// Fields of alert rules and acknowledgements, shared by the forms and the
// server actions. A threshold's range depends on the rule's kind (minutes or a percentage).
import { z } from "zod";
import { ALERT_RULE_KINDS, thresholdRange } from "@/lib/alerts/rule-kinds";
import { messageKey } from "@/lib/i18n/message";
import { checkbox } from "./ocpp-settings";

const ruleId = z.string().uuid(messageKey("alerts.validation.unknownRule"));

const optionalRuleId = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(ruleId.optional());

/** Digits only: "-5", "2.5", "1e3" and "" are refused, not read as some other number. */
const WHOLE = /^\d{1,9}$/;

export const saveAlertRuleSchema = z
  .object({
    /** Absent: a new rule. */
    ruleId: optionalRuleId,
    kind: z.enum(ALERT_RULE_KINDS, messageKey("alerts.validation.kind")),
    threshold: z.union([z.string(), z.number()]).transform((v) => String(v).trim()),
  })
  .transform((value, ctx) => {
    const { min, max } = thresholdRange(value.kind);
    const threshold = WHOLE.test(value.threshold) ? Number(value.threshold) : NaN;
    if (!(threshold >= min && threshold <= max)) {
      ctx.addIssue({
        code: "custom",
        path: ["threshold"],
        message: messageKey(
          value.kind === "site_share_below"
            ? "alerts.validation.percent"
            : "alerts.validation.minutes",
        ),
        params: { min, max },
      });
      return z.NEVER;
    }
    return { ...value, threshold };
  });

export const setAlertRuleEnabledSchema = z.object({ ruleId, enabled: checkbox });

export const deleteAlertRuleSchema = z.object({ ruleId });

export const acknowledgeAlertSchema = z.object({
  alertId: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, messageKey("alerts.validation.unknownAlert"))
    .transform(Number),
});

export type SaveAlertRuleInput = z.infer<typeof saveAlertRuleSchema>;
