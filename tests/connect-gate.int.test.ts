// The fleet's connect gate on real sockets: an OCPP link holds its turn from the socket's
// opening to the BootNotification's answer, a retry waits its turn like a first attempt, and
// a device channel holds its turn until its hello went out (or the attempt ended).
import { afterEach, describe, expect, it } from "vitest";
import { startDemoCsms } from "../services/demo-csms/demo-csms";
import { ConnectGate } from "../services/virtual-charger/connect-gate";
import { DeviceChannel, type ChannelOwner } from "../services/virtual-charger/device-channel";
import {
  onCleanup,
  runCleanups,
  startLink,
} from "../services/virtual-charger/ocpp/testing/link-fixture";
import {
  closedPort,
  silentTcpServer,
  waitFor,
} from "../services/virtual-charger/ocpp/testing/test-servers";
import { startStubManager } from "../services/virtual-charger/testing/stub-manager";

afterEach(runCleanups);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const attempts = (logs: string[]) => logs.filter((line) => line.includes("connecting to")).length;

async function blackHole() {
  const server = await silentTcpServer();
  onCleanup(() => server.close());
  return `ws://127.0.0.1:${server.port}`;
}

/** A link to a central system that never answers: its attempt holds the gate until it times out. */
async function stuckLink(gate: ConnectGate, connectTimeoutMs: number, retryMs: number) {
  return startLink(`${await blackHole()}/ocpp`, {
    identity: "CP-STUCK",
    gate,
    connectTimeoutMs,
    backoff: { initialMs: retryMs, maxMs: retryMs * 2 },
  });
}

async function demoCsms() {
  const csms = await startDemoCsms({ port: 0 });
  onCleanup(() => csms.close());
  return `ws://127.0.0.1:${csms.port}/ocpp`;
}

describe("an OCPP link behind the connect gate", () => {
  it("waits for the attempt ahead, and leaves the gate once its boot is answered", async () => {
    const gate = new ConnectGate(1);
    const stuck = await stuckLink(gate, 600, 60_000);
    const next = startLink(await demoCsms(), { identity: "CP-NEXT", gate });
    await pause(300);
    expect(attempts(stuck.logs)).toBe(1);
    expect(attempts(next.logs)).toBe(0);
    expect([gate.active, gate.queued]).toEqual([1, 1]);

    await stuck.until({ reason: "connection_timeout" });
    await next.until({ status: "connected" });
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it("takes its turn for a retry like for a first attempt", async () => {
    const gate = new ConnectGate(1);
    const stuck = await stuckLink(gate, 500, 20);
    await waitFor(() => attempts(stuck.logs) >= 2, "a retry in flight");
    const next = startLink(await demoCsms(), { identity: "CP-NEXT", gate });
    await pause(200);
    expect(attempts(next.logs)).toBe(0);
    expect(gate.queued).toBe(1);
    // The retry timed out and left; the waiting link went next, before the third attempt.
    await next.until({ status: "connected" });
    expect(attempts(next.logs)).toBe(1);
  });

  it("gives its turn back when stopped while waiting", async () => {
    const gate = new ConnectGate(1);
    const stuck = startLink(`${await blackHole()}/ocpp`, { identity: "CP-STUCK", gate });
    const waiting = startLink(await demoCsms(), { identity: "CP-WAITING", gate });
    await waiting.link.stop();
    await stuck.link.stop(); // its turn passes to the stopped one, which gives it back
    await pause(20);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
    expect(attempts(waiting.logs)).toBe(0);
  });
});

describe("a device channel behind the connect gate", () => {
  const owner = (serial: string, lines: string[]): ChannelOwner => ({
    helloFrame: () =>
      ({ type: "hello", serial }) as unknown as ReturnType<ChannelOwner["helloFrame"]>,
    onConnected: () => lines.push("connected"),
    onFrame: () => undefined,
    onInvalidCommand: () => undefined,
    log: (line) => lines.push(line),
  });

  function channel(url: string, serial: string, gate: ConnectGate, lines: string[]) {
    const made = new DeviceChannel(
      { baseUrls: [url], gate, backoff: { initialMs: 60_000, maxMs: 60_000 } },
      serial,
      "secret",
      owner(serial, lines),
    );
    onCleanup(() => made.stop());
    made.start();
    return made;
  }

  it("holds its turn while handshaking and leaves it at the hello, a failure or a stop", async () => {
    const stub = await startStubManager();
    onCleanup(() => stub.close());
    const gate = new ConnectGate(1);
    const stuckLines: string[] = [];
    const stuck = channel(await blackHole(), "GATE-STUCK", gate, stuckLines);
    const refusedLines: string[] = [];
    channel(`ws://127.0.0.1:${await closedPort()}`, "GATE-REFUSED", gate, refusedLines);
    const nextLines: string[] = [];
    const next = channel(stub.url, "GATE-NEXT", gate, nextLines);
    await pause(300);
    expect([gate.active, gate.queued]).toEqual([1, 2]);
    expect(next.handshaking).toBe(true); // waiting its turn counts as coming up
    expect(stub.connections("GATE-NEXT")).toBe(0);

    await stuck.stop(); // the refused one goes, fails, leaves; then the next one
    await waitFor(() => nextLines.includes("connected"), "the waiting channel connected");
    expect(refusedLines.some((line) => line.includes("ECONNREFUSED"))).toBe(true);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });
});
