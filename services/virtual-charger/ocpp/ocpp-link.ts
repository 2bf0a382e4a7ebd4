// The OCPP 1.6J side of one virtual charger: connect, boot, heartbeat, reconnect, and report a
// status the portal can show ("connecting" | "connected" | "error" with a reason).
import { Backoff, DEFAULT_BACKOFF } from "./backoff";
import { bootNotificationPayload, decideAfterBoot } from "./boot";
import { classifyConnectError, describeOcppError, type ClassifiedError } from "./connect-error";
import { resolveOcppEndpoint, type OcppEndpoint } from "./endpoint";
import { defaultChargerHandlers, type ChargerHandlerMap } from "./handlers";
import { registerChargerHandlers } from "./handlers/register";
import { throughGate, type LeaveGate } from "../connect-gate";
import type { OcppLink, OcppLinkOptions, OcppLinkStatus } from "./link-types";
import { callOcpp, TimeoutError } from "@plugboard/ocpp16";
import { configInt } from "../sim/config-store";
import { createMemoryStation } from "../station/memory-station";
import type { Station } from "../station/station";
import { prepareReboot } from "../station/remote";
import { createRedactor } from "@plugboard/ocpp16";
import { scheduleHeartbeat, connectionContext, type ConnectionEnv } from "./connection-context";
import {
  clearConnectionTimers,
  closeOcppConnection,
  OCPP16,
  openOcppConnection,
  connectionTimer,
  type OcppConnection,
} from "./ocpp-connection";

export type { OcppErrorReason } from "./connect-error";
export { describeOcppError } from "./connect-error";
export type { OcppLink, OcppLinkOptions, OcppLinkStatus } from "./link-types";

export function createOcppLink(options: OcppLinkOptions): OcppLink {
  return new Link(options);
}

/**
 * A class rather than closures over local state: a fleet holds one link per charger, and the
 * twenty closures (and the getter object) of the closure version were 1.5 KiB of heap each.
 */
class Link implements OcppLink, ConnectionEnv {
  readonly identity: string;
  readonly station: Station;
  private readonly redact: (text: string) => string;
  private readonly backoff: Backoff;
  private readonly connectTimeoutMs: number;
  private readonly handlers: ChargerHandlerMap;
  /** Soft reset waits this long for StopTransaction.conf before rebooting anyway. */
  private readonly softResetWaitMs: number;

  private current: OcppLinkStatus = { status: "connecting" };
  private lastReported: string | null = null; // dedupes repeats; reset by start()
  private running = false;
  private endpoint: OcppEndpoint | null = null;
  private connection: OcppConnection | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Counts attempts: one still waiting at the gate when a newer one began gives up its turn. */
  private attempts = 0;

  constructor(private readonly options: OcppLinkOptions) {
    this.identity = options.identity;
    this.redact = createRedactor(options.identity, options.password);
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF, options.random);
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    // Shared, not copied, when nothing is replaced: every charger of a fleet uses the defaults.
    this.handlers = options.handlers
      ? { ...defaultChargerHandlers, ...options.handlers }
      : defaultChargerHandlers;
    this.station =
      options.station ??
      createMemoryStation({
        serial: options.serialNumber,
        endpoint: `${options.url}|${options.identity}`,
        connectorCount: options.connectorCount,
        log: this.log,
      });
    this.softResetWaitMs = Math.min(this.connectTimeoutMs, 5_000);
  }

  // An arrow property: handed to the station and to handlers as a plain function.
  readonly log = (line: string): void => {
    this.options.log?.(this.redact(`[${this.options.identity}] ${line}`));
  };

  get status(): OcppLinkStatus {
    return this.current;
  }

  get client() {
    return this.connection?.client ?? null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastReported = null;
    this.backoff.reset();
    const resolved = resolveOcppEndpoint(this.options.url, this.options.identity);
    if (!resolved.ok) {
      // Retrying cannot fix a bad URL; a new configuration creates a new link.
      this.endpoint = null;
      this.setError({ reason: "invalid_url", detail: { cause: resolved.problem } });
      return;
    }
    this.endpoint = resolved.value;
    this.setStatus({ status: "connecting" });
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const s = this.connection;
    this.connection = null;
    if (!s) return;
    const graceful = this.dropConnection(s, true);
    const cap = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([graceful, cap]);
    await Promise.resolve(s.client.close({ force: true })).catch(() => undefined);
  }

  live(s: OcppConnection): boolean {
    return this.running && this.connection === s;
  }

  /** A connection timer whose task runs only while that connection is still the live one. */
  later(s: OcppConnection, ms: number, task: () => unknown): NodeJS.Timeout {
    return connectionTimer(s, ms, () => {
      if (!this.live(s)) return;
      // the chain ends in a catch that logs the failure
      void Promise.resolve()
        .then(task)
        .catch((e: Error) => this.log(`task failed: ${e.message}`));
    });
  }

  async boot(s: OcppConnection): Promise<void> {
    if (s.bootInFlight || !this.live(s)) return;
    s.bootInFlight = true;
    let conf;
    try {
      this.log("→ BootNotification");
      conf = await callOcpp(s.client, "BootNotification", bootNotificationPayload(this.options), {
        callTimeoutMs: this.connectTimeoutMs,
      });
    } catch (error) {
      if (!this.live(s)) return;
      if (error instanceof TimeoutError) {
        const detail = {
          ...this.where(),
          seconds: this.connectTimeoutMs / 1000,
          cause: "no answer to BootNotification",
        };
        return this.fail(s, { reason: "connection_timeout", detail });
      }
      this.log(`BootNotification failed: ${(error as Error).message}`);
      return this.fail(s, {
        reason: "boot_rejected",
        detail: { ...this.where(), cause: (error as Error).message },
      });
    } finally {
      s.bootInFlight = false;
    }
    if (!this.live(s)) return;
    s.leaveGate(); // answered: the attempt is over, whatever the answer
    this.log(`← BootNotification ${conf.status} interval=${conf.interval}`);
    const decision = decideAfterBoot(conf, conf.interval > 0 ? 0 : this.backoff.next());
    clearConnectionTimers(s); // a new answer replaces any pending boot retry or heartbeat
    s.registration = decision.registration;
    if (decision.registration === "accepted") {
      this.backoff.reset();
      this.setStatus({ status: "connected" });
      // Statuses of connector 0 and every connector, then queued transaction messages (errata 3.22).
      this.station.attach(s.port, Math.max(0, conf.interval));
      scheduleHeartbeat(this, s);
      return;
    }
    const seconds = Math.round(decision.retryMs / 1000);
    if (decision.registration === "rejected") {
      // §4.2: after Rejected the charger SHALL NOT send any OCPP message until the interval
      // has expired, and SHALL NOT respond to CS calls meanwhile (see registerHandlers). It MAY
      // close the channel; we keep it, so the CS decides, and boot again on the same socket.
      s.rejectedUntil = Date.now() + decision.retryMs;
      this.setError({ reason: "boot_rejected", detail: { ...this.where(), seconds } });
    } else {
      // §4.2: Pending keeps the channel open; we send nothing unsolicited until TriggerMessage
      // or until `interval` has passed ("minimum wait time before sending a next BootNotification").
      this.setError({ reason: "boot_pending", detail: { ...this.where(), seconds } });
    }
    this.later(s, decision.retryMs, () => this.boot(s));
  }

  async reset(type: "Hard" | "Soft"): Promise<void> {
    // §5.14: transactions end first; Soft waits (bounded) for StopTransaction.conf.
    await prepareReboot(
      this.station,
      type === "Soft" ? "SoftReset" : "HardReset",
      type === "Soft" ? this.softResetWaitMs : 0,
    );
    if (this.options.onReset) return this.options.onReset(type);
    this.restart(`${type} reset requested by the central system`);
    this.station.start();
  }

  private setStatus(next: OcppLinkStatus): void {
    const key = JSON.stringify(next);
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.current = next;
    this.log(
      `status ${next.status}${next.status === "error" ? ` ${next.reason}: ${next.message}` : ""}`,
    );
    try {
      this.options.onStatus(next);
    } catch (error) {
      this.log(`onStatus listener threw: ${(error as Error).message}`);
    }
  }

  private setError({ reason, detail }: ClassifiedError): void {
    this.setStatus({
      status: "error",
      reason,
      message: this.redact(describeOcppError(reason, detail)),
    });
  }

  private where() {
    return { target: this.endpoint?.target ?? "", host: this.endpoint?.host ?? "" };
  }

  private dropConnection(s: OcppConnection, graceful: boolean): Promise<unknown> {
    if (this.connection === s) this.connection = null;
    this.station.detach(s.port);
    return closeOcppConnection(s, graceful);
  }

  private scheduleRetry(minDelayMs = 0): void {
    if (!this.running) return;
    const delay = Math.max(this.backoff.next(), minDelayMs);
    this.log(`next connection attempt in ${delay} ms (attempt ${this.backoff.attempt})`);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private fail(s: OcppConnection, error: ClassifiedError): void {
    if (!this.live(s)) return;
    // closeOcppConnection never rejects; the link moves on to the retry
    void this.dropConnection(s, false);
    this.setError(error);
    this.scheduleRetry();
  }

  private connect(): void {
    this.retryTimer = undefined;
    if (!this.running || !this.endpoint) return;
    const attempt = ++this.attempts;
    throughGate(this.options.gate, (leave) => {
      if (!this.running || !this.endpoint || attempt !== this.attempts) return leave();
      this.open(this.endpoint, leave);
    });
  }

  private open(ep: OcppEndpoint, leave: LeaveGate): void {
    const pingS = configInt(this.station, "WebSocketPingInterval");
    const s = openOcppConnection(
      ep,
      {
        identity: this.identity,
        password: this.options.password,
        localAddress: this.options.localAddress,
      },
      pingS * 1000,
      (x) => this.live(x),
    );
    s.leaveGate = leave;
    const { client } = s;
    this.connection = s;
    registerChargerHandlers(client, this.handlers, connectionContext(this, s));
    client.on("disconnect", ({ code, reason }: { code: number; reason?: string }) =>
      this.onDisconnect(s, code, reason),
    );
    client.on("strictValidationFailure", (e: { method: string; outbound: boolean; error: Error }) =>
      this.log(
        `strict validation failed (${e.outbound ? "outbound" : "inbound"} ${e.method}): ${e.error.message}`,
      ),
    );
    client.on("badMessage", (e: { error: Error }) =>
      this.log(`bad message from central system: ${e.error.message}`),
    );

    const timeout = this.later(s, this.connectTimeoutMs, () =>
      this.fail(s, {
        reason: "connection_timeout",
        detail: { ...this.where(), seconds: this.connectTimeoutMs / 1000 },
      }),
    );
    this.log(`connecting to ${ep.loggableUrl}${this.options.password ? " (HTTP Basic auth)" : ""}`);
    client.connect().then(
      () => {
        clearTimeout(timeout);
        s.timers.delete(timeout);
        // closeOcppConnection never rejects
        if (!this.live(s)) return void this.dropConnection(s, false);
        // ws already refuses a 101 without our subprotocol; this guards against anything else.
        if (client.protocol !== OCPP16) {
          return this.fail(s, {
            reason: "subprotocol_not_accepted",
            detail: { ...this.where(), cause: `got "${client.protocol ?? ""}"` },
          });
        }
        this.log("WebSocket open (ocpp1.6)");
        // boot catches every failure and turns it into the link's error status
        void this.boot(s);
      },
      (error: unknown) => {
        if (!this.live(s)) return;
        const classified = classifyConnectError(error, this.where());
        const why = String((error as Error)?.message ?? error).split("\n")[0];
        this.log(`connection failed: ${classified.reason} (${why})`);
        this.fail(s, classified);
      },
    );
  }

  private onDisconnect(s: OcppConnection, code: number, reason?: string): void {
    if (!this.live(s) || s.closedByUs) return;
    // closeOcppConnection never rejects
    void this.dropConnection(s, false);
    this.log(`connection closed (code ${code}${reason ? `, ${reason}` : ""})`);
    const waitMs = s.rejectedUntil - Date.now();
    if (s.registration === "rejected" && waitMs > 0) {
      // §4.2: while Rejected the CS may close the channel; keep the boot_rejected status and
      // do not come back before the retry interval is over.
      return this.scheduleRetry(waitMs);
    }
    this.setError({
      reason: "connection_lost",
      detail: { ...this.where(), cause: `WebSocket closed with code ${code}` },
    });
    this.scheduleRetry();
  }

  private restart(why: string): void {
    if (!this.running) return;
    this.log(`restarting: ${why}`);
    // closeOcppConnection never rejects
    if (this.connection) void this.dropConnection(this.connection, true);
    this.backoff.reset();
    this.setStatus({ status: "connecting" });
    this.scheduleRetry();
  }
}
