// What an audit entry's `detail` holds: why an action failed, said in the reader's language
// when the portal wrote it (a Message, stored as JSON with a marker), or as it came when a
// charger or an older version of the portal wrote it (plain text, shown verbatim).
import { verbatim, type Message, type MessageKey, type MessageValues } from "@/lib/i18n/message";

const MARKER = "plugboard.message";

/** A message for the `detail` column. */
export function storedDetail(message: Message): string {
  return JSON.stringify({ [MARKER]: message.key, values: message.values ?? {} });
}

/**
 * The message a stored detail says; plain text (a charger's own words) verbatim. Only keys
 * under the given parts are read as ours (a bulk job's reasons use their own, lib/bulk/).
 */
export function detailMessage(
  detail: string,
  parts: readonly string[] = ["audit.details."],
): Message {
  if (detail.startsWith(`{"${MARKER}"`)) {
    try {
      const parsed = JSON.parse(detail) as Record<string, unknown>;
      const key = parsed[MARKER];
      const values = parsed.values;
      if (typeof key === "string" && parts.some((p) => key.startsWith(p)) && isValues(values))
        return { key: key as MessageKey, values };
    } catch {
      // not ours after all: shown as it is
    }
  }
  return verbatim(detail);
}

function isValues(values: unknown): values is MessageValues {
  return (
    typeof values === "object" &&
    values !== null &&
    Object.values(values).every((v) => typeof v === "string" || typeof v === "number")
  );
}
