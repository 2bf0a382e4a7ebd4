// The public shape of an OCPP link (re-exported by ocpp-link.ts).
import type { RPCClient } from "ocpp-rpc";
import type { BackoffOptions } from "./backoff";
import type { OcppErrorReason } from "./connect-error";
import type { ChargerHandlerMap } from "./handlers";
import type { Station } from "../station/station";
import type { ConnectGate } from "../connect-gate";

export type OcppLinkStatus =
  | { status: "connecting" }
  | { status: "connected" }
  | { status: "error"; reason: OcppErrorReason; message: string };

export interface OcppLinkOptions {
  url: string;
  identity: string;
  /** Security profile 1/2 AuthorizationKey (HTTP Basic password). Never logged. */
  password?: string;
  /** The source address to connect from (loopback-source.ts); none = the system's choice. */
  localAddress?: string;
  vendor: string;
  model: string;
  serialNumber: string;
  firmwareVersion: string;
  connectorCount: number;
  backoff?: BackoffOptions;
  connectTimeoutMs?: number;
  /**
   * Shared by the chargers of a fleet process: every attempt (first or retry) waits its turn,
   * and holds it until the boot is answered or the attempt failed (connect-gate.ts).
   */
  gate?: ConnectGate;
  onStatus: (status: OcppLinkStatus) => void;
  log?: (line: string) => void;
  /** Extra or replacement inbound-call handlers (merged over the defaults). */
  handlers?: ChargerHandlerMap;
  /** The charger's state (connectors, transactions, configuration…); a memory-only one if absent. */
  station?: Station;
  /**
   * Reset from the central system, after the reply went out and transactions ended. Absent: the
   * link drops the connection and boots again.
   */
  onReset?: (type: "Hard" | "Soft") => void;
  /** Injected randomness for the backoff jitter (tests). */
  random?: () => number;
}

export interface OcppLink {
  start(): void;
  stop(): Promise<void>;
  readonly status: OcppLinkStatus;
  readonly client: RPCClient | null;
  readonly station: Station;
}
