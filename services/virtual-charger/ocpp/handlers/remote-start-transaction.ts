import { remoteStart } from "../../station/remote";
import type { ChargerHandler } from "./context";

// §5.11: Accepted means "will attempt to start" (errata 3.32); the start follows the reply.
export const handleRemoteStartTransaction: ChargerHandler<"RemoteStartTransaction"> = (
  { params },
  ctx,
) => {
  const { status, then } = remoteStart(ctx.station, params, ctx.registration());
  if (then) ctx.afterReply(then);
  return { status };
};
