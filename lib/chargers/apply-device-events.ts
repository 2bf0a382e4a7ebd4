// Applies the device manager's events to the portal's chargers: in order per charger, each
// at most once (an event not newer than the last applied sequence changes nothing).
import { asc, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers, chargingSessions, type Charger } from "@/db/schema";
import type { ChargingSessionReport, DeviceEvent } from "@plugboard/device-contract";
import { CHARGER_CHANGES_CHANNEL, encodeChange } from "@/lib/live/charger-changes";
import {
  writeChargerRows,
  writeCommandResults,
  type CommandResult,
  type EventColumn,
} from "./device-event-writes";
import { RecordedChanges, type Tx } from "./recorded-changes";
import { addStatusStep } from "./status-steps";

export interface ApplyResult {
  applied: number;
  ignored: number;
  /** Chargers whose row changed: announced to the live views at commit. */
  changed: Array<{ chargerId: string; organizationId: string }>;
}

/** What one event changes: only the columns written back (device-event-writes.ts). */
type ChargerPatch = Partial<Pick<Charger, EventColumn>>;

export async function applyDeviceEvents(db: Db, events: DeviceEvent[]): Promise<ApplyResult> {
  const bySerial = new Map<string, DeviceEvent[]>();
  for (const event of events) {
    const list = bySerial.get(event.serial) ?? [];
    list.push(event);
    bySerial.set(event.serial, list);
  }
  const result: ApplyResult = { applied: 0, ignored: 0, changed: [] };
  // One transaction for the whole delivery: one commit (one WAL flush on PostgreSQL) instead of
  // one per charger, which made event application as slow as the disk's fsync (70,000 events
  // took 85 s). A failure rolls the whole delivery back and the device manager sends it again
  // (events at or below a charger's lastEventSeq are skipped). Chargers are locked in serial
  // order, so two deliveries never wait on each other in a cycle.
  await db.transaction(async (tx) => {
    const serials = [...bySerial.keys()].sort();
    // Row locks, taken in serial order by one statement (PostgreSQL locks the rows as the sort
    // returns them): two deliveries of the same charger's events never interleave, and a
    // delivery of a hundred chargers no longer waits a round trip per charger for them.
    const locked = await tx
      .select()
      .from(chargers)
      .where(inArray(chargers.serialNumber, serials))
      .orderBy(asc(chargers.serialNumber))
      .for("update");
    const bySerialNumber = new Map(locked.map((row) => [row.serialNumber, row]));
    const recorded = new RecordedChanges(locked.map((row) => row.id));
    const rows: Charger[] = [];
    const commandResults = new Map<string, CommandResult>();
    for (const serial of serials) {
      const list = bySerial.get(serial)!.sort((a, b) => a.seq - b.seq);
      const charger = bySerialNumber.get(serial);
      if (!charger) {
        // Unknown serial (charger deleted): acknowledge so the outbox does not retry forever.
        result.ignored += list.length;
        continue;
      }
      let current = charger;
      let changed = false;
      for (const event of list) {
        if (event.seq <= current.lastEventSeq) {
          result.ignored += 1;
          continue;
        }
        const patch = await applyOne(tx, recorded, commandResults, current, event);
        const next = { ...current, ...patch, lastEventSeq: event.seq } as Charger;
        next.statusSteps = addStatusStep(
          current.statusSteps ?? [],
          current,
          next,
          event.seq,
          new Date(event.at),
        );
        current = next;
        result.applied += 1;
        changed = true;
      }
      if (!changed) continue;
      rows.push(current);
      result.changed.push({ chargerId: charger.id, organizationId: charger.organizationId });
    }
    await writeChargerRows(tx, rows);
    await writeCommandResults(tx, [...commandResults.values()]);
    await recorded.write(tx);
    // The live views' announcement, sent at commit (never for a delivery rolled back, never
    // lost between the commit and a later statement), one statement for the whole delivery.
    if (result.changed.length > 0) {
      await tx.execute(
        sql`select pg_notify(${CHARGER_CHANGES_CHANNEL}, change) from unnest(${sql.param(result.changed.map(encodeChange))}::text[]) as change`,
      );
    }
  });
  return result;
}

async function applyOne(
  tx: Tx,
  recorded: RecordedChanges,
  commandResults: Map<string, CommandResult>,
  charger: Charger,
  event: DeviceEvent,
): Promise<ChargerPatch> {
  const at = new Date(event.at);
  switch (event.type) {
    case "connection": {
      // Back online counts from the OCPP status the charger reports on its new connection (the
      // device manager always sends it with the first hello): until then the stored status is
      // the one from before, and showing it as current would flash it back.
      if (event.data.online) return { lastSeenAt: at };
      const patch: ChargerPatch = { online: false, lastSeenAt: at };
      // Going offline is history; coming back is recorded with the status it reports.
      if (charger.online)
        recorded.record(charger, { ...charger, ...patch } as Charger, at, null, null);
      return patch;
    }
    case "lifecycle":
      return { lifecycle: event.data.lifecycle, lastSeenAt: at };
    case "ocpp_status": {
      // A report comes over a live connection: the charger is online (see "connection").
      // A charger without OCPP stays "unsupported" whatever it claims.
      if (!charger.ocppCapable) return { online: true, lastSeenAt: at };
      const patch: ChargerPatch = {
        online: true,
        ocppStatus: event.data.status,
        ocppReason: event.data.reason ?? null,
        ocppMessage: event.data.message ?? null,
        ocppStatusAt: at,
        lastSeenAt: at,
      };
      const next = { ...charger, ...patch } as Charger;
      const changed =
        next.ocppStatus !== charger.ocppStatus ||
        next.ocppReason !== charger.ocppReason ||
        !charger.online;
      if (changed || (await recorded.lastWasOffline(tx, charger.id))) {
        recorded.record(charger, next, at, next.ocppReason, next.ocppMessage);
      }
      return patch;
    }
    case "firmware":
      return { firmwareVersion: event.data.firmware, lastSeenAt: at };
    case "connectors":
      return { connectors: event.data.connectors, lastSeenAt: at };
    case "features":
      return { reportedFeatures: event.data.features, lastSeenAt: at };
    case "hmi":
      return { hmi: event.data, lastSeenAt: at };
    case "session":
      await upsertChargingSession(tx, charger.id, event.data);
      return { lastSeenAt: at };
    case "config_applied":
      return { appliedConfigVersion: event.data.appliedConfigVersion, lastSeenAt: at };
    case "command": {
      // Written with the delivery's other results (device-event-writes.ts); a later event of
      // the same command in this delivery replaces an earlier one (delivered, then applied).
      // The audit entry that led to the command is settled by its result.
      commandResults.set(event.data.commandId, {
        commandId: event.data.commandId,
        chargerId: charger.id,
        status: event.data.status,
        reason: event.data.reason ?? null,
        at,
      });
      return {};
    }
  }
}

async function upsertChargingSession(tx: Tx, chargerId: string, report: ChargingSessionReport) {
  const row = {
    chargerId,
    status: report.status,
    connectorId: report.connectorId,
    transactionId: report.transactionId,
    anonymous: report.anonymous,
    // Never keep a driver's card for an anonymous (OCPP) charging session, whatever arrives.
    idTag: report.anonymous ? null : (report.idTag ?? null),
    startedAt: new Date(report.startedAt),
    stoppedAt: report.stoppedAt ? new Date(report.stoppedAt) : null,
    meterStartWh: report.meterStartWh,
    meterWh: report.meterWh,
    meterStopWh: report.meterStopWh ?? null,
    energyWh: report.energyWh,
    powerW: Math.round(report.powerW),
    stopReason: report.reason ?? null,
    sampledAt: new Date(report.sampledAt),
  };
  await tx
    .insert(chargingSessions)
    .values({ id: report.sessionId, ...row })
    .onConflictDoUpdate({ target: chargingSessions.id, set: row });
}
