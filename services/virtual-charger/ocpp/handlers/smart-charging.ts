import { createRPCError } from "ocpp-rpc";
import { clearProfiles, installProfile, profileProblem } from "../../sim/charging-profiles";
import { configInt } from "../../sim/config-store";
import { composite, updatePower } from "../../station/metering";
import type { Station } from "../../station/station";
import type { ChargerHandler } from "./context";

// §5.16: checks, then install (replacing same id or same stack level + purpose) and re-evaluate.
export const handleSetChargingProfile: ChargerHandler<"SetChargingProfile"> = ({ params }, ctx) => {
  const { station } = ctx;
  const { connectorId, csChargingProfiles: profile } = params;
  // Errata 3.39: an invalid connectorId is a CALLERROR PropertyConstraintViolation.
  if (connectorId < 0 || connectorId > station.connectors.length)
    throw createRPCError(
      "PropertyConstraintViolation",
      `connectorId ${connectorId} does not exist`,
      {},
    );
  const c = station.connector(connectorId);
  const transaction = c?.tx ? { transactionId: c.tx.transactionId } : null;
  const problem = profileProblem(connectorId, profile, limits(station), transaction);
  const installed = problem
    ? null
    : installProfile(station.profiles, { connectorId, profile }, limits(station).maxInstalled);
  if (!installed) {
    ctx.log(
      `SetChargingProfile ${profile.chargingProfileId} rejected: ${problem ?? "MaxChargingProfilesInstalled reached"}`,
    );
    return { status: "Rejected" };
  }
  station.profiles = installed;
  station.persist(); // errata 3.37: profiles persist across reboots
  ctx.afterReply(() => reevaluate(station));
  return { status: "Accepted" };
};

// §5.5 with errata 3.25: by id, or every profile matching all given fields; Unknown if none.
export const handleClearChargingProfile: ChargerHandler<"ClearChargingProfile"> = (
  { params },
  ctx,
) => {
  const { station } = ctx;
  const { removed, profiles } = clearProfiles(station.profiles, params);
  if (removed === 0) return { status: "Unknown" };
  station.profiles = profiles;
  station.persist();
  ctx.afterReply(() => reevaluate(station));
  return { status: "Accepted" };
};

// §5.7: from now for `duration` seconds; Rejected for an unknown connector.
export const handleGetCompositeSchedule: ChargerHandler<"GetCompositeSchedule"> = (
  { params },
  ctx,
) => {
  const { station } = ctx;
  if (params.connectorId < 0 || params.connectorId > station.connectors.length)
    return { status: "Rejected" };
  const now = Date.now();
  const schedule = composite(
    station,
    params.connectorId,
    params.duration,
    params.chargingRateUnit ?? "A",
    now,
  );
  return {
    status: "Accepted",
    connectorId: params.connectorId,
    scheduleStart: new Date(now).toISOString(),
    chargingSchedule: schedule,
  };
};

function limits(station: Station) {
  return {
    maxStackLevel: configInt(station, "ChargeProfileMaxStackLevel"),
    maxPeriods: configInt(station, "ChargingScheduleMaxPeriods"),
    maxInstalled: configInt(station, "MaxChargingProfilesInstalled"),
    connectorCount: station.connectors.length,
  };
}

function reevaluate(station: Station): void {
  for (const c of station.connectors) {
    updatePower(station, c);
    station.refresh(c);
  }
}
