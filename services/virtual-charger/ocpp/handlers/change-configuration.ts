import { changeConfiguration } from "../../sim/config-store";
import type { ChargerHandler } from "./context";

// §5.3: Accepted / RebootRequired / Rejected (read-only, bad value) / NotSupported (unknown key).
export const handleChangeConfiguration: ChargerHandler<"ChangeConfiguration"> = async (
  { params },
  ctx,
) => {
  const { station } = ctx;
  const result = changeConfiguration(station, params.key, params.value);
  if ("why" in result) {
    ctx.log(`ChangeConfiguration ${params.key}: ${result.status} (${result.why})`);
    return { status: result.status };
  }
  if (result.authorizationKey !== undefined) {
    // Stored as the HTTP Basic password for the next connection; the value is never logged.
    await station.owner.setAuthorizationKey(result.authorizationKey);
    return { status: "Accepted" };
  }
  station.overrides = result.overrides;
  station.persist();
  ctx.afterReply(() => applyChange(result.key, ctx));
  return { status: result.status };
};

function applyChange(key: string, ctx: Parameters<ChargerHandler<"ChangeConfiguration">>[1]): void {
  const { station } = ctx;
  switch (key) {
    case "HeartbeatInterval":
      return ctx.rescheduleHeartbeat();
    case "WebSocketPingInterval":
      return ctx.setPingInterval(Number(station.overrides[key] ?? 30));
    default:
      return station.configChanged(key);
  }
}
