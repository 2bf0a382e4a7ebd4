import { getConfiguration } from "../../sim/config-store";
import type { ChargerHandler } from "./context";

// §5.8: every key, or the requested ones with the rest in unknownKey; AuthorizationKey never.
export const handleGetConfiguration: ChargerHandler<"GetConfiguration"> = ({ params }, ctx) =>
  getConfiguration(ctx.station, params.key);
