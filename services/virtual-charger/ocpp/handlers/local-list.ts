import { applyLocalList, reportedVersion, withoutListedTags } from "../../sim/authorization";
import { configInt } from "../../sim/config-store";
import type { ChargerHandler } from "./context";

// §5.10: the version of the list (0 = empty).
export const handleGetLocalListVersion: ChargerHandler<"GetLocalListVersion"> = (_call, ctx) => ({
  listVersion: reportedVersion(ctx.station.localList),
});

// §5.15: Full replaces, Differential updates (VersionMismatch unless newer); persisted.
export const handleSendLocalList: ChargerHandler<"SendLocalList"> = ({ params }, ctx) => {
  const { station } = ctx;
  const { status, list } = applyLocalList(station.localList, params, {
    maxLength: configInt(station, "LocalAuthListMaxLength"),
    maxPerMessage: configInt(station, "SendLocalListMaxLength"),
  });
  if (status === "Accepted") {
    station.localList = list;
    station.authCache = withoutListedTags(station.authCache, list);
    station.persist();
  }
  return { status };
};
