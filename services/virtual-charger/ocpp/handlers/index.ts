// The charger's inbound OCPP calls, one file per message (or per closely related pair).
// Actions missing here (the OCPP 1.6 security extensions) are answered NotImplemented by ocpp-rpc.
import { handleChangeAvailability } from "./change-availability";
import { handleChangeConfiguration } from "./change-configuration";
import { handleClearCache } from "./clear-cache";
import type { ChargerHandlerMap } from "./context";
import { handleDataTransfer } from "./data-transfer";
import { handleGetDiagnostics, handleUpdateFirmware } from "./firmware";
import { handleGetConfiguration } from "./get-configuration";
import { handleGetLocalListVersion, handleSendLocalList } from "./local-list";
import { handleRemoteStartTransaction } from "./remote-start-transaction";
import { handleRemoteStopTransaction } from "./remote-stop-transaction";
import { handleCancelReservation, handleReserveNow } from "./reservation";
import { handleReset } from "./reset";
import {
  handleClearChargingProfile,
  handleGetCompositeSchedule,
  handleSetChargingProfile,
} from "./smart-charging";
import { handleTriggerMessage } from "./trigger-message";
import { handleUnlockConnector } from "./unlock-connector";

export type { ChargerHandler, ChargerHandlerMap, LinkContext, Registration } from "./context";

export const defaultChargerHandlers: ChargerHandlerMap = {
  // Core
  ChangeAvailability: handleChangeAvailability,
  ChangeConfiguration: handleChangeConfiguration,
  ClearCache: handleClearCache,
  DataTransfer: handleDataTransfer,
  GetConfiguration: handleGetConfiguration,
  RemoteStartTransaction: handleRemoteStartTransaction,
  RemoteStopTransaction: handleRemoteStopTransaction,
  Reset: handleReset,
  UnlockConnector: handleUnlockConnector,
  // Firmware Management
  GetDiagnostics: handleGetDiagnostics,
  UpdateFirmware: handleUpdateFirmware,
  // Local Auth List Management
  GetLocalListVersion: handleGetLocalListVersion,
  SendLocalList: handleSendLocalList,
  // Remote Trigger
  TriggerMessage: handleTriggerMessage,
  // Smart Charging
  SetChargingProfile: handleSetChargingProfile,
  ClearChargingProfile: handleClearChargingProfile,
  GetCompositeSchedule: handleGetCompositeSchedule,
  // Reservation: not supported (CALLERROR NotSupported)
  ReserveNow: handleReserveNow,
  CancelReservation: handleCancelReservation,
};
