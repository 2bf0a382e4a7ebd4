// The header the portal server sets to the client's address (see scripts/portal-server.ts);
// any value a client sends in it is overwritten.
export const CLIENT_ADDRESS_HEADER = "x-plugboard-client-address";

export function clientAddress(headers: Record<string, string | string[] | undefined>): string {
  const value = headers[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value) || "unknown";
}

/** The address the throttle counts: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  const first = (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)
    ?.split(",")[0]
    ?.trim();
  return (trustProxy && first) || socketAddress || "unknown";
}
