import { describe, expect, it } from "vitest";
import { isLoopbackV4, localAddressFor } from "./loopback-source";
import { serialHash } from "./serial-hash";

const ADDRESSES = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"];

describe("loopback source addresses", () => {
  it("accepts only IPv4 loopback addresses", () => {
    expect(isLoopbackV4("127.0.0.2")).toBe(true);
    expect(isLoopbackV4("127.255.1.9")).toBe(true);
    for (const other of ["10.0.0.1", "127.0.0.256", "::1", "localhost", "127.0.0", "1127.0.0.1"])
      expect(isLoopbackV4(other), other).toBe(false);
  });

  it("spreads chargers evenly, each always on the same address, and over every address within a shard", () => {
    const serials = Array.from({ length: 8_000 }, (_, i) => `SN-${i}`);
    const counts = new Map<string, number>();
    for (const serial of serials) {
      const address = localAddressFor(serial, ADDRESSES, "ws://127.0.0.1:9000/ocpp")!;
      expect(localAddressFor(serial, ADDRESSES, "ws://127.0.0.1:3100")).toBe(address);
      counts.set(address, (counts.get(address) ?? 0) + 1);
    }
    for (const address of ADDRESSES) expect(counts.get(address)).toBeGreaterThan(1_800);
    // the chargers of shard 0 of 4 (serialHash % 4 === 0) still use all four addresses
    const shard = serials.filter((s) => serialHash(s) % 4 === 0);
    const used = new Set(shard.map((s) => localAddressFor(s, ADDRESSES, "ws://127.0.0.1:1")));
    expect(used.size).toBe(4);
  });

  it("leaves the choice to the system towards anything but a loopback address, or with no list", () => {
    expect(localAddressFor("SN-1", ADDRESSES, "wss://csms.example.com/ocpp")).toBeUndefined();
    expect(localAddressFor("SN-1", ADDRESSES, "ws://[::1]:9000/ocpp")).toBeUndefined();
    expect(localAddressFor("SN-1", ADDRESSES, "not a url")).toBeUndefined();
    expect(localAddressFor("SN-1", [], "ws://127.0.0.1:9000/ocpp")).toBeUndefined();
    expect(localAddressFor("SN-1", undefined, "ws://127.0.0.1:9000/ocpp")).toBeUndefined();
  });
});
