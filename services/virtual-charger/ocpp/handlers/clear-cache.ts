import type { ChargerHandler } from "./context";

// §5.4: the Authorization Cache is implemented, so it is cleared and Accepted.
export const handleClearCache: ChargerHandler<"ClearCache"> = (_call, ctx) => {
  ctx.station.authCache = [];
  ctx.station.persist();
  return { status: "Accepted" };
};
