// HTTP-level gatekeeping before ocpp-rpc sees an upgrade: path, identity policy, credentials.
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

export const OCPP_PATH_PREFIX = "/ocpp";

export type PathResult =
  { ok: true; identity: string } | { ok: false; status: 400 | 404; why: string };

/** `/ocpp/<percent-encoded identity>` exactly; parsed the way ocpp-rpc parses it. */
export function parseOcppPath(rawUrl: string | undefined): PathResult {
  let pathname: string;
  try {
    pathname = new URL("http://localhost" + (rawUrl || "/")).pathname;
  } catch {
    return { ok: false, status: 400, why: "unparsable request target" };
  }
  const parts = pathname.split("/");
  if (parts.length !== 3 || parts[0] !== "" || `/${parts[1]}` !== OCPP_PATH_PREFIX || !parts[2]) {
    return { ok: false, status: 404, why: "not an OCPP endpoint path" };
  }
  try {
    return { ok: true, identity: decodeURIComponent(parts[2]) };
  } catch {
    return { ok: false, status: 400, why: "badly percent-encoded identity" };
  }
}

/** Answer an upgrade request with a plain HTTP error and close the socket. */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  headers: Record<string, string> = {},
): void {
  if (socket.writable) {
    const body = STATUS_CODES[status] ?? "Error";
    const lines = [
      `HTTP/1.1 ${status} ${body}`,
      "Connection: close",
      "Content-Type: text/plain",
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join("\r\n")}\r\n\r\n${body}`);
  }
  socket.destroy();
}
