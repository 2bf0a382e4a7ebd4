// What the portal's stored features mean to the charger: the current limit caps the power
// offered; while OCPP is off, a lock makes the charger wait for an RFID user's card (the portal
// whitelist) and a pause offers no current. With OCPP on, the central system is in charge of
// authorisation and charging, so only the current limit applies. Pure: no station here.
import { decodeRfidCards, decodeSetting, RFID_CARDS_FEATURE } from "@plugboard/wallbox";
import type { Features } from "@plugboard/device-contract";

export interface PortalControl {
  /** OCPP off and locked: nothing charges without a card of `cards` (or a start from the portal). */
  locked: boolean;
  /** OCPP off and paused: no current is offered (SuspendedEVSE), the charging session stays open. */
  paused: boolean;
  /** The current limit set from the portal (amperes per phase), null when not set. */
  currentLimitA: number | null;
  /** The portal-managed RFID whitelist, little-endian hex, upper case. */
  cards: readonly string[];
}

export const NO_PORTAL_CONTROL: PortalControl = Object.freeze({
  locked: false,
  paused: false,
  currentLimitA: null,
  cards: [],
});

export function portalControl(features: Features, ocppEnabled: boolean): PortalControl {
  const limit = decodeSetting("currentLimit", features.currentLimit)?.amps ?? null;
  if (ocppEnabled) return { ...NO_PORTAL_CONTROL, currentLimitA: limit };
  return {
    locked: decodeSetting("lock", features.locked)?.locked ?? false,
    paused: decodeSetting("chargingControl", features.chargingPaused)?.action === "pause",
    currentLimitA: limit,
    cards: decodeRfidCards(features[RFID_CARDS_FEATURE]) ?? [],
  };
}

/** The power the portal allows (W): 0 while paused, the current limit, or no limit. */
export function portalLimitW(
  control: PortalControl,
  model: { voltage: number; phases: number },
): number {
  if (control.paused) return 0;
  if (control.currentLimitA === null) return Number.POSITIVE_INFINITY;
  return control.currentLimitA * model.voltage * model.phases;
}

/** A card presented while OCPP is off: accepted when it is one of the RFID users. */
export function portalAuthorizes(control: PortalControl, idTag: string): boolean {
  return control.cards.includes(idTag.toUpperCase());
}
