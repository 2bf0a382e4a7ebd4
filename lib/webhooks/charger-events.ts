// The webhook events of one recorded change of a charger's status (lib/chargers/
// apply-device-events.ts records it in its history): always charger.status_changed; also
// charger.connected when it has just connected to its central system, and charger.error when
// it has just gone into error or changed its error's reason.
import type { Charger } from "@/db/schema";
import type { WebhookEventMessage } from "./queue";

type StatusFields = Pick<
  Charger,
  "id" | "name" | "serialNumber" | "siteId" | "online" | "ocppStatus" | "ocppReason" | "ocppMessage"
>;

export function chargerStatusEvents(
  before: StatusFields,
  after: StatusFields,
  at: Date,
): WebhookEventMessage[] {
  const data = {
    charger: {
      id: after.id,
      name: after.name,
      serialNumber: after.serialNumber,
      siteId: after.siteId,
    },
    online: after.online,
    status: after.ocppStatus,
    reason: after.ocppReason,
    message: after.ocppMessage,
    previous: { online: before.online, status: before.ocppStatus, reason: before.ocppReason },
    at: at.toISOString(),
  };
  const events: WebhookEventMessage[] = [{ event: "charger.status_changed", data }];
  const wasConnected = before.online && before.ocppStatus === "connected";
  if (after.online && after.ocppStatus === "connected" && !wasConnected)
    events.push({ event: "charger.connected", data });
  const wasSameError =
    before.online && before.ocppStatus === "error" && before.ocppReason === after.ocppReason;
  if (after.online && after.ocppStatus === "error" && !wasSameError)
    events.push({ event: "charger.error", data });
  return events;
}
