// Turns the configured central-system URL plus the charge point identity into what ocpp-rpc
// needs. OCPP-J 1.6 §3.1.1: connection URL = endpoint URL + "/" + percent-encoded identity;
// ocpp-rpc's RPCClient does exactly `endpoint + '/' + encodeURIComponent(identity)`.

export interface OcppEndpoint {
  /** ws:// or wss:// URL without trailing slash, query or fragment (handed to ocpp-rpc). */
  endpoint: string;
  /** Query string of the configured URL, without "?" (ocpp-rpc appends it after the identity). */
  query?: string;
  secure: boolean;
  /** host:port for messages meant for a person. */
  target: string;
  host: string;
  /** The full connection URL (credentials in URLs are refused). */
  connectionUrl: string;
  /** The connection URL for logs: a query string may carry a token, so its values are hidden. */
  loggableUrl: string;
}

export type EndpointResult = { ok: true; value: OcppEndpoint } | { ok: false; problem: string };

export function resolveOcppEndpoint(url: string, identity: string): EndpointResult {
  const trimmed = url.trim();
  if (!trimmed) return { ok: false, problem: "the URL is empty" };
  if (!identity) return { ok: false, problem: "the charge point identity is empty" };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, problem: "it is not a URL" };
  }
  if (parsed.protocol === "http:" || parsed.protocol === "https:") {
    const hint = parsed.protocol === "https:" ? "wss://" : "ws://";
    return { ok: false, problem: `it starts with ${parsed.protocol}// — use ${hint} instead` };
  }
  if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") {
    return { ok: false, problem: `the scheme ${parsed.protocol}// is not supported` };
  }
  if (!parsed.hostname) return { ok: false, problem: "it has no host name" };
  // Credentials in the URL would end up in logs and in the Host line; the password has its own field.
  if (parsed.username || parsed.password) {
    return { ok: false, problem: "it contains a user name or password (use the password field)" };
  }
  if (parsed.hash) return { ok: false, problem: "it contains a fragment (#…)" };

  const secure = parsed.protocol === "wss:";
  const port = parsed.port || (secure ? "443" : "80");
  const path = parsed.pathname.replace(/\/+$/, "");
  const endpoint = `${parsed.protocol}//${parsed.host}${path}`;
  const query = parsed.search ? parsed.search.slice(1) : undefined;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    ok: true,
    value: {
      endpoint,
      query,
      secure,
      host,
      target: `${parsed.hostname}:${port}`,
      connectionUrl: `${endpoint}/${encodeURIComponent(identity)}${parsed.search}`,
      loggableUrl: `${endpoint}/${encodeURIComponent(identity)}${query ? "?…" : ""}`,
    },
  };
}
