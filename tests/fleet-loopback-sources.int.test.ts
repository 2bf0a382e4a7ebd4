// The virtual fleet's loopback source addresses (FLEET_LOCAL_ADDRESSES) against a stand-in
// device manager and the demo central system: each charger leaves from the address its serial
// picks, towards both services.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startDemoCsms } from "../services/demo-csms/demo-csms";
import { chargerDir, factoryFlash, writeFlash } from "../services/virtual-charger/flash";
import { localAddressFor } from "../services/virtual-charger/loopback-source";
import {
  onCleanup,
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
  until,
} from "../services/virtual-charger/testing/fleet-fixture";
import { startStubManager } from "../services/virtual-charger/testing/stub-manager";

afterEach(runCleanups);

const secret = () => `secret-${randomUUID()}`;

describe("fleet source addresses", () => {
  it("connects from the loopback addresses it is given, each charger from its own, to both services", async () => {
    const stub = await startStubManager();
    onCleanup(() => stub.close());
    const csmsLog: string[] = [];
    const csms = await startDemoCsms({ port: 0, log: (line) => csmsLog.push(line) });
    onCleanup(() => csms.close());
    const addresses = ["127.0.0.2", "127.0.0.3"];
    const stateDir = await tempDir("state");
    const serials = Array.from({ length: 8 }, (_, i) => `SOURCE-${i}`);
    for (const serial of serials) {
      const flash = factoryFlash(testIdentity(serial, secret(), "CPB1-S-2-4-8"));
      await writeFlash(chargerDir(stateDir, serial), {
        ...flash,
        ocpp: { ...flash.ocpp, enabled: true, url: csms.url, identity: serial },
      });
    }
    const fleet = await startTestFleet({
      stateDir,
      deviceManagerUrls: [stub.url],
      localAddresses: addresses,
    });
    await until(
      () => fleet.chargers().filter((c) => c.ocpp.status === "connected").length,
      (n) => n === serials.length,
      "every charger connected to the central system",
    );
    for (const serial of serials) {
      const expected = localAddressFor(serial, addresses, stub.url)!;
      expect(stub.remoteAddresses(serial), serial).toEqual([expected]);
      expect(csmsLog, serial).toContain(`${serial} connected from ${expected}`);
    }
    const used = new Set(serials.map((serial) => stub.remoteAddresses(serial)[0]));
    expect([...used].sort()).toEqual(addresses);
  });
});
