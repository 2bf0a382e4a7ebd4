// The simulated EV driver: present an RFID card, plug in, unplug, let the EV pause or resume,
// and (for tests and demos) raise or clear a fault. Used by the fleet's HTTP API and by tests.
import { z } from "zod";
import { convertRfidUid } from "@plugboard/wallbox";
import type { ChargePointErrorCode } from "../sim/types";
import { authorizeConnector, plugIn, setEvSuspended, setFault, unplug } from "./connectors";
import type { ConnectorRuntime, Station } from "./station";
import { authorizeIdTag, stopTransaction, type AuthorizationSource } from "./transactions";

const FAULT_CODES = [
  "ConnectorLockFailure",
  "EVCommunicationError",
  "GroundFailure",
  "HighTemperature",
  "InternalError",
  "OtherError",
  "OverCurrentFailure",
  "PowerMeterFailure",
  "PowerSwitchFailure",
  "ReaderFailure",
  "UnderVoltage",
  "OverVoltage",
] as const satisfies readonly ChargePointErrorCode[];

const connectorId = z.number().int().min(1).max(16).default(1);

export const driverActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("present_card"),
    /** The UID as the reader reads it (little-endian hex, separators allowed), e.g. C4B3A204. */
    uid: z.string().min(1).max(64),
    connectorId,
  }),
  z.object({ action: z.literal("plug_in"), connectorId }),
  z.object({ action: z.literal("unplug"), connectorId }),
  z.object({ action: z.literal("ev_suspend"), connectorId }),
  z.object({ action: z.literal("ev_resume"), connectorId }),
  z.object({
    action: z.literal("fault"),
    connectorId,
    errorCode: z.enum(FAULT_CODES).default("OtherError"),
  }),
  z.object({ action: z.literal("clear_fault"), connectorId }),
]);

export type DriverAction = z.input<typeof driverActionSchema>;

export type DriverResult =
  | {
      ok: true;
      outcome: "started" | "stopped" | "authorized" | "rejected" | "ignored" | "done";
      message: string;
      status: string;
      idTag?: string;
      authorization?: { status: string; source: AuthorizationSource };
    }
  | { ok: false; error: "not_supported" | "invalid_uid" | "unknown_connector"; message: string };

export async function runDriverAction(
  station: Station,
  input: DriverAction,
): Promise<DriverResult> {
  const action = driverActionSchema.parse(input);
  const c = station.connector(action.connectorId);
  if (!c)
    return {
      ok: false,
      error: "unknown_connector",
      message: `this charger has no connector ${action.connectorId}`,
    };
  const done = (message: string): DriverResult => ({
    ok: true,
    outcome: "done",
    message,
    status: station.statusOf(c.id),
  });
  switch (action.action) {
    case "present_card":
      return presentCard(station, c, action.uid);
    case "plug_in":
      plugIn(station, c);
      return { ...done("cable plugged in"), ...(c.tx ? { outcome: "started" as const } : {}) };
    case "unplug":
      unplug(station, c);
      return done("cable unplugged");
    case "ev_suspend":
      setEvSuspended(station, c, true);
      return done("the EV stopped drawing energy");
    case "ev_resume":
      setEvSuspended(station, c, false);
      return done("the EV draws energy again");
    case "fault":
      setFault(station, c, action.errorCode);
      return done(`fault ${action.errorCode} raised`);
    case "clear_fault":
      setFault(station, c, null);
      return done("fault cleared");
  }
}

async function presentCard(
  station: Station,
  c: ConnectorRuntime,
  uid: string,
): Promise<DriverResult> {
  if (!station.model.rfid) {
    return {
      ok: false,
      error: "not_supported",
      message: "this model has no RFID reader (only Copper SB and Commander 2 have one)",
    };
  }
  const converted = convertRfidUid(uid, "as-read");
  if (!converted.ok) return { ok: false, error: "invalid_uid", message: converted.message };
  const idTag = converted.littleEndianHex;
  const result = (
    outcome: Extract<DriverResult, { ok: true }>["outcome"],
    message: string,
    extra = {},
  ): DriverResult => ({
    ok: true,
    outcome,
    message,
    status: station.statusOf(c.id),
    idTag,
    ...extra,
  });
  const tx = c.tx;
  if (tx) {
    // §3.4: the same card stops without asking; another one must be authorised and share the parent.
    if (tx.idTag.toLowerCase() === idTag.toLowerCase()) {
      stopTransaction(station, c, "Local", idTag);
      return result("stopped", "charging stopped with the card that started it");
    }
    const auth = await authorizeIdTag(station, idTag);
    const sameGroup =
      auth.info.status === "Accepted" &&
      auth.info.parentIdTag !== undefined &&
      auth.info.parentIdTag === tx.parentIdTag;
    if (!sameGroup)
      return result("rejected", "this card may not stop the running session", {
        authorization: { status: auth.info.status, source: auth.source },
      });
    stopTransaction(station, c, "Local", idTag);
    return result("stopped", "charging stopped by a card of the same group", {
      authorization: { status: auth.info.status, source: auth.source },
    });
  }
  if (!station.authRequired())
    return result("ignored", "no authorisation needed: charging starts when the EV is plugged in");
  if (c.facts.fault || c.facts.inoperative)
    return result("rejected", `the connector is ${station.statusOf(c.id)}`);
  if (c.pending && c.pending.idTag.toLowerCase() === idTag.toLowerCase()) {
    c.pending = null; // B1: a second presentation ends the intended usage
    station.refresh(c);
    return result("ignored", "authorisation cancelled (card presented again)");
  }
  const auth = await authorizeIdTag(station, idTag);
  const authorization = { status: auth.info.status, source: auth.source };
  if (auth.info.status !== "Accepted")
    return result("rejected", `card refused (${auth.info.status})`, { authorization });
  if (c.tx || c.facts.fault || c.facts.inoperative)
    return result("rejected", `the connector is ${station.statusOf(c.id)}`, { authorization });
  authorizeConnector(station, c, {
    idTag,
    ...(auth.info.parentIdTag ? { parentIdTag: auth.info.parentIdTag } : {}),
  });
  return c.tx
    ? result("started", "charging started", { authorization })
    : result(
        "authorized",
        station.chargingAllowed()
          ? "unlocked: plug in the EV to charge"
          : "authorised, but the central system has not accepted this charger yet",
        { authorization },
      );
}
