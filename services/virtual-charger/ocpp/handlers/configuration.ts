import type { ChargerHandler } from "./context";

// Placeholders until the charger has a configuration store (AuthEnabled, HeartbeatInterval…).
export const handleChangeConfiguration: ChargerHandler<"ChangeConfiguration"> = () => ({
  status: "NotSupported",
});

export const handleGetConfiguration: ChargerHandler<"GetConfiguration"> = ({ params }) => ({
  configurationKey: [],
  ...(params.key?.length ? { unknownKey: params.key } : {}),
});
