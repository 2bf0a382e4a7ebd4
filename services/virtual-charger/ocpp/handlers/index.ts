// The charger's inbound OCPP calls, one file per message. Actions missing here are answered
// NotImplemented by ocpp-rpc. Extend by passing `handlers` to createOcppLink.
import { handleChangeConfiguration, handleGetConfiguration } from "./configuration";
import type { ChargerHandlerMap } from "./context";
import { handleReset } from "./reset";
import { handleTriggerMessage } from "./trigger-message";

export type { ChargerHandler, ChargerHandlerMap, LinkContext, Registration } from "./context";

export const defaultChargerHandlers: ChargerHandlerMap = {
  Reset: handleReset,
  TriggerMessage: handleTriggerMessage,
  ChangeConfiguration: handleChangeConfiguration,
  GetConfiguration: handleGetConfiguration,
};
