// Security profile 1 key rotation end to end: the demo central system sets a new AuthorizationKey
// on a real virtual charger, which reconnects with it as its HTTP Basic password after a reboot.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { chargerDir, factoryFlash, writeFlash } from "../services/virtual-charger/flash";
import {
  onCleanup,
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
  until,
} from "../services/virtual-charger/testing/fleet-fixture";
import { startStubManager } from "../services/virtual-charger/testing/stub-manager";
import { startDemoCsms } from "../services/demo-csms/demo-csms";

afterEach(runCleanups);

describe("AuthorizationKey rotation", () => {
  // The central system then only accepts the new key, so the second boot proves it was used.
  it("the new key is the password from the next connection; no key in any log", async () => {
    const logs: string[] = [];
    const identity = "CP-KEY-1";
    const oldKey = "old-password-0123456789";
    const newKey = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    const csms = await startDemoCsms({
      port: 0,
      policies: { [identity]: { password: oldKey } },
      log: (l) => logs.push(l),
    });
    onCleanup(() => csms.close());
    const stub = await startStubManager();
    onCleanup(() => stub.close());
    const serial = `KEY-${randomUUID().slice(0, 6)}`;
    const stateDir = await tempDir("key");
    const flash = factoryFlash(testIdentity(serial, randomUUID() + randomUUID(), "CPB1-S-2-4-8"));
    await writeFlash(chargerDir(stateDir, serial), {
      ...flash,
      ocpp: { enabled: true, url: csms.url, identity, password: oldKey },
    });
    const fleet = await startTestFleet({ deviceManagerUrls: [stub.url], stateDir, logOcpp: true });
    const connected = () => fleet.charger(serial)?.ocpp.status === "connected";
    await until(() => connected(), Boolean, "connected with the old key");

    expect(
      await csms.call(identity, "ChangeConfiguration", { key: "AuthorizationKey", value: newKey }),
    ).toEqual({ status: "Accepted" });
    const boots = () =>
      csms.received(identity).filter((c) => c.action === "BootNotification").length;
    expect(await csms.call(identity, "Reset", { type: "Soft" })).toEqual({ status: "Accepted" });
    await until(
      () => boots(),
      (n) => n === 2,
      "a second boot, with the new key",
    );
    expect(fleet.running(serial)!.flash.ocpp.password).toBe(newKey);
    expect([...logs, ...fleet.logs].join("\n")).not.toContain(newKey);
    expect(fleet.logs.join("\n")).not.toContain(oldKey);
  });
});
