// What the charger tells the device manager: its reported state (hello / state frames) and
// command answers, built from its flash and live status. Types come from the protocol schemas.
import type { Connector, Hmi, OcppStatus } from "@plugboard/device-contract";
import type { CommandAckFrame, CommandResultFrame, HelloFrame } from "@plugboard/device-contract";
import type { CommandRecord, Flash } from "./flash";
import type { OcppLinkStatus } from "./ocpp/ocpp-link";

export const VENDOR = "Wall Box Chargers";
/** BootNotification chargePointModel is a CiString20. */
export const MAX_MODEL_LENGTH = 20;
const MAX_MESSAGE_LENGTH = 500;

// Shared by every charger: one connector, available (frozen so nobody edits it in place).
export const CONNECTORS: readonly Connector[] = Object.freeze([
  Object.freeze({ id: 1, status: "Available" as const }),
]);
export const DISABLED: OcppStatus = Object.freeze({ status: "disabled" as const });
export const CONNECTING: OcppStatus = Object.freeze({ status: "connecting" as const });
const CONNECTED: OcppStatus = Object.freeze({ status: "connected" as const });

export type ReportedLifecycle = HelloFrame["lifecycle"];

export function helloFrame(
  flash: Flash,
  lifecycle: ReportedLifecycle,
  ocpp: OcppStatus,
  station?: { connectors: Connector[]; hmi: Hmi },
): HelloFrame {
  return {
    type: "hello",
    firmware: flash.identity.firmwareVersion,
    lifecycle,
    appliedConfigVersion: flash.appliedConfigVersion,
    ocpp,
    connectors: station?.connectors ?? [...CONNECTORS],
    features: flash.features,
    ...(station ? { hmi: station.hmi } : {}),
  };
}

/** The device-channel form of an OCPP link status (the message is capped by the protocol). */
export function reportedOcppStatus(status: OcppLinkStatus): OcppStatus {
  if (status.status === "connecting") return CONNECTING;
  if (status.status === "connected") return CONNECTED;
  return {
    status: "error",
    reason: status.reason,
    message: status.message.slice(0, MAX_MESSAGE_LENGTH),
  };
}

export function sameOcppStatus(a: OcppStatus, b: OcppStatus): boolean {
  return a.status === b.status && a.reason === b.reason && a.message === b.message;
}

export function ackFrame(commandId: string): CommandAckFrame {
  return { type: "command_ack", commandId };
}

export function resultFrame(record: CommandRecord): CommandResultFrame {
  return {
    type: "command_result",
    commandId: record.id,
    status: record.status,
    ...(record.reason ? { reason: record.reason.slice(0, MAX_MESSAGE_LENGTH) } : {}),
  };
}

/** BootNotification model: the part number, cut to the CiString20 limit (it is ASCII). */
export function bootModel(partNumber: string): string {
  return partNumber.slice(0, MAX_MODEL_LENGTH);
}
