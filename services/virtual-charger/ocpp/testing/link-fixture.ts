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
  /** Wait until the link reports a matching status (now, or at any time since the call). */
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
      // A status can be short-lived (connection_lost lasts until the first, jittered retry
      // reports connection_refused), so a status reported since the call counts too: polling
      // the current one alone misses it on a loaded machine.
      const from = statuses.length;
      const seen = () =>
        matches(link.status, match)
          ? link.status
          : statuses.slice(from).find((s) => matches(s, match));
      try {
        await waitFor(() => seen() !== undefined, `status ${JSON.stringify(match)}`, timeoutMs);
      } catch (error) {
        const since = statuses.slice(from).map((s) => JSON.stringify(s));
        throw new Error(
          `${(error as Error).message}; reported since: [${since.join(", ")}]; now ${JSON.stringify(link.status)}`,
        );
      }
      return seen()!;
    },
  };
}
