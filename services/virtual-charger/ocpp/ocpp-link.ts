// The OCPP 1.6J side of one virtual charger: connect, boot, heartbeat, reconnect, and report a
// status the portal can show ("connecting" | "connected" | "error" with a reason).
import { createBackoff, DEFAULT_BACKOFF } from "./backoff";
import { bootNotificationPayload, decideAfterBoot } from "./boot";
import { classifyConnectError, describeOcppError, type ClassifiedError } from "./connect-error";
import { resolveOcppEndpoint, type OcppEndpoint } from "./endpoint";
import { defaultChargerHandlers, type ChargerHandlerMap } from "./handlers";
import { registerChargerHandlers } from "./handlers/register";
import type { OcppLink, OcppLinkOptions, OcppLinkStatus } from "./link-types";
import { callOcpp, TimeoutError } from "./protocol/typed-rpc";
import { configInt } from "../sim/config-store";
import { createMemoryStation } from "../station/memory-station";
import { prepareReboot } from "../station/remote";
import { createRedactor } from "./redact";
import { scheduleHeartbeat, sessionContext, type SessionEnv } from "./session-context";
import {
  clearSessionTimers,
  closeSession,
  OCPP16,
  openSession,
  sessionTimer,
  type Session,
} from "./session";

export type { OcppErrorReason } from "./connect-error";
export { describeOcppError } from "./connect-error";
export type { OcppLink, OcppLinkOptions, OcppLinkStatus } from "./link-types";

export function createOcppLink(options: OcppLinkOptions): OcppLink {
  const redact = createRedactor(options.identity, options.password);
  const log = (line: string) => options.log?.(redact(`[${options.identity}] ${line}`));
  const backoff = createBackoff(options.backoff ?? DEFAULT_BACKOFF, options.random);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const handlers: ChargerHandlerMap = { ...defaultChargerHandlers, ...options.handlers };
  const station =
    options.station ??
    createMemoryStation({
      serial: options.serialNumber,
      endpoint: `${options.url}|${options.identity}`,
      connectorCount: options.connectorCount,
      log,
    });
  /** Soft reset waits this long for StopTransaction.conf before rebooting anyway. */
  const softResetWaitMs = Math.min(connectTimeoutMs, 5_000);

  let status: OcppLinkStatus = { status: "connecting" };
  let lastReported: string | null = null; // dedupes repeats; reset by start()
  let running = false;
  let endpoint: OcppEndpoint | null = null;
  let session: Session | null = null;
  let retryTimer: NodeJS.Timeout | undefined;

  function setStatus(next: OcppLinkStatus) {
    const key = JSON.stringify(next);
    if (key === lastReported) return;
    lastReported = key;
    status = next;
    log(
      `status ${next.status}${next.status === "error" ? ` ${next.reason}: ${next.message}` : ""}`,
    );
    try {
      options.onStatus(next);
    } catch (error) {
      log(`onStatus listener threw: ${(error as Error).message}`);
    }
  }

  function setError({ reason, detail }: ClassifiedError) {
    setStatus({ status: "error", reason, message: redact(describeOcppError(reason, detail)) });
  }

  const where = () => ({ target: endpoint?.target ?? "", host: endpoint?.host ?? "" });
  const live = (s: Session) => running && session === s;

  /** A session timer whose task runs only while that session is still the live one. */
  function later(s: Session, ms: number, task: () => unknown) {
    return sessionTimer(s, ms, () => {
      if (!live(s)) return;
      void Promise.resolve()
        .then(task)
        .catch((e: Error) => log(`task failed: ${e.message}`));
    });
  }

  function dropSession(s: Session, graceful: boolean): Promise<unknown> {
    if (session === s) session = null;
    station.detach(s.port);
    return closeSession(s, graceful);
  }

  function scheduleRetry(minDelayMs = 0) {
    if (!running) return;
    const delay = Math.max(backoff.next(), minDelayMs);
    log(`next connection attempt in ${delay} ms (attempt ${backoff.attempt})`);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, delay);
  }

  function fail(s: Session, error: ClassifiedError) {
    if (!live(s)) return;
    void dropSession(s, false);
    setError(error);
    scheduleRetry();
  }

  function connect() {
    retryTimer = undefined;
    if (!running || !endpoint) return;
    const ep = endpoint;
    const pingS = configInt(station, "WebSocketPingInterval");
    const s = openSession(ep, options.identity, options.password, pingS * 1000, live);
    const { client } = s;
    session = s;
    registerChargerHandlers(client, handlers, sessionContext(env, s));
    client.on("disconnect", ({ code, reason }: { code: number; reason?: string }) =>
      onDisconnect(s, code, reason),
    );
    client.on("strictValidationFailure", (e: { method: string; outbound: boolean; error: Error }) =>
      log(
        `strict validation failed (${e.outbound ? "outbound" : "inbound"} ${e.method}): ${e.error.message}`,
      ),
    );
    client.on("badMessage", (e: { error: Error }) =>
      log(`bad message from central system: ${e.error.message}`),
    );

    const timeout = later(s, connectTimeoutMs, () =>
      fail(s, {
        reason: "connection_timeout",
        detail: { ...where(), seconds: connectTimeoutMs / 1000 },
      }),
    );
    log(`connecting to ${ep.loggableUrl}${options.password ? " (HTTP Basic auth)" : ""}`);
    client.connect().then(
      () => {
        clearTimeout(timeout);
        s.timers.delete(timeout);
        if (!live(s)) return void dropSession(s, false);
        // ws already refuses a 101 without our subprotocol; this guards against anything else.
        if (client.protocol !== OCPP16) {
          return fail(s, {
            reason: "subprotocol_not_accepted",
            detail: { ...where(), cause: `got "${client.protocol ?? ""}"` },
          });
        }
        log("WebSocket open (ocpp1.6)");
        void boot(s);
      },
      (error: unknown) => {
        if (!live(s)) return;
        const classified = classifyConnectError(error, where());
        const why = String((error as Error)?.message ?? error).split("\n")[0];
        log(`connection failed: ${classified.reason} (${why})`);
        fail(s, classified);
      },
    );
  }

  function onDisconnect(s: Session, code: number, reason?: string) {
    if (!live(s) || s.closedByUs) return;
    void dropSession(s, false);
    log(`connection closed (code ${code}${reason ? `, ${reason}` : ""})`);
    const waitMs = s.rejectedUntil - Date.now();
    if (s.registration === "rejected" && waitMs > 0) {
      // §4.2: while Rejected the CS may close the channel; keep the boot_rejected status and
      // do not come back before the retry interval is over.
      return scheduleRetry(waitMs);
    }
    setError({
      reason: "connection_lost",
      detail: { ...where(), cause: `WebSocket closed with code ${code}` },
    });
    scheduleRetry();
  }

  async function boot(s: Session): Promise<void> {
    if (s.bootInFlight || !live(s)) return;
    s.bootInFlight = true;
    let conf;
    try {
      log("→ BootNotification");
      conf = await callOcpp(s.client, "BootNotification", bootNotificationPayload(options), {
        callTimeoutMs: connectTimeoutMs,
      });
    } catch (error) {
      if (!live(s)) return;
      if (error instanceof TimeoutError) {
        const detail = {
          ...where(),
          seconds: connectTimeoutMs / 1000,
          cause: "no answer to BootNotification",
        };
        return fail(s, { reason: "connection_timeout", detail });
      }
      log(`BootNotification failed: ${(error as Error).message}`);
      return fail(s, {
        reason: "boot_rejected",
        detail: { ...where(), cause: (error as Error).message },
      });
    } finally {
      s.bootInFlight = false;
    }
    if (!live(s)) return;
    log(`← BootNotification ${conf.status} interval=${conf.interval}`);
    const decision = decideAfterBoot(conf, conf.interval > 0 ? 0 : backoff.next());
    clearSessionTimers(s); // a new answer replaces any pending boot retry or heartbeat
    s.registration = decision.registration;
    if (decision.registration === "accepted") {
      backoff.reset();
      setStatus({ status: "connected" });
      // Statuses of connector 0 and every connector, then queued transaction messages (errata 3.22).
      station.attach(s.port, Math.max(0, conf.interval));
      scheduleHeartbeat(env, s);
      return;
    }
    const seconds = Math.round(decision.retryMs / 1000);
    if (decision.registration === "rejected") {
      // §4.2: after Rejected the charger SHALL NOT send any OCPP message until the interval
      // has expired, and SHALL NOT respond to CS calls meanwhile (see registerHandlers). It MAY
      // close the channel; we keep it, so the CS decides, and boot again on the same socket.
      s.rejectedUntil = Date.now() + decision.retryMs;
      setError({ reason: "boot_rejected", detail: { ...where(), seconds } });
    } else {
      // §4.2: Pending keeps the channel open; we send nothing unsolicited until TriggerMessage
      // or until `interval` has passed ("minimum wait time before sending a next BootNotification").
      setError({ reason: "boot_pending", detail: { ...where(), seconds } });
    }
    later(s, decision.retryMs, () => boot(s));
  }

  function restart(why: string) {
    if (!running) return;
    log(`restarting: ${why}`);
    if (session) void dropSession(session, true);
    backoff.reset();
    setStatus({ status: "connecting" });
    scheduleRetry();
  }

  async function reset(type: "Hard" | "Soft") {
    // §5.14: transactions end first; Soft waits (bounded) for StopTransaction.conf.
    await prepareReboot(
      station,
      type === "Soft" ? "SoftReset" : "HardReset",
      type === "Soft" ? softResetWaitMs : 0,
    );
    if (options.onReset) return options.onReset(type);
    restart(`${type} reset requested by the central system`);
    station.start();
  }

  const env: SessionEnv = { identity: options.identity, station, log, live, later, boot, reset };

  return {
    start() {
      if (running) return;
      running = true;
      lastReported = null;
      backoff.reset();
      const resolved = resolveOcppEndpoint(options.url, options.identity);
      if (!resolved.ok) {
        // Retrying cannot fix a bad URL; a new configuration creates a new link.
        endpoint = null;
        setError({ reason: "invalid_url", detail: { cause: resolved.problem } });
        return;
      }
      endpoint = resolved.value;
      setStatus({ status: "connecting" });
      connect();
    },
    async stop() {
      running = false;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      const s = session;
      session = null;
      if (!s) return;
      const graceful = dropSession(s, true);
      const cap = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
      await Promise.race([graceful, cap]);
      await Promise.resolve(s.client.close({ force: true })).catch(() => undefined);
    },
    get status() {
      return status;
    },
    get client() {
      return session?.client ?? null;
    },
    station,
  };
}
