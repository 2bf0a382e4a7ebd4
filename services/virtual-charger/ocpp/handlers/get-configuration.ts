import { createRPCError } from "ocpp-rpc";
import { getConfiguration, TooManyKeysError } from "../../sim/config-store";
import type { ChargerHandler } from "./context";

// §5.8: every key, or the requested ones with the rest in unknownKey; AuthorizationKey never.
// More keys than GetConfigurationMaxKeys: a CALLERROR saying so (see TooManyKeysError).
export const handleGetConfiguration: ChargerHandler<"GetConfiguration"> = ({ params }, ctx) => {
  try {
    return getConfiguration(ctx.station, params.key);
  } catch (error) {
    if (!(error instanceof TooManyKeysError)) throw error;
    // ocpp-rpc knows the code by its 2.0.1 spelling; on the wire it becomes 1.6's (one r).
    throw createRPCError("OccurrenceConstraintViolation", error.message, {
      requested: error.requested,
      max: error.max,
    });
  }
};
