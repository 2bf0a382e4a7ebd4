// The charger's side of "Test connection" (an `ocpp_test` frame): what it answers, from its
// live OCPP link or from a one-off connection (ocpp/connection-test.ts). Never writes flash.
import type { OcppStatus, OcppTestFrame, OcppTestResultFrame } from "@plugboard/device-contract";
import type { ChargerIdentity, OcppConfig } from "./flash";
import { testOcppConnection } from "./ocpp/connection-test";
import { bootModel, VENDOR } from "./reported-state";

export type OcppTestAnswer = Omit<OcppTestResultFrame, "type" | "testId">;

/** Registration answers the live link holds: it has an open WebSocket to the central system. */
const LIVE_ANSWERS = new Set(["boot_pending", "boot_rejected"]);

/**
 * The live link's answer when it runs with exactly the tested settings and holds an open
 * connection (Accepted, Pending or Rejected); null when a test connection must be opened.
 */
export function answerFromLiveLink(
  config: OcppConfig,
  status: OcppStatus,
  test: Pick<OcppTestFrame, "url" | "identity" | "password">,
): OcppTestAnswer | null {
  const same =
    config.enabled &&
    config.url === test.url &&
    config.identity === test.identity &&
    (config.password ?? null) === (test.password ?? null);
  if (!same) return null;
  if (status.status === "connected") return { outcome: "connected", durationMs: 0 };
  if (status.status === "error" && status.reason && LIVE_ANSWERS.has(status.reason)) {
    return {
      outcome: "failed",
      reason: status.reason,
      message: status.message ?? status.reason,
      durationMs: 0,
    };
  }
  return null;
}

/** Runs the one-off test within the frame's time, as the charger describes itself. */
export async function runOcppTest(
  frame: OcppTestFrame,
  identity: ChargerIdentity,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<OcppTestAnswer> {
  const result = await testOcppConnection({
    url: frame.url,
    identity: frame.identity,
    ...(frame.password ? { password: frame.password } : {}),
    charger: {
      vendor: VENDOR,
      model: bootModel(identity.partNumber),
      serialNumber: identity.serialNumber,
      firmwareVersion: identity.firmwareVersion,
    },
    budgetMs: frame.timeoutMs,
    signal,
    log,
  });
  return result;
}
