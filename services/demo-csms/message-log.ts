// The demo central system's log: one line per message with its answer, bad messages and schema
// failures. ChangeConfiguration(AuthorizationKey) is logged without its value.
import { loggableParams } from "@plugboard/ocpp16";

type Emitter = { on(event: string, listener: (...args: never[]) => void): unknown };

export const short = (value: unknown, action?: string) => {
  // ChangeConfiguration(AuthorizationKey) is logged without its value.
  const text = action ? loggableParams(action, value) : JSON.stringify(value ?? null);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
};

export function logMessages(client: Emitter, identity: string, log: (line: string) => void): void {
  const arrow = (outbound: boolean) => (outbound ? "→" : "←");
  client.on(
    "callResult",
    (e: { outbound: boolean; method: string; params: unknown; result: unknown }) =>
      log(
        `${identity} ${arrow(e.outbound)} ${e.method} ${short(e.params, e.method)} ⇒ ${short(e.result)}`,
      ),
  );
  client.on(
    "callError",
    (e: {
      outbound: boolean;
      method: string;
      params: unknown;
      error: { rpcErrorCode?: string; message?: string };
    }) =>
      log(
        `${identity} ${arrow(e.outbound)} ${e.method} ${short(e.params, e.method)} ⇒ error ${e.error.rpcErrorCode ?? ""} ${e.error.message ?? ""}`,
      ),
  );
  client.on("badMessage", (e: { error: Error }) =>
    log(`${identity} sent a bad message: ${e.error.message}`),
  );
  client.on("strictValidationFailure", (e: { method: string; outbound: boolean; error: Error }) =>
    log(
      `${identity} ${e.outbound ? "outbound" : "inbound"} ${e.method} failed schema validation: ${e.error.message}`,
    ),
  );
}
