// The charger's own screen / LED halo (the HMI the portal previews). Colours, by rule order:
//   red    — Faulted (an error stops charging)
//   off    — Unavailable, or installing firmware
//   blue   — a transaction is in progress (Charging, SuspendedEV, SuspendedEVSE)
//   yellow — available and locked: authorisation (RFID card, CPO app) is needed before charging
//            (OCPP on with AuthEnabled = true, the seed's "halo turns yellow when available")
//   green  — available and unlocked: plug in and charge (free charging, or already authorised),
//            also Finishing (unplug to finish)
import type { ConnectorStatus } from "./types";

export type HaloColour = "off" | "green" | "yellow" | "blue" | "red";

export interface HmiState {
  halo: HaloColour;
  /** Charging needs an authorisation that has not been given yet. */
  locked: boolean;
}

export interface HmiInput {
  status: ConnectorStatus;
  /** OCPP is enabled and AuthEnabled is true. */
  authRequired: boolean;
  /** An authorisation (card, remote start) is waiting for the cable. */
  authorized: boolean;
  installingFirmware: boolean;
}

export function hmiState(input: HmiInput): HmiState {
  const { status } = input;
  const inTransaction =
    status === "Charging" || status === "SuspendedEV" || status === "SuspendedEVSE";
  const locked =
    input.authRequired && !input.authorized && (status === "Available" || status === "Preparing");
  if (status === "Faulted") return { halo: "red", locked };
  if (status === "Unavailable" || input.installingFirmware) return { halo: "off", locked };
  if (inTransaction) return { halo: "blue", locked: false };
  return { halo: locked ? "yellow" : "green", locked };
}

export function sameHmi(a: HmiState, b: HmiState): boolean {
  return a.halo === b.halo && a.locked === b.locked;
}
