import { createRPCError } from "ocpp-rpc";
import type { ChargerHandler } from "./context";

// The Reservation profile is not implemented (SupportedFeatureProfiles leaves it out). OCPP-J
// §4.2.3: NotSupported = "recognized but not supported" (as errata 3.39 answers Smart Charging).
const notSupported = () => {
  throw createRPCError(
    "NotSupported",
    "Reservation profile is not supported by this charge point",
    {},
  );
};

export const handleReserveNow: ChargerHandler<"ReserveNow"> = notSupported;
export const handleCancelReservation: ChargerHandler<"CancelReservation"> = notSupported;
