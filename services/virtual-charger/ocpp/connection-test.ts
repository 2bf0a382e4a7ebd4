// "Test connection": one OCPP 1.6J connection opened only to learn whether the central system
// takes the charger — WebSocket with the ocpp1.6 subprotocol, BootNotification, close — with
// the URL, identity and password it is given, never the ones in flash. Failures get the same
// reasons and sentences as the link's status (connect-error.ts), within one time budget.
import { callOcpp, createRedactor, TimeoutError } from "@plugboard/ocpp16";
import { bootNotificationPayload, type ChargerIdentity } from "./boot";
import {
  classifyConnectError,
  describeOcppError,
  type ClassifiedError,
  type OcppErrorReason,
} from "./connect-error";
import { resolveOcppEndpoint } from "./endpoint";
import { closeOcppConnection, OCPP16, openOcppConnection } from "./ocpp-connection";

export interface ConnectionTestOptions {
  url: string;
  identity: string;
  /** HTTP Basic password (security profile 1/2); never logged. */
  password?: string;
  /** What the charger says about itself in BootNotification. */
  charger: ChargerIdentity;
  /** For the connection and the BootNotification answer together. */
  budgetMs: number;
  /** Aborted when the charger powers off or restarts: the test ends at once. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export type ConnectionTestResult =
  | { outcome: "connected"; durationMs: number }
  | { outcome: "failed"; reason: OcppErrorReason; message: string; durationMs: number };

const MAX_MESSAGE_LENGTH = 500;
/** Closing the test connection never holds the answer back longer than this. */
const CLOSE_WAIT_MS = 1_000;

type Step<T> = { ok: true; value: T } | { ok: false; why: "deadline" | "aborted" };

export async function testOcppConnection(
  options: ConnectionTestOptions,
): Promise<ConnectionTestResult> {
  const started = Date.now();
  const deadline = started + options.budgetMs;
  const redact = createRedactor(options.identity, options.password);
  const log = (line: string) => options.log?.(redact(`[test ${options.identity}] ${line}`));
  const finish = (error?: ClassifiedError): ConnectionTestResult => {
    const durationMs = Date.now() - started;
    if (!error) {
      log(`connected and accepted in ${durationMs} ms`);
      return { outcome: "connected", durationMs };
    }
    const message = redact(describeOcppError(error.reason, error.detail)).slice(
      0,
      MAX_MESSAGE_LENGTH,
    );
    log(`failed in ${durationMs} ms: ${error.reason}`);
    return { outcome: "failed", reason: error.reason, message, durationMs };
  };

  const resolved = resolveOcppEndpoint(options.url, options.identity);
  if (!resolved.ok) return finish({ reason: "invalid_url", detail: { cause: resolved.problem } });
  const endpoint = resolved.value;
  const where = { target: endpoint.target, host: endpoint.host };
  const timedOut = (cause?: string): ClassifiedError => ({
    reason: "connection_timeout",
    detail: { ...where, seconds: Math.max(1, Math.round(options.budgetMs / 1000)), cause },
  });
  const aborted: ClassifiedError = {
    reason: "connection_lost",
    detail: { ...where, cause: "the charger restarted during the test" },
  };

  log(`connecting to ${endpoint.loggableUrl}${options.password ? " (HTTP Basic auth)" : ""}`);
  // No pings (0) and no handlers: the connection lives for one BootNotification.
  const connection = openOcppConnection(
    endpoint,
    { identity: options.identity, password: options.password },
    0,
    () => true,
  );
  const { client } = connection;
  let closedByServer: number | null = null;
  client.on("close", ({ code }: { code?: number }) => (closedByServer ??= code ?? 1006));
  try {
    const opened = await within(client.connect(), deadline, options.signal);
    if (!opened.ok) return finish(opened.why === "aborted" ? aborted : timedOut());
    if (client.protocol !== OCPP16) {
      const cause = `got "${client.protocol ?? ""}"`;
      return finish({ reason: "subprotocol_not_accepted", detail: { ...where, cause } });
    }
    const remaining = Math.max(1, deadline - Date.now());
    const boot = await within(
      callOcpp(client, "BootNotification", bootNotificationPayload(options.charger), {
        callTimeoutMs: remaining,
      }),
      deadline + 100, // callOcpp times out first, with its own TimeoutError
      options.signal,
    );
    if (!boot.ok) return finish(boot.why === "aborted" ? aborted : timedOut());
    const conf = boot.value;
    log(`← BootNotification ${conf.status}`);
    if (conf.status === "Accepted") return finish();
    const seconds = conf.interval > 0 ? conf.interval : undefined;
    const reason = conf.status === "Pending" ? "boot_pending" : "boot_rejected";
    return finish({ reason, detail: { ...where, ...(seconds ? { seconds } : {}) } });
  } catch (error) {
    if (error instanceof TimeoutError) return finish(timedOut("no answer to BootNotification"));
    if (closedByServer !== null && client.protocol === OCPP16) {
      // Open, then closed by the central system before it answered BootNotification.
      const cause = `WebSocket closed with code ${closedByServer}`;
      return finish({ reason: "connection_lost", detail: { ...where, cause } });
    }
    if (client.protocol === OCPP16) {
      // A CALLERROR to BootNotification: the central system refused the charger (as the link).
      const cause = String((error as Error)?.message ?? error).split("\n")[0];
      return finish({ reason: "boot_rejected", detail: { ...where, cause } });
    }
    return finish(classifyConnectError(error, where));
  } finally {
    const closing = closeOcppConnection(connection, true);
    await Promise.race([closing, delay(CLOSE_WAIT_MS)]);
    await Promise.resolve(client.close({ force: true })).catch(() => undefined);
  }
}

/** `promise`, unless the deadline passes or the signal aborts first. */
async function within<T>(
  promise: Promise<T>,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<Step<T>> {
  if (signal?.aborted) return { ok: false, why: "aborted" };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<Step<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, why: "deadline" }), deadline - Date.now());
    onAbort = () => resolve({ ok: false, why: "aborted" });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  // A connect or call left behind rejects once the connection is closed: nobody waits for it.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise.then((value): Step<T> => ({ ok: true, value })), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
