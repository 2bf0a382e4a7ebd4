// The kinds of alert rule and what their threshold means: minutes for a charger's state, a
// percentage for a site's connected share. Shared by the form, validation and the inbox.
import type { AlertRuleKind } from "@/db/schema";
import { msg, type Message } from "@/lib/i18n/message";

export const ALERT_RULE_KINDS = [
  "charger_error",
  "charger_offline",
  "site_share_below",
] as const satisfies readonly AlertRuleKind[];

/** A week: a longer wait is no longer an alert. */
export const MAX_MINUTES = 10_080;
export const MAX_SHARE = 100;

export function thresholdRange(kind: AlertRuleKind): { min: number; max: number } {
  return { min: 1, max: kind === "site_share_below" ? MAX_SHARE : MAX_MINUTES };
}

/** "In error for more than 5 minutes", "Connected share of a site below 80 %". */
export function describeRule(kind: AlertRuleKind, threshold: number): Message {
  switch (kind) {
    case "charger_error":
      return msg("alerts.rules.describe.chargerError", { minutes: threshold });
    case "charger_offline":
      return msg("alerts.rules.describe.chargerOffline", { minutes: threshold });
    case "site_share_below":
      return msg("alerts.rules.describe.siteShareBelow", { percent: threshold });
  }
}
