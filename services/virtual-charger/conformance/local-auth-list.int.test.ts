// Conformance, Local Auth List Management profile: GetLocalListVersion, SendLocalList (full and
// differential, versions, failures), and how the list authorises cards offline or pre-authorised.
import { afterEach, describe, expect, it } from "vitest";
import { COPPER_SB, startRig, verifyAndClose } from "./rig";

afterEach(verifyAndClose);

const accepted = { status: "Accepted" as const };

describe("Local Auth List Management", () => {
  it("versions: 0 when empty; Full sets it; Differential must be newer (VersionMismatch); persists a power cycle", async () => {
    const rig = await startRig({ partNumber: COPPER_SB });
    const { csms } = rig;
    expect(await csms.call("GetLocalListVersion", {})).toEqual({ listVersion: 0 });
    const full = {
      listVersion: 3,
      updateType: "Full" as const,
      localAuthorizationList: [
        { idTag: "AAAA0001", idTagInfo: accepted },
        { idTag: "AAAA0002", idTagInfo: { status: "Blocked" as const } },
      ],
    };
    expect(await csms.call("SendLocalList", full)).toEqual({ status: "Accepted" });
    expect(await csms.call("GetLocalListVersion", {})).toEqual({ listVersion: 3 });

    const diff = (
      listVersion: number,
      list: Array<{ idTag: string; idTagInfo?: typeof accepted }>,
    ) =>
      csms.call("SendLocalList", {
        listVersion,
        updateType: "Differential",
        localAuthorizationList: list,
      });
    expect(await diff(3, [{ idTag: "AAAA0003", idTagInfo: accepted }])).toEqual({
      status: "VersionMismatch",
    });
    expect(await diff(2, [{ idTag: "AAAA0003", idTagInfo: accepted }])).toEqual({
      status: "VersionMismatch",
    });
    // Add one, delete one (no idTagInfo = delete, §7.1).
    expect(
      await diff(4, [{ idTag: "AAAA0003", idTagInfo: accepted }, { idTag: "AAAA0002" }]),
    ).toEqual({ status: "Accepted" });
    expect(await csms.call("GetLocalListVersion", {})).toEqual({ listVersion: 4 });
    expect(rig.station().localList.entries.map((e) => e.idTag)).toEqual(["AAAA0001", "AAAA0003"]);

    await rig.powerCycle();
    expect(await csms.call("GetLocalListVersion", {})).toEqual({ listVersion: 4 });
    expect(rig.station().localList.entries.map((e) => e.idTag)).toEqual(["AAAA0001", "AAAA0003"]);

    // A Full update with no entries empties the list: version 0 again (§5.10, §6.41).
    expect(await csms.call("SendLocalList", { listVersion: 5, updateType: "Full" })).toEqual({
      status: "Accepted",
    });
    expect(await csms.call("GetLocalListVersion", {})).toEqual({ listVersion: 0 });
  });

  it("Failed: version 0 or -1 (errata 3.52), duplicates, Full without idTagInfo, more than SendLocalListMaxLength", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB });
    const send = (request: Parameters<typeof csms.call<"SendLocalList">>[1]) =>
      csms.call("SendLocalList", request);
    expect(await send({ listVersion: 0, updateType: "Full" })).toEqual({ status: "Failed" });
    expect(await send({ listVersion: -1, updateType: "Full" })).toEqual({ status: "Failed" });
    const dup = [
      { idTag: "B1", idTagInfo: accepted },
      { idTag: "b1", idTagInfo: accepted },
    ];
    expect(await send({ listVersion: 1, updateType: "Full", localAuthorizationList: dup })).toEqual(
      { status: "Failed" },
    );
    expect(
      await send({ listVersion: 1, updateType: "Full", localAuthorizationList: [{ idTag: "B2" }] }),
    ).toEqual({ status: "Failed" });
    const many = Array.from({ length: 51 }, (_, i) => ({ idTag: `C${i}`, idTagInfo: accepted }));
    expect(
      await send({ listVersion: 1, updateType: "Full", localAuthorizationList: many }),
    ).toEqual({ status: "Failed" });
    expect(await csms.call("GetLocalListVersion", {})).toEqual({ listVersion: 0 });
  });

  it("LocalPreAuthorize: a listed card starts without Authorize.req; a Blocked one is refused locally", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: COPPER_SB });
    await configure({ LocalPreAuthorize: "true" });
    await csms.call("SendLocalList", {
      listVersion: 1,
      updateType: "Full",
      localAuthorizationList: [
        { idTag: "D0D0D0D0", idTagInfo: accepted },
        { idTag: "BADBAD00", idTagInfo: { status: "Blocked" } },
      ],
    });
    expect(await driver.presentCard("BADBAD00")).toMatchObject({
      outcome: "rejected",
      authorization: { status: "Blocked", source: "local_list" },
    });
    expect(await driver.presentCard("D0D0D0D0")).toMatchObject({
      outcome: "authorized",
      authorization: { source: "local_list" },
    });
    expect(csms.of("Authorize")).toHaveLength(0);
    await driver.plugIn();
    expect((await csms.next("StartTransaction")).params.idTag).toBe("D0D0D0D0");
  });

  it("offline: the local list authorises (LocalAuthorizeOffline), unknown cards are refused unless AllowOfflineTxForUnknownId", async () => {
    const rig = await startRig({ partNumber: COPPER_SB });
    const { csms, driver, configure } = rig;
    await csms.call("SendLocalList", {
      listVersion: 1,
      updateType: "Full",
      localAuthorizationList: [{ idTag: "0FF11AE0", idTagInfo: accepted }],
    });
    await configure({ AllowOfflineTxForUnknownId: "false" });
    rig.station().detach(rig.station().port!); // the central system is unreachable from now on
    expect(await driver.presentCard("12345678")).toMatchObject({
      outcome: "rejected",
      authorization: { source: "offline" },
    });
    expect(await driver.presentCard("0FF11AE0")).toMatchObject({
      outcome: "authorized",
      authorization: { source: "local_list" },
    });
    expect(csms.of("Authorize")).toHaveLength(0);
  });
});
