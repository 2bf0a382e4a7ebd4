// A bulk job names each charger towards the central system from a template: "{serial}",
// "{name}" and "{site}" are the charger's own, anything else is literal ("VOLTA-{serial}").
// Whether the result is a valid identity is checkIdentity's to say, charger by charger.
import { msg, type Message } from "@/lib/i18n/message";

export const TEMPLATE_FIELDS = ["serial", "name", "site"] as const;
type Field = (typeof TEMPLATE_FIELDS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** A problem with the template itself (an unknown placeholder), or null. */
export function checkTemplate(template: string): Message | null {
  if (!template.trim()) return msg("bulk.validation.templateRequired");
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(match[1]!)) {
      return msg("bulk.validation.unknownPlaceholder", {
        placeholder: match[0],
        allowed: TEMPLATE_FIELDS.map((f) => `{${f}}`).join(", "),
      });
    }
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER, ""))) {
    return msg("bulk.validation.unbalancedBraces");
  }
  return null;
}

/** The identity a charger gets; a missing site renders as nothing. */
export function renderIdentity(
  template: string,
  charger: { serialNumber: string; name: string; siteName: string | null },
): string {
  const values: Record<Field, string> = {
    serial: charger.serialNumber,
    name: charger.name,
    site: charger.siteName ?? "",
  };
  return template.replace(PLACEHOLDER, (_, field: Field) => values[field]).trim();
}
