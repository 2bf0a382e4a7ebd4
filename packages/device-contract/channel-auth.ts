// How a charger proves who it is on the device channel: HTTP Basic on the WebSocket upgrade,
// username = serial, password = the device secret issued when the charger was added.

export function basicAuthHeader(serial: string, secret: string): string {
  return `Basic ${Buffer.from(`${serial}:${secret}`).toString("base64")}`;
}

/** The serial and secret of an upgrade's Authorization header, or null when malformed. */
export function parseBasicAuth(
  header: string | undefined,
): { serial: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { serial: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
