// Applies a change of the portal's features to a running charger (see portal-control.ts for
// what they mean): running sessions get the new power, the halo the new lock state, and an EV
// waiting on its cable starts when nothing holds it back any more.
import { NO_PORTAL_CONTROL, type PortalControl } from "./portal-control";
import { freeChargingIdTag } from "./station/connectors";
import { updatePower } from "./station/metering";
import type { Station } from "./station/station";
import { tryStart } from "./station/transactions";

/** `previous` is what applied before the change: a pause lifted starts a waiting EV. */
export function applyFeatureEffects(station: Station, previous: PortalControl): void {
  const control = station.owner.portalControl?.() ?? NO_PORTAL_CONTROL;
  const started = previous.paused && !control.paused;
  for (const c of station.connectors) {
    if (c.tx) updatePower(station, c);
    else if (
      c.facts.plugged &&
      !c.pending &&
      !station.owner.ocppEnabled &&
      !c.facts.inoperative &&
      !c.facts.fault &&
      (started || !station.authRequired())
    ) {
      // "Start charging" from the portal, or an unlock: the portal authorises the waiting EV.
      c.pending = { idTag: freeChargingIdTag(station), free: true };
      tryStart(station, c);
    }
    station.refresh(c);
  }
}
