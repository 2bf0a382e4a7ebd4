import { remoteStop } from "../../station/remote";
import type { ChargerHandler } from "./context";

// §5.12: Accepted only for a transaction running on this charger.
export const handleRemoteStopTransaction: ChargerHandler<"RemoteStopTransaction"> = (
  { params },
  ctx,
) => {
  const { status, then } = remoteStop(ctx.station, params.transactionId, ctx.registration());
  if (then) ctx.afterReply(then);
  return { status };
};
