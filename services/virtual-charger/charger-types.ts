// Shapes shared by the fleet and its chargers (kept apart so virtual-charger.ts stays small).
import type { OcppStatus } from "@plugboard/device-contract";
import type { ConnectGate } from "./connect-gate";
import type { ChannelSettings, ChannelState } from "./device-channel";
import type { BackoffOptions } from "./ocpp/backoff";

/** Settings shared by every charger of a fleet (one object, not one copy per charger). */
export interface ChargerEnvironment {
  stateDir: string;
  channel: ChannelSettings;
  /** How long a charger stays down when it restarts (0 in tests). */
  restartDelayMs: number;
  /** Time for the device manager to record the ack and "restarting" before the socket drops. */
  shutdownGraceMs: number;
  ocppBackoff?: BackoffOptions;
  ocppConnectTimeoutMs?: number;
  log: (line: string) => void;
  /** Also log every OCPP message line (noisy with a big fleet). */
  logOcpp: boolean;
  /** Loopback source addresses to spread OCPP connections over (loopback-source.ts). */
  localAddresses?: readonly string[];
  /** Connection attempts in flight at once, OCPP and device channel (connect-gate.ts). */
  connectGate?: ConnectGate;
}

export type ChargerLifecycle = "stopped" | "running" | "restarting";

export interface ChargerSummary {
  serial: string;
  partNumber: string;
  firmwareVersion: string;
  lifecycle: ChargerLifecycle | "broken";
  channel: ChannelState;
  ocpp: OcppStatus;
  appliedConfigVersion: number;
  /** Why a broken charger was not started (e.g. a corrupt flash file). */
  error?: string;
}
