import { changeAvailability } from "../../station/connectors";
import type { ChargerHandler } from "./context";

// §5.2: Accepted, Scheduled while a transaction runs, Rejected for an unknown connector.
export const handleChangeAvailability: ChargerHandler<"ChangeAvailability"> = (
  { params },
  ctx,
) => ({
  status: changeAvailability(ctx.station, params.connectorId, params.type),
});
