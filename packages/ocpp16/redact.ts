// Last line of defence for "never log the AuthorizationKey" (security whitepaper A01.FR.12):
// the link never formats the password into a line, and this masks it if some library did.

const MIN_SECRET_LENGTH = 4; // masking every "ab" would garble logs without protecting much

export function createRedactor(identity: string, password?: string): (text: string) => string {
  if (!password || password.length < MIN_SECRET_LENGTH) return (text) => text;
  const basicToken = Buffer.from(`${identity}:${password}`, "utf8").toString("base64");
  const secrets = [password, basicToken, encodeURIComponent(password)];
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("***"), text);
}

/** A call's params as they may be logged: ChangeConfiguration(AuthorizationKey) loses its value. */
export function loggableParams(action: string, params: unknown): string {
  const p = params as { key?: unknown; value?: unknown } | undefined;
  if (
    action === "ChangeConfiguration" &&
    typeof p?.key === "string" &&
    p.key.toLowerCase() === "authorizationkey"
  )
    return JSON.stringify({ key: p.key, value: "***" });
  // Never throws: the demo central system logs refused calls from its ocpp-rpc event handlers,
  // and a deeply nested payload overflowing JSON.stringify there made ocpp-rpc close the socket
  // ("Unable to send call result") instead of answering CALLERROR (found by fuzzing).
  try {
    return JSON.stringify(params ?? {});
  } catch {
    return JSON.stringify("(not printable: nested too deeply)");
  }
}
