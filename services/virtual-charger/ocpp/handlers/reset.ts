import type { ChargerHandler } from "./context";

// OCPP 1.6 §5.14: accept, then reboot. A virtual charger "reboots" by dropping the connection
// and booting again; the charger simulator may override this handler to restart everything.
export const handleReset: ChargerHandler<"Reset"> = ({ params }, ctx) => {
  ctx.afterReply(() => ctx.restart(`${params.type} reset requested by the central system`));
  return { status: "Accepted" };
};
