import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { chargerDir, factoryFlash, readFlash, type Flash } from "./flash";
import { FlashStore } from "./flash-store";
import { emptyStationState, type StationState } from "./station/persisted";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

const SERIAL = "SN-200001";
const flashWithStation = (acceptedBy: string): Flash => ({
  ...factoryFlash({
    serialNumber: SERIAL,
    partNumber: "PLP1-0-2-4-9",
    firmwareVersion: "6.2.14",
    deviceSecret: "s".repeat(32),
  }),
  station: { ...emptyStationState(), acceptedBy },
});

describe("FlashStore", () => {
  it("keeps no copy of the station part; every write takes the live one", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "flash-store-test-"));
    roots.push(root);
    let live: StationState = { ...emptyStationState(), acceptedBy: "ws://a|CP-1" };
    const store = new FlashStore(root, flashWithStation("ws://old|CP-1"), () => live);
    expect(store.flash.station).toBeUndefined();
    expect(store.flash.identity.serialNumber).toBe(SERIAL);

    await store.persist();
    live = { ...live, acceptedBy: "ws://b|CP-1" };
    await store.save({ ...store.flash, appliedConfigVersion: 7 });

    const read = await readFlash(chargerDir(root, SERIAL));
    expect(read.ok && read.flash.station?.acceptedBy).toBe("ws://b|CP-1");
    expect(read.ok && read.flash.appliedConfigVersion).toBe(7);
    expect(store.flash.station).toBeUndefined();
    expect(store.flash.appliedConfigVersion).toBe(7);
  });
});
