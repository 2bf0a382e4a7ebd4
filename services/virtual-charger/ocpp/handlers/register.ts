// Wires a handler map onto an ocpp-rpc client. Actions without a handler are answered
// NotImplemented by ocpp-rpc itself; strict mode validates requests and our replies.
import type { RPCClient } from "ocpp-rpc";
import { NO_REPLY, type InboundHandler } from "../protocol/typed-rpc";
import { loggableParams } from "../redact";
import type { ChargerHandlerMap, LinkContext } from "./context";

type RawCall = { params?: unknown; messageId?: string; signal?: AbortSignal };

export function registerChargerHandlers(
  client: RPCClient,
  handlers: ChargerHandlerMap,
  ctx: LinkContext,
): void {
  for (const [action, handler] of Object.entries(handlers)) {
    if (!handler) continue;
    const typed = handler as unknown as InboundHandler<never, LinkContext>;
    const onCall = async ({ params, messageId, signal }: RawCall) => {
      // OCPP 1.6 §4.2: "While Rejected, the Charge Point SHALL NOT respond to any Central System initiated message."
      if (ctx.registration() === "rejected") return NO_REPLY;
      ctx.log(`← ${action} ${loggableParams(action, params)}`);
      return await typed(
        { method: action as never, params: params as never, messageId, signal },
        ctx,
      );
    };
    client.handle(action, onCall as never);
  }
}
