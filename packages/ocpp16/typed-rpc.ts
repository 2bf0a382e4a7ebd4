// Typed wrappers over ocpp-rpc: payload types come from the generated schema types,
// validation itself stays in ocpp-rpc's strict mode.
import { RPCClient } from "ocpp-rpc";
// Imported from the files that define them: ocpp-rpc's index re-exports these with an object
// spread, which Node's ESM named-export detection cannot see.
import symbols from "ocpp-rpc/lib/symbols.js";
import { TimeoutError } from "ocpp-rpc/lib/errors.js";
import type { Ocpp16Action, Ocpp16Request, Ocpp16Response } from "./ocpp16.generated";
import { speakOcpp16CallErrors } from "./call-error-codes";
import { ocpp16StrictValidator } from "./validate";

export type { Ocpp16Action, Ocpp16Request, Ocpp16Response };
export { TimeoutError };

/** Return this from a handler to send no reply at all (ocpp-rpc's NOREPLY symbol). */
export const NO_REPLY: unique symbol = (symbols as unknown as { NOREPLY: symbol }).NOREPLY as never;

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

/** RPCClient's .d.ts marks every option as required; the library itself has defaults for all. */
export function newRpcClient(options: Partial<ClientOptions> & { identity: string }): RPCClient {
  // Strict mode answers a malformed call without echoing it back (see ocpp16StrictValidator),
  // with OCPP-J 1.6's error codes (call-error-codes.ts).
  return speakOcpp16CallErrors(
    new RPCClient({
      strictModeValidators: [ocpp16StrictValidator],
      ...options,
    } as ClientOptions),
  );
}

/** The part of an ocpp-rpc client (RPCClient or RPCServerClient) the typed helpers need. */
export type RpcPeer = Pick<RPCClient, "call" | "handle">;

/** How long a call waits for its answer unless the caller says otherwise. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * Calls `action` and waits at most `callTimeoutMs` for the answer (then a TimeoutError).
 * The timeout is kept here rather than by ocpp-rpc: the library makes an Error with its stack
 * trace, an AbortController and, when the answer comes, a DOMException and an AbortError for
 * every call, timed out or not — a tenth of a booting fleet's CPU (fleet-density profile).
 * Here only a timer is set, and the errors are made when a call really times out.
 */
export async function callOcpp<A extends Ocpp16Action>(
  peer: RpcPeer,
  action: A,
  params: Ocpp16Request<A>,
  options: { callTimeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Ocpp16Response<A>> {
  const timeout = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    timeout.abort();
  }, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
  const signal = options.signal
    ? AbortSignal.any([options.signal, timeout.signal])
    : timeout.signal;
  try {
    // callTimeoutMs 0: no timer of the library's own.
    return (await peer.call(action, params, { callTimeoutMs: 0, signal })) as Ocpp16Response<A>;
  } catch (error) {
    if (timedOut) throw new TimeoutError("Call timeout");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** What an inbound-call handler receives (a subset of ocpp-rpc's handler argument). */
export interface InboundCall<A extends Ocpp16Action> {
  method: A;
  params: Ocpp16Request<A>;
  messageId?: string;
  signal?: AbortSignal;
}

export type InboundHandler<A extends Ocpp16Action, Ctx> = (
  call: InboundCall<A>,
  ctx: Ctx,
) => Ocpp16Response<A> | Promise<Ocpp16Response<A>>;

/** One optional handler per action: the shape of a handler map. */
export type InboundHandlerMap<Ctx> = { [A in Ocpp16Action]?: InboundHandler<A, Ctx> };
