// The fleet around its chargers, against a stand-in device manager: corrupt flash, the
// provisioning inbox while running, credential updates, /health, and the entry point.
import { spawn } from "node:child_process";
import { createServer, type Socket } from "node:net";
import { randomUUID } from "node:crypto";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { firstAddress } from "./device-channel";
import { chargerDir, factoryFlash, FLASH_FILE, FLASH_FILE_B, readFlash, writeFlash } from "./flash";
import { writeProvisioningFile } from "./provisioning";
import {
  onCleanup,
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
  until,
} from "./testing/fleet-fixture";
import { startStubManager } from "./testing/stub-manager";

afterEach(runCleanups);

async function stubManager() {
  const stub = await startStubManager();
  onCleanup(() => stub.close());
  return stub;
}
const secret = () => `secret-${randomUUID()}`;
const hellos = (stub: Awaited<ReturnType<typeof stubManager>>, serial: string) =>
  stub.frames(serial).filter((f) => f.type === "hello").length;

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("fleet", () => {
  it("answers and closes while its start-up is still held back by chargers coming up", async () => {
    // A device manager that accepts connections and never answers: handshakes stay in flight.
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    onCleanup(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => blackHole.close(resolve));
    });
    const { port } = blackHole.address() as { port: number };
    const stateDir = await tempDir("state");
    for (const serial of ["HOLD-1", "HOLD-2", "HOLD-3", "HOLD-4"])
      await writeFlash(chargerDir(stateDir, serial), factoryFlash(testIdentity(serial, secret())));
    const fleet = await startTestFleet({
      stateDir,
      deviceManagerUrls: [`ws://127.0.0.1:${port}`],
      startPace: { batch: 1, maxStarting: 2, waitMs: 60_000 },
      healthPort: 0,
    });
    // Returned at once; two start, and the other two wait behind handshakes that never end.
    await until(
      () => fleet.chargers().length,
      (n) => n === 2,
      "two chargers started",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fleet.chargers().map((c) => c.serial)).toEqual(["HOLD-1", "HOLD-2"]);
    const health = await fetch(`http://127.0.0.1:${fleet.healthPort}/health`);
    expect(((await health.json()) as { chargers: number }).chargers).toBe(2);
    await fleet.close();
    expect(fleet.chargers().map((c) => c.serial)).toEqual(["HOLD-1", "HOLD-2"]);
  });

  it("gives retries their turn at the connect gate with first attempts, and shows it on /health", async () => {
    // Refused at once and retried at once: without the gate, every charger would be trying.
    const stateDir = await tempDir("state");
    const serials = ["GATE-1", "GATE-2", "GATE-3", "GATE-4", "GATE-5"];
    for (const serial of serials)
      await writeFlash(chargerDir(stateDir, serial), factoryFlash(testIdentity(serial, secret())));
    const fleet = await startTestFleet({
      stateDir,
      deviceManagerUrls: [`ws://127.0.0.1:${await closedPort()}`],
      channelBackoff: { initialMs: 1, maxMs: 2 },
      // A short wait: every charger starts though none comes up.
      startPace: { batch: 5, maxStarting: 2, waitMs: 50 },
      healthPort: 0,
    });
    await until(
      () => fleet.chargers().length,
      (n) => n === serials.length,
      "every charger started",
    );
    const seen = { inFlight: 0, waiting: 0 };
    for (let sample = 0; sample < 20; sample += 1) {
      const health = await fetch(`http://127.0.0.1:${fleet.healthPort}/health`);
      const { connecting } = (await health.json()) as { connecting: typeof seen };
      expect(connecting.inFlight).toBeLessThanOrEqual(2);
      expect(connecting.inFlight + connecting.waiting).toBeLessThanOrEqual(serials.length);
      seen.inFlight = Math.max(seen.inFlight, connecting.inFlight);
      seen.waiting = Math.max(seen.waiting, connecting.waiting);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The chargers' attempts went through the gate, and some had to wait for their turn.
    expect(seen.inFlight).toBe(2);
    expect(seen.waiting).toBeGreaterThan(0);
  });

  it("is started up once every charger of the state directory has come up", async () => {
    const stub = await stubManager();
    const stateDir = await tempDir("state");
    const serials = ["UP-1", "UP-2", "UP-3"];
    for (const serial of serials) {
      const identity = testIdentity(serial, secret());
      await writeFlash(chargerDir(stateDir, serial), factoryFlash(identity));
    }
    const fleet = await startTestFleet({
      stateDir,
      deviceManagerUrls: [stub.url],
      startPace: { batch: 1, maxStarting: 1, waitMs: 60_000 },
    });
    let startedUp = false;
    // only observed by the test; startedUp never rejects
    void fleet.startedUp.then(() => (startedUp = true));
    expect(startedUp).toBe(false);
    await fleet.startedUp;
    expect(fleet.chargers().map((c) => [c.serial, c.channel])).toEqual(
      serials.map((serial) => [serial, "connected"]),
    );
  });

  it("does not count a charger waiting to retry an unreachable device manager as coming up", async () => {
    const stateDir = await tempDir("state");
    await writeFlash(
      chargerDir(stateDir, "LONE-1"),
      factoryFlash(testIdentity("LONE-1", secret())),
    );
    const fleet = await startTestFleet({
      stateDir,
      deviceManagerUrls: [`ws://127.0.0.1:${await closedPort()}`],
      // Long waits between attempts: the charger spends them not handshaking.
      channelBackoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    const charger = fleet.running("LONE-1")!;
    // The paced start-up waits only for chargers still coming up (paced-start.ts).
    await until(
      () => charger.comingUp,
      (coming) => !coming,
      "the failed attempt",
      5_000,
    );
    expect(charger.channelState).toBe("connecting"); // still trying, after its backoff
    expect(charger.ocpp.status).toBe("disabled");
  });

  it("skips a charger with a corrupt flash, runs the others, and reports both on /health", async () => {
    const stub = await stubManager();
    const stateDir = await tempDir("state");
    await writeFlash(
      chargerDir(stateDir, "GOOD-1"),
      factoryFlash(testIdentity("GOOD-1", secret())),
    );
    await writeFlash(chargerDir(stateDir, "BAD-1"), factoryFlash(testIdentity("BAD-1", secret())));
    for (const bank of [FLASH_FILE, FLASH_FILE_B])
      // both banks: no valid copy left
      await writeFile(path.join(chargerDir(stateDir, "BAD-1"), bank), "{ not json");

    const fleet = await startTestFleet({ deviceManagerUrls: [stub.url], stateDir, healthPort: 0 });
    await stub.waitFor(() => hellos(stub, "GOOD-1") === 1, "good charger hello");
    expect(fleet.charger("BAD-1")).toMatchObject({
      lifecycle: "broken",
      error: expect.stringContaining("not valid JSON"),
    });
    expect(stub.connections("BAD-1")).toBe(0);
    expect(fleet.logs.some((l) => l.includes("[BAD-1] not started"))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${fleet.healthPort}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      ok: true,
      chargers: 1,
      broken: 1,
      deviceChannel: { connected: 1 },
      ocpp: { disabled: 1, connecting: 0, connected: 0, error: 0 },
    });
    expect((await fetch(`http://127.0.0.1:${fleet.healthPort}/other`)).status).toBe(404);
  });

  it("spreads chargers over the device manager's instances and moves those of one that dies to the other", async () => {
    const a = await stubManager();
    const b = await stubManager();
    const stateDir = await tempDir("state");
    const serials = Array.from({ length: 12 }, (_, i) => `SPREAD-${i}`);
    for (const serial of serials) {
      await writeFlash(chargerDir(stateDir, serial), factoryFlash(testIdentity(serial, secret())));
    }
    const fleet = await startTestFleet({
      stateDir,
      deviceManagerUrls: [a.url, b.url],
      channelBackoff: { initialMs: 50, maxMs: 200 },
    });
    await fleet.startedUp;
    // Each charger on the instance its serial picks: both get some, none is on both.
    const onA = serials.filter((serial) => a.connections(serial) === 1);
    const onB = serials.filter((serial) => b.connections(serial) === 1);
    expect(onA.length).toBeGreaterThan(0);
    expect(onB.length).toBeGreaterThan(0);
    expect([...onA, ...onB].sort()).toEqual([...serials].sort());
    expect(onA.map((serial) => firstAddress(serial, 2))).toEqual(onA.map(() => 0));

    // A dies: its chargers reconnect to B, each with a full hello; B's chargers stay put.
    await a.close();
    await b.waitFor(
      () => onA.every((serial) => hellos(b, serial) === 1),
      "A's chargers on B",
      10_000,
    );
    for (const serial of onB) expect(b.connections(serial)).toBe(1);
    expect(fleet.chargers().every((c) => c.channel === "connected")).toBe(true);
  });

  it("runs as two shards on one inbox: each charger in exactly one, and back in it after a restart", async () => {
    const stub = await stubManager();
    const inbox = await tempDir("inbox");
    const dirs = [await tempDir("shard-0"), await tempDir("shard-1")];
    const start = (index: number) =>
      startTestFleet({
        deviceManagerUrls: [stub.url],
        stateDir: dirs[index]!,
        provisionDir: inbox,
        shard: { index, count: 2 },
      });
    const shards = [await start(0), await start(1)];
    const serials = Array.from({ length: 10 }, (_, i) => `SHARD-${i}`);
    for (const serial of serials)
      await writeProvisioningFile(inbox, testIdentity(serial, secret()));
    await stub.waitFor(
      () => serials.every((serial) => hellos(stub, serial) === 1),
      "every charger up once",
    );
    // The inbox is empty (each file taken by its shard), and each shard holds only its own.
    await until(
      () => readdir(inbox),
      (files) => files.length === 0,
      "inbox emptied",
    );
    const held = await Promise.all(dirs.map((dir) => readdir(dir)));
    expect(held[0]!.length).toBeGreaterThan(0);
    expect(held[1]!.length).toBeGreaterThan(0);
    expect([...held[0]!, ...held[1]!].sort()).toEqual([...serials].sort());
    for (const serial of serials) expect(stub.connections(serial)).toBe(1);

    // Shard 0 goes away and comes back: its chargers return from its own state directory.
    await shards[0]!.close();
    const again = await start(0);
    await again.startedUp;
    expect(
      again
        .chargers()
        .map((c) => c.serial)
        .sort(),
    ).toEqual([...held[0]!].sort());
    await stub.waitFor(
      () => held[0]!.every((serial) => hellos(stub, serial) === 2),
      "shard 0's chargers back",
    );
    for (const serial of held[1]!) expect(hellos(stub, serial)).toBe(1);
  });

  it("imports chargers dropped into the inbox while running; a new file repairs a broken one", async () => {
    const stub = await stubManager();
    const stateDir = await tempDir("state");
    const inbox = await tempDir("inbox");
    await writeFlash(
      chargerDir(stateDir, "BROKEN-2"),
      factoryFlash(testIdentity("BROKEN-2", secret())),
    );
    for (const bank of [FLASH_FILE, FLASH_FILE_B])
      await writeFile(path.join(chargerDir(stateDir, "BROKEN-2"), bank), "[]");
    const fleet = await startTestFleet({
      deviceManagerUrls: [stub.url],
      stateDir,
      provisionDir: inbox,
    });
    expect(fleet.chargers()).toHaveLength(1);

    await writeProvisioningFile(inbox, testIdentity("NEW-2", secret(), "CPB1-S-2-4-8"));
    await writeProvisioningFile(inbox, testIdentity("BROKEN-2", secret()));
    await writeFile(path.join(inbox, "junk.json"), JSON.stringify({ serialNumber: "X" }));
    await stub.waitFor(
      () => hellos(stub, "NEW-2") === 1 && hellos(stub, "BROKEN-2") === 1,
      "hellos",
    );
    await until(
      () => readdir(inbox),
      (names) => names.length === 1,
      "inbox emptied",
    );
    expect(await readdir(inbox)).toEqual(["junk.json.rejected"]);
    expect(fleet.charger("NEW-2")).toMatchObject({
      partNumber: "CPB1-S-2-4-8",
      lifecycle: "running",
    });
    expect(fleet.charger("BROKEN-2")).toMatchObject({ lifecycle: "running" });
    expect((await readFlash(chargerDir(stateDir, "NEW-2"))).ok).toBe(true);
  });

  it("reconnects with the new secret when the portal issues new credentials", async () => {
    const stub = await stubManager();
    const inbox = await tempDir("inbox");
    const first = secret();
    let accepted = first;
    stub.authorize = (_serial, given) => given === accepted;
    await writeProvisioningFile(inbox, testIdentity("ROTATE-3", first));
    const fleet = await startTestFleet({ deviceManagerUrls: [stub.url], provisionDir: inbox });
    await stub.waitFor(() => hellos(stub, "ROTATE-3") === 1, "first hello");

    const second = secret();
    accepted = second;
    await writeProvisioningFile(inbox, testIdentity("ROTATE-3", second));
    await stub.waitFor(() => hellos(stub, "ROTATE-3") === 2, "hello with the new secret");
    const flash = await readFlash(chargerDir(fleet.stateDir, "ROTATE-3"));
    expect(flash.ok && flash.flash.identity.deviceSecret).toBe(second);
    expect(fleet.logs.join("\n")).not.toContain(second);
  });

  it("runs from the entry point and closes cleanly on SIGTERM", async () => {
    const stub = await stubManager();
    const stateDir = await tempDir("state");
    const inbox = await tempDir("inbox");
    await writeProvisioningFile(inbox, testIdentity("MAIN-4", secret()));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("./main.ts", import.meta.url))],
      {
        env: {
          ...process.env,
          FLEET_STATE_DIR: stateDir,
          FLEET_PROVISION_DIR: inbox,
          DEVICE_MANAGER_WS_URL: stub.url,
          FLEET_RESTART_DELAY_MS: "0",
          FLEET_HEALTH_PORT: "0",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    onCleanup(async () => void child.kill("SIGKILL"));
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));

    await stub.waitFor(() => hellos(stub, "MAIN-4") === 1, "hello from the process", 15_000);
    const port = await until(
      () => /health http:\/\/127\.0\.0\.1:(\d+)\/health/.exec(output)?.[1],
      Boolean,
      `health line in ${output}`,
    );
    const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    expect(health).toMatchObject({ ok: true, chargers: 1 });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM, closing");
    expect(output).toContain("fleet stopped");
  });
});
