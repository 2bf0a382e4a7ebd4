// The fleet process: runs every charger found in the state directory, imports new ones from
// the provisioning inbox (polled: fs.watch is unreliable across platforms and mounts), and
// serves /health. Chargers share one settings object; each holds only its flash and live status.
import { promises as fs } from "node:fs";
import { ocppConnectionStatusSchema, type OcppConnectionStatus } from "@plugboard/device-contract";
import { DEFAULT_CHANNEL_BACKOFF } from "./device-channel";
import { defaultFeatures } from "./features";
import {
  chargerDir,
  factoryFlash,
  listChargerSerials,
  readFlash,
  writeFlash,
  type ChargerIdentity,
  type Flash,
  type FlashBank,
} from "./flash";
import { chargerState, driverFor, driverHttp, type Driver } from "./driver-api";
import { startHealthServer, type HealthServer } from "./health";
import type { BackoffOptions } from "./ocpp/backoff";
import { ConnectGate } from "./connect-gate";
import { paceAtMost, startPaced, type PaceOptions } from "./paced-start";
import { readInbox, removeInboxFile } from "./provisioning";
import { ownsSerial, WHOLE_FLEET, type FleetShard } from "./shard";
import { DISABLED } from "./reported-state";
import { VirtualCharger, type ChargerEnvironment, type ChargerSummary } from "./virtual-charger";

export type { ChargerSummary } from "./virtual-charger";
export type { Driver, DriverAction, DriverResult } from "./driver-api";

export interface FleetOptions {
  stateDir: string;
  /** Provisioning inbox; none = only the chargers already in the state dir. */
  provisionDir?: string;
  /** The device manager's instances, ws:// or http:// (device-channel.ts: each charger picks one). */
  deviceManagerUrls: readonly string[];
  /** How long a charger stays down when it restarts (0 in tests). */
  restartDelayMs: number;
  /** Time for the device manager to record a command's ack before the charger drops its socket. */
  shutdownGraceMs?: number;
  ocppBackoff?: BackoffOptions;
  channelBackoff?: BackoffOptions;
  ocppConnectTimeoutMs?: number;
  provisionPollMs?: number;
  /** Serve GET /health on this port (0 = any free port); none = no health server. */
  healthPort?: number;
  healthHost?: string;
  log?: (line: string) => void;
  /** Log every OCPP message line too. */
  logOcpp?: boolean;
  /** Start-up pacing (tests make it small); its maxStarting also bounds every later attempt. */
  startPace?: PaceOptions;
  /**
   * At most this many coming up at once while starting (START_PACE's, otherwise), and at most
   * this many connection attempts in flight at any time (connect-gate.ts).
   */
  startingAtOnce?: number;
  /** The shard this process runs, of a fleet run as several (shard.ts); default: all of it. */
  shard?: FleetShard;
  /** Loopback source addresses to spread connections over (loopback-source.ts). */
  localAddresses?: readonly string[];
}

export interface Fleet {
  chargers(): ChargerSummary[];
  charger(serial: string): ChargerSummary | undefined;
  /** The simulated driver of a running charger (the same actions as the HTTP API). */
  driver(serial: string): Driver | undefined;
  /** A running charger itself (tests inspect its station: connectors, configuration…). */
  running(serial: string): VirtualCharger | undefined;
  /** Reads the provisioning inbox now (it is also polled every `provisionPollMs`). */
  provisionNow(): Promise<void>;
  /**
   * Resolves once the start-up is over: every charger in the state directory started and none
   * of them still coming up (connecting, handshaking), or START_UP_SETTLE_CAP_MS after start.
   */
  startedUp: Promise<void>;
  close(): Promise<void>;
  healthPort?: number;
}

/** The start-up counts as over this long after it began, chargers still coming up or not. */
const START_UP_SETTLE_CAP_MS = 120_000;
const START_UP_POLL_MS = 500;
/** Flashes read at once at start-up (file reads in flight). */
const LOAD_CONCURRENCY = 64;
/** Start-up pacing: see paced-start.ts. */
const START_PACE = { batch: 100, maxStarting: 500, waitMs: 10_000 };

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const log = options.log ?? (() => undefined);
  const pace = options.startPace ?? paceAtMost(START_PACE, options.startingAtOnce);
  // Retries wait their turn beside first attempts (connect-gate.ts).
  const connectGate = new ConnectGate(pace.maxStarting);
  const env: ChargerEnvironment = {
    stateDir: options.stateDir,
    channel: {
      baseUrls: options.deviceManagerUrls,
      backoff: options.channelBackoff ?? DEFAULT_CHANNEL_BACKOFF,
      ...(options.localAddresses ? { localAddresses: options.localAddresses } : {}),
      gate: connectGate,
    },
    connectGate,
    restartDelayMs: options.restartDelayMs,
    shutdownGraceMs: options.shutdownGraceMs ?? 250,
    ocppBackoff: options.ocppBackoff,
    ocppConnectTimeoutMs: options.ocppConnectTimeoutMs,
    log,
    logOcpp: options.logOcpp ?? false,
    ...(options.localAddresses ? { localAddresses: options.localAddresses } : {}),
  };
  const shard = options.shard ?? WHOLE_FLEET;
  const running = new Map<string, VirtualCharger>();
  const broken = new Map<string, string>(); // serial → why it was not started
  let closed = false;

  await fs.mkdir(options.stateDir, { recursive: true, mode: 0o700 });

  /** Reads a charger's flash; a corrupt one is recorded as broken and not started. */
  async function load(serial: string): Promise<{ flash: Flash; stored: FlashBank } | null> {
    const result = await readFlash(chargerDir(options.stateDir, serial));
    if (!result.ok) {
      broken.set(serial, result.error);
      log(`[${serial}] not started: ${result.error}`);
      return null;
    }
    return result;
  }

  function run(charger: VirtualCharger): void {
    broken.delete(charger.serial);
    running.set(charger.serial, charger);
    charger.start();
  }

  async function provision(identity: ChargerIdentity): Promise<void> {
    const existing = running.get(identity.serialNumber);
    if (existing) {
      log(`[${identity.serialNumber}] provisioned again: identity updated`);
      return existing.updateIdentity(identity);
    }
    // New, or broken (a fresh provisioning replaces a corrupt flash).
    const flash = { ...factoryFlash(identity), features: defaultFeatures(identity.partNumber) };
    const stored = await writeFlash(chargerDir(options.stateDir, identity.serialNumber), flash);
    log(
      `[${identity.serialNumber}] provisioned (${identity.partNumber}, firmware ${identity.firmwareVersion})`,
    );
    run(new VirtualCharger(env, flash, stored));
  }

  async function scanInbox(): Promise<void> {
    if (!options.provisionDir || closed) return;
    for (const entry of await readInbox(options.provisionDir, log)) {
      if (closed) return;
      // Another shard's charger: that shard takes it from the shared inbox.
      if (!ownsSerial(shard, entry.identity.serialNumber)) continue;
      try {
        await provision(entry.identity);
        await removeInboxFile(entry.file);
      } catch (error) {
        log(`[${entry.identity.serialNumber}] provisioning failed: ${(error as Error).message}`);
      }
    }
  }

  const serials = await listChargerSerials(options.stateDir);
  // Every flash is read before any charger starts: once chargers run, the event loop is busy
  // with their connections and each file read waits behind them (5,000 chargers then took
  // 30 s or more to start).
  const flashes: Array<{ flash: Flash; stored: FlashBank }> = [];
  for (let i = 0; i < serials.length; i += LOAD_CONCURRENCY) {
    const loaded = await Promise.all(serials.slice(i, i + LOAD_CONCURRENCY).map(load));
    for (const read of loaded) if (read) flashes.push(read);
  }
  // Started in the background (the first batch at once): /health answers and SIGTERM closes
  // cleanly while thousands of chargers come up. Inbox scans queue behind the start-up, so a
  // provisioned serial is never started twice.
  const startingUp = startPaced(
    flashes,
    ({ flash, stored }) => {
      if (closed) return null;
      const charger = new VirtualCharger(env, flash, stored);
      run(charger);
      return charger;
    },
    (charger) => !charger.comingUp,
    pace,
  ).then(
    () =>
      log(
        `started: ${running.size} charger(s) running${broken.size ? `, ${broken.size} broken` : ""}`,
      ),
    (error: Error) => log(`start-up failed: ${error.message}`),
  );
  const startedUp = startingUp.then(async () => {
    const cap = Date.now() + START_UP_SETTLE_CAP_MS;
    const comingUp = () => [...running.values()].some((charger) => charger.comingUp);
    while (!closed && Date.now() < cap && comingUp())
      await new Promise((resolve) => setTimeout(resolve, START_UP_POLL_MS));
  });
  let scanning: Promise<void> = startingUp;
  const provisionNow = () => (scanning = scanning.then(scanInbox, scanInbox));
  // scanInbox logs each failed entry and never rejects
  void provisionNow();

  let pollTimer: NodeJS.Timeout | undefined;
  const poll = () => {
    pollTimer = setTimeout(
      // scanInbox logs each failed entry and never rejects
      () => void provisionNow().finally(() => !closed && poll()),
      options.provisionPollMs ?? 1_000,
    );
  };
  if (options.provisionDir) poll();

  const summaries = (): ChargerSummary[] => [
    ...[...running.values()].map((charger) => charger.summary()),
    ...[...broken].map(([serial, error]) => brokenSummary(serial, error)),
  ];

  let health: HealthServer | undefined;
  if (options.healthPort !== undefined) {
    health = await startHealthServer(options.healthPort, options.healthHost ?? "127.0.0.1", {
      report: () => ({
        ...countChargers(running.values(), broken.size),
        // Attempts in flight and waiting their turn: a queue that grows means a slow server.
        connecting: { inFlight: connectGate.active, waiting: connectGate.queued },
      }),
      chargerState: (serial) => {
        const charger = running.get(serial);
        return charger ? chargerState(charger) : undefined;
      },
      driver: (serial, body) => driverHttp(running.get(serial), serial, body),
    });
  }

  return {
    chargers: summaries,
    charger: (serial) => {
      const charger = running.get(serial);
      if (charger) return charger.summary();
      const error = broken.get(serial);
      return error === undefined ? undefined : brokenSummary(serial, error);
    },
    driver: (serial) => {
      const charger = running.get(serial);
      return charger ? driverFor(charger) : undefined;
    },
    running: (serial) => running.get(serial),
    provisionNow,
    startedUp,
    healthPort: health?.port,
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(pollTimer);
      await scanning; // the start-up too: it stops at the next charger
      await Promise.all([...running.values()].map((charger) => charger.stop()));
      await health?.close();
      log("stopped");
    },
  };
}

function brokenSummary(serial: string, error: string): ChargerSummary {
  return {
    serial,
    partNumber: "",
    firmwareVersion: "",
    lifecycle: "broken",
    channel: "offline",
    ocpp: DISABLED,
    appliedConfigVersion: 0,
    error,
  };
}

/** Counts for /health, computed on demand (no per-charger bookkeeping). */
export function countChargers(chargers: Iterable<VirtualCharger>, broken: number) {
  const ocpp = Object.fromEntries(
    ocppConnectionStatusSchema.options.map((status) => [status, 0]),
  ) as Record<OcppConnectionStatus, number>;
  let total = 0;
  let channelConnected = 0;
  let restarting = 0;
  for (const charger of chargers) {
    total += 1;
    ocpp[charger.ocpp.status] += 1;
    if (charger.channelState === "connected") channelConnected += 1;
    if (charger.lifecycle === "restarting") restarting += 1;
  }
  return {
    chargers: total,
    broken,
    restarting,
    deviceChannel: { connected: channelConnected },
    ocpp,
  };
}
