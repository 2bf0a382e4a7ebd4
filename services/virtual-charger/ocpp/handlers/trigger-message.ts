import { sendDiagnosticsStatus, sendFirmwareStatus } from "../outbound";
import { triggeredDiagnosticsStatus, triggeredFirmwareStatus } from "../../sim/firmware";
import { sendTriggeredMeterValues } from "../../station/metering";
import type { ChargerHandler } from "./context";

// §5.17: reply first, then send the requested message, on this connection (also while Pending).
// Every MessageTrigger is implemented; a connectorId that does not exist is Rejected.
export const handleTriggerMessage: ChargerHandler<"TriggerMessage"> = ({ params }, ctx) => {
  const { requestedMessage, connectorId } = params;
  const { station, port } = ctx;
  const log = (line: string) => ctx.log(line);
  if (connectorId !== undefined && (connectorId < 0 || connectorId > station.connectors.length)) {
    return { status: "Rejected" };
  }
  switch (requestedMessage) {
    case "BootNotification":
      // Errata 3.35: once Accepted (until the next reconnect) rejecting this is RECOMMENDED.
      if (ctx.registration() === "accepted") return { status: "Rejected" };
      ctx.afterReply(() => ctx.sendBootNotification());
      return { status: "Accepted" };
    case "Heartbeat":
      ctx.afterReply(() => ctx.sendHeartbeat());
      return { status: "Accepted" };
    case "StatusNotification":
      // No connectorId: connector 0 and every connector (§5.17).
      ctx.afterReply(() => station.sendAllStatuses(port, connectorId));
      return { status: "Accepted" };
    case "MeterValues":
      ctx.afterReply(() => sendTriggeredMeterValues(station, port, connectorId));
      return { status: "Accepted" };
    case "FirmwareStatusNotification":
      // §4.5: Idle unless an update is in progress.
      ctx.afterReply(() =>
        sendFirmwareStatus(port, triggeredFirmwareStatus(station.firmware), log),
      );
      return { status: "Accepted" };
    case "DiagnosticsStatusNotification":
      ctx.afterReply(() =>
        sendDiagnosticsStatus(port, triggeredDiagnosticsStatus(station.diagnosticsUploading), log),
      );
      return { status: "Accepted" };
    default:
      return { status: "NotImplemented" };
  }
};
