// Why a charger could not (or can no longer) talk to its central system: a fixed set of
// reasons the portal understands, each with a sentence written for a person.

// The reasons are part of the device-event contract: one list, shared with the portal.
import { OCPP_ERROR_REASONS } from "@plugboard/device-contract";

export { OCPP_ERROR_REASONS };

export type OcppErrorReason = (typeof OCPP_ERROR_REASONS)[number];

export interface OcppErrorDetail {
  /** host:port of the central system. */
  target?: string;
  /** Host name alone (DNS failures). */
  host?: string;
  httpStatus?: number;
  /** Seconds (BootNotification interval, or the connect timeout). */
  seconds?: number;
  /** A short technical cause, e.g. an error code; never a secret. */
  cause?: string;
}

export interface ClassifiedError {
  reason: OcppErrorReason;
  detail: OcppErrorDetail;
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);
const UNREACHABLE_CODES = new Set([
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
]);
// OpenSSL certificate verification results as Node reports them in err.code.
const CERT_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "HOSTNAME_MISMATCH",
  "EPROTO",
]);
const SUBPROTOCOL_MESSAGES = ["Server sent no subprotocol", "Server sent an invalid subprotocol"];

type ErrorLike = {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  library?: unknown;
  errors?: unknown;
  cause?: unknown;
};

/** The error and everything nested in it (AggregateError from happy eyeballs, `cause`). */
function flatten(error: unknown, depth = 0): ErrorLike[] {
  if (!error || typeof error !== "object" || depth > 3) return [];
  const e = error as ErrorLike;
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => flatten(x, depth + 1)) : [];
  return [e, ...nested, ...flatten(e.cause, depth + 1)];
}

function isTlsError(e: ErrorLike): boolean {
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : "";
  return (
    code.startsWith("ERR_SSL_") ||
    code.startsWith("ERR_TLS_") ||
    CERT_CODES.has(code) ||
    (typeof e.library === "string" && /ssl/i.test(e.library)) ||
    /\b(ssl|tls)\b|certificate/i.test(message)
  );
}

function tlsCause(all: ErrorLike[], codes: string[], message: string): string {
  const certCode = codes.find((c) => CERT_CODES.has(c) && c !== "EPROTO");
  if (certCode) return certCode;
  // OpenSSL's own words, e.g. "…:SSL routines:ssl3_get_record:wrong version number:…".
  for (const e of all) {
    const reason = /SSL routines:[^:]*:([^:]+):/.exec(
      typeof e.message === "string" ? e.message : "",
    )?.[1];
    if (reason) return reason.trim();
  }
  return codes.find((c) => c.startsWith("ERR_")) ?? message.split("\n")[0]!.slice(0, 120);
}

/** Classify an error thrown by RPCClient.connect() (ws + node:net/tls underneath). */
export function classifyConnectError(
  error: unknown,
  where: { target: string; host: string },
): ClassifiedError {
  const all = flatten(error);
  const first = all[0] ?? {};
  const message = typeof first.message === "string" ? first.message : String(error);
  const codes = all.map((e) => e.code).filter((c): c is string => typeof c === "string");
  const base = { target: where.target };

  // ws rejects the handshake itself when the 101 answer lacks our subprotocol (OCPP-J §3.2).
  if (SUBPROTOCOL_MESSAGES.some((m) => message.startsWith(m))) {
    return { reason: "subprotocol_not_accepted", detail: { ...base, cause: message } };
  }
  // ocpp-rpc's UnexpectedHttpResponse carries the HTTP status as a numeric `code`.
  const status = typeof first.code === "number" ? first.code : undefined;
  if (status !== undefined) {
    const reason = status === 401 ? "http_401" : status === 404 ? "http_404" : "http_error";
    return { reason, detail: { ...base, httpStatus: status } };
  }
  if (first.name === "SyntaxError" && /URL/.test(message)) {
    return { reason: "invalid_url", detail: { cause: message } };
  }
  const dns = codes.find((c) => DNS_CODES.has(c));
  if (dns) return { reason: "dns_not_found", detail: { ...base, host: where.host, cause: dns } };
  if (codes.includes("ECONNREFUSED")) {
    return { reason: "connection_refused", detail: { ...base, cause: "ECONNREFUSED" } };
  }
  if (all.some(isTlsError)) {
    return { reason: "tls_failure", detail: { ...base, cause: tlsCause(all, codes, message) } };
  }
  const unreachable = codes.find((c) => UNREACHABLE_CODES.has(c));
  if (unreachable) return { reason: "connection_timeout", detail: { ...base, cause: unreachable } };
  // Anything else answering the upgrade with something that is not a WebSocket handshake.
  if (/^(Invalid|Unexpected server response)/.test(message)) {
    return { reason: "http_error", detail: { ...base, cause: message } };
  }
  // Reset / hang-up before the handshake finished (often ws:// aimed at a TLS-only port).
  return { reason: "connection_lost", detail: { ...base, cause: codes[0] ?? message } };
}

function at(detail?: OcppErrorDetail): string {
  return detail?.target ?? "the central system";
}

/** One sentence for a person: what went wrong and what to check. */
export function describeOcppError(reason: OcppErrorReason, detail?: OcppErrorDetail): string {
  switch (reason) {
    case "invalid_url":
      return `The OCPP URL is not valid${detail?.cause ? ` (${detail.cause})` : ""} — it must look like ws://host:port/path or wss://host/path.`;
    case "dns_not_found":
      return `The central system's host name${detail?.host ? ` ${detail.host}` : ""} could not be found (DNS) — check the spelling of the URL and the charger's network connection.`;
    case "connection_refused":
      return `Connection refused by ${at(detail)} — nothing is listening on that port. Check the port in the URL and that the central system is running.`;
    case "connection_timeout":
      return `No answer from ${at(detail)}${detail?.seconds ? ` within ${detail.seconds} s` : ""}${detail?.cause ? ` (${detail.cause})` : ""} — check the address and port, and that no firewall or VPN blocks outbound connections.`;
    case "tls_failure":
      return `The secure (TLS) connection to ${at(detail)} failed${detail?.cause ? ` (${detail.cause})` : ""} — use wss:// only if the server speaks TLS, and check that its certificate is valid and trusted.`;
    case "http_401":
      return `The central system at ${at(detail)} refused the credentials (HTTP 401) — check the charge point identity and the OCPP password.`;
    case "http_404":
      return `The central system at ${at(detail)} does not know this charge point identity or URL path (HTTP 404) — check the identity and the URL, and that the charger is registered with the operator.`;
    case "http_error":
      return `The server at ${at(detail)} did not accept the WebSocket connection${detail?.httpStatus ? ` (HTTP ${detail.httpStatus})` : detail?.cause ? ` (${detail.cause})` : ""} — check that the URL points to an OCPP endpoint.`;
    case "subprotocol_not_accepted":
      return `The server at ${at(detail)} did not accept the "ocpp1.6" WebSocket subprotocol — it is not an OCPP 1.6J endpoint; check the URL with the operator.`;
    case "boot_rejected":
      return `The central system rejected the charger (BootNotification Rejected)${detail?.seconds ? `; it will try again in ${detail.seconds} s` : ""} — ask the operator to register this charge point identity.`;
    case "boot_pending":
      return `The central system has not accepted the charger yet (BootNotification Pending) — it may still be preparing its configuration; the charger waits and retries.`;
    case "connection_lost":
      return `The connection to ${at(detail)} was lost${detail?.cause ? ` (${detail.cause})` : ""} — the charger is reconnecting.`;
  }
}
