import type { ChargerHandler } from "./context";

// OCPP 1.6 §5.17 TriggerMessage: reply first, then send the requested message.
export const handleTriggerMessage: ChargerHandler<"TriggerMessage"> = ({ params }, ctx) => {
  const { requestedMessage, connectorId } = params;
  switch (requestedMessage) {
    case "BootNotification":
      // Errata v4.0 §3.35: once Accepted (until the next reconnect) rejecting this is RECOMMENDED.
      if (ctx.registration() === "accepted") return { status: "Rejected" };
      ctx.afterReply(() => ctx.sendBootNotification());
      return { status: "Accepted" };
    case "Heartbeat":
      ctx.afterReply(() => ctx.sendHeartbeat());
      return { status: "Accepted" };
    case "StatusNotification":
      if (connectorId !== undefined && (connectorId < 0 || connectorId > ctx.connectorCount)) {
        return { status: "Rejected" };
      }
      ctx.afterReply(() => ctx.sendStatusNotifications(connectorId));
      return { status: "Accepted" };
    default:
      return { status: "NotImplemented" };
  }
};
