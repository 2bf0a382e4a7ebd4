// The messages between the demo central system's primary process and its workers (Node's
// cluster IPC, "advanced" serialisation so dates survive). The primary knows which worker holds
// each identity, so an HTTP API request that lands on one worker can reach the charger held by
// another.
import type { IdentityPolicy } from "./policies";

/** Something only the worker holding a charger (or every worker) can answer. */
export type WorkerRequest =
  | { kind: "call"; identity: string; action: string; params: unknown }
  | { kind: "received"; identity: string };

export type Question =
  | { q: "identities" }
  | { q: "count" }
  | { q: "holder"; request: WorkerRequest & { kind: "call" } }
  | { q: "everyone"; request: WorkerRequest }
  | { q: "upload-put"; name: string; text: string }
  | { q: "upload-get"; name: string }
  | { q: "upload-list" };

/** The answer to "count": /health shows it, so a person (or a test) sees the spread. */
export interface ClusterCount {
  connected: number;
  workers: Array<{ worker: number; pid: number; connected: number }>;
}

export interface WireError {
  name: string;
  message: string;
  rpcErrorCode?: string;
}
export type Answer = { ok: true; value: unknown } | { ok: false; error: WireError };

export type ToPrimary =
  | { t: "listening"; port: number; pid: number }
  /** `connection` numbers the worker's connections, so a late "not held" of an old one is told apart. */
  | { t: "held"; identity: string; held: boolean; connection: number }
  | { t: "ask"; id: number; question: Question }
  | { t: "served"; id: number; answer: Answer }
  | { t: "policy"; identity: string; policy: IdentityPolicy | null };

export type ToWorker =
  | { t: "reply"; id: number; answer: Answer }
  | { t: "serve"; id: number; request: WorkerRequest }
  | { t: "policy"; identity: string; policy: IdentityPolicy | null }
  /** Another worker took a newer connection of this identity: close this one (if still held). */
  | { t: "drop"; identity: string; connection: number };

/** The charger is connected to no worker (the HTTP API answers 404). */
export class NotConnectedError extends Error {
  override name = "NotConnectedError";
  constructor(identity: string) {
    super(`${identity} is not connected`);
  }
}

export function toWire(error: unknown): WireError {
  const e = error as Error & { rpcErrorCode?: string };
  return {
    name: e?.name ?? "Error",
    message: e?.message ?? String(error),
    ...(e?.rpcErrorCode ? { rpcErrorCode: e.rpcErrorCode } : {}),
  };
}

/** The error as the HTTP API expects it: same name, message and OCPP error code. */
export function fromWire(wire: WireError): Error {
  const error = Object.assign(new Error(wire.message), { name: wire.name });
  if (wire.rpcErrorCode) Object.assign(error, { rpcErrorCode: wire.rpcErrorCode });
  return error;
}

export function isToPrimary(message: unknown): message is ToPrimary {
  return typeof message === "object" && message !== null && "t" in message;
}
export const isToWorker = isToPrimary as (message: unknown) => message is ToWorker;
