// What the charger sends on its own (OCPP 1.6 §4): Heartbeat, StatusNotification, Authorize,
// MeterValues, DataTransfer and the firmware / diagnostics notifications. Transaction messages
// (StartTransaction, StopTransaction, periodic MeterValues) go through the queue in
// station/tx-sender.ts, in order. BootNotification is in boot.ts.
import type { OcppPort } from "./port";
import type {
  AuthorizeResponse,
  DataTransferRequest,
  DataTransferResponse,
  MeterValuesRequest,
  StatusNotificationRequest,
} from "@plugboard/ocpp16";
import { callOcpp, type RpcPeer } from "@plugboard/ocpp16";
import type { DiagnosticsStatus, FirmwareStatus } from "../sim/types";

type Log = (line: string) => void;

export async function sendHeartbeat(peer: RpcPeer, log: Log): Promise<void> {
  try {
    const conf = await callOcpp(peer, "Heartbeat", {});
    log(`← Heartbeat currentTime=${conf.currentTime}`);
  } catch (error) {
    log(`Heartbeat failed: ${(error as Error).message}`);
  }
}

/** §4.9; a failure is logged: the next change or a TriggerMessage reports the status again. */
export async function sendStatusNotification(
  port: OcppPort,
  status: Pick<StatusNotificationRequest, "connectorId" | "status" | "errorCode" | "info">,
  log: Log,
): Promise<void> {
  try {
    await port.call("StatusNotification", { ...status, timestamp: new Date().toISOString() });
    log(`→ StatusNotification connector ${status.connectorId} ${status.status}`);
  } catch (error) {
    if (port.live())
      log(`StatusNotification ${status.connectorId} failed: ${(error as Error).message}`);
  }
}

/** §4.1; null when the Central System could not be asked (offline rules apply then). */
export async function sendAuthorize(
  port: OcppPort,
  idTag: string,
  log: Log,
): Promise<AuthorizeResponse | null> {
  try {
    return await port.call("Authorize", { idTag });
  } catch (error) {
    log(`Authorize failed: ${(error as Error).message}`);
    return null;
  }
}

/** MeterValues outside a transaction (TriggerMessage, clock-aligned with no transaction). */
export async function sendMeterValues(
  port: OcppPort,
  request: MeterValuesRequest,
  log: Log,
): Promise<void> {
  try {
    await port.call("MeterValues", request);
  } catch (error) {
    log(`MeterValues failed: ${(error as Error).message}`);
  }
}

export async function sendFirmwareStatus(
  port: OcppPort,
  status: FirmwareStatus,
  log: Log,
): Promise<boolean> {
  try {
    await port.call("FirmwareStatusNotification", { status });
    log(`→ FirmwareStatusNotification ${status}`);
    return true;
  } catch (error) {
    log(`FirmwareStatusNotification failed: ${(error as Error).message}`);
    return false;
  }
}

export async function sendDiagnosticsStatus(
  port: OcppPort,
  status: DiagnosticsStatus,
  log: Log,
): Promise<void> {
  try {
    await port.call("DiagnosticsStatusNotification", { status });
    log(`→ DiagnosticsStatusNotification ${status}`);
  } catch (error) {
    log(`DiagnosticsStatusNotification failed: ${(error as Error).message}`);
  }
}

/** §4.3: a vendor-specific message from the charger; the answer, or null when it failed. */
export async function sendDataTransfer(
  port: OcppPort,
  request: DataTransferRequest,
  log: Log,
): Promise<DataTransferResponse | null> {
  try {
    return await port.call("DataTransfer", request);
  } catch (error) {
    log(`DataTransfer failed: ${(error as Error).message}`);
    return null;
  }
}
