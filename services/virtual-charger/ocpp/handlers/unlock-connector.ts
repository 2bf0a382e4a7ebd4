import { unlockConnector } from "../../station/connectors";
import type { ChargerHandler } from "./context";

// §5.18: a running transaction stops first (UnlockCommand); fixed cables have no lock.
export const handleUnlockConnector: ChargerHandler<"UnlockConnector"> = ({ params }, ctx) => ({
  status: unlockConnector(ctx.station, params.connectorId),
});
