import type { ChargerHandler } from "./context";

/** The one vendor extension the virtual charger knows: its HMI state, as JSON. */
export const WALLBOX_VENDOR_ID = "com.wallbox";

// §4.3 / §5.6: UnknownVendorId for other vendors, UnknownMessageId for other messages.
export const handleDataTransfer: ChargerHandler<"DataTransfer"> = ({ params }, ctx) => {
  if (params.vendorId.toLowerCase() !== WALLBOX_VENDOR_ID) return { status: "UnknownVendorId" };
  if (params.messageId?.toLowerCase() !== "gethmi") return { status: "UnknownMessageId" };
  return { status: "Accepted", data: JSON.stringify(ctx.station.hmi()) };
};
