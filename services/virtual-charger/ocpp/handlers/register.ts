// Wires a handler map onto an ocpp-rpc client. Actions without a handler are answered
// NotImplemented by ocpp-rpc itself; strict mode validates requests and our replies.
import type { RPCClient } from "ocpp-rpc";
import { NO_REPLY, type InboundHandler } from "@plugboard/ocpp16";
import { loggableParams } from "@plugboard/ocpp16";
import type { ChargerHandlerMap, LinkContext } from "./context";

type RawCall = { method: string; params?: unknown; messageId?: string; signal?: AbortSignal };

/** One closure per client, registered under every action it handles: a closure per action
 *  would be 19 function objects and contexts per charger, in fleets of thousands. Actions
 *  without a handler stay unregistered, so ocpp-rpc answers them NotImplemented. */
export function registerChargerHandlers(
  client: RPCClient,
  handlers: ChargerHandlerMap,
  ctx: LinkContext,
): void {
  const onCall = async ({ method, params, messageId, signal }: RawCall) => {
    // OCPP 1.6 §4.2: "While Rejected, the Charge Point SHALL NOT respond to any Central System initiated message."
    if (ctx.registration() === "rejected") return NO_REPLY;
    ctx.log(`← ${method} ${loggableParams(method, params)}`);
    const typed = handlers[method as keyof ChargerHandlerMap] as unknown as InboundHandler<
      never,
      LinkContext
    >;
    return await typed(
      { method: method as never, params: params as never, messageId, signal },
      ctx,
    );
  };
  for (const [action, handler] of Object.entries(handlers)) {
    if (handler !== undefined) client.handle(action, onCall as never);
  }
}
