// Builds links for tests and records what they report.
import {
  createOcppLink,
  type OcppLink,
  type OcppLinkOptions,
  type OcppLinkStatus,
} from "../ocpp-link";
import { onCleanup, runCleanups } from "@plugboard/node-runtime";
import { waitFor } from "./test-servers";

export interface LinkProbe {
  link: OcppLink;
  statuses: OcppLinkStatus[];
  logs: string[];
  /** Wait until the current status matches. */
  until(
    match: Partial<{ status: string; reason: string }>,
    timeoutMs?: number,
  ): Promise<OcppLinkStatus>;
}

export { onCleanup, runCleanups };

export function startLink(url: string, overrides: Partial<OcppLinkOptions> = {}): LinkProbe {
  const statuses: OcppLinkStatus[] = [];
  const logs: string[] = [];
  const link = createOcppLink({
    url,
    identity: "CP-TEST-1",
    vendor: "Wall Box Chargers",
    model: "PLP1-0-2-4-9",
    serialNumber: "SN-0001",
    firmwareVersion: "6.2.14",
    connectorCount: 1,
    backoff: { initialMs: 50, maxMs: 200 },
    connectTimeoutMs: 3_000,
    onStatus: (s) => statuses.push(s),
    log: (line) => logs.push(line),
    ...overrides,
  });
  onCleanup(() => link.stop());
  link.start();
  const matches = (s: OcppLinkStatus, m: Partial<{ status: string; reason: string }>) =>
    (m.status === undefined || s.status === m.status) &&
    (m.reason === undefined || (s.status === "error" && s.reason === m.reason));
  return {
    link,
    statuses,
    logs,
    async until(match, timeoutMs = 5_000) {
      await waitFor(
        () => matches(link.status, match),
        `status ${JSON.stringify(match)}; got ${JSON.stringify(link.status)}`,
        timeoutMs,
      );
      return link.status;
    },
  };
}
