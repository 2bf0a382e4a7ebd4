import type { ChargerHandler } from "./context";

// §5.14: accept, then reboot; transactions end first (Soft waits for StopTransaction).
export const handleReset: ChargerHandler<"Reset"> = ({ params }, ctx) => {
  ctx.afterReply(() => ctx.reset(params.type));
  return { status: "Accepted" };
};
