// The one-off connection test against real servers on loopback: each outcome with its reason.
import type { AddressInfo } from "node:net";
import { RPCServer } from "ocpp-rpc";
import { afterEach, describe, expect, it } from "vitest";
import { onCleanup, runCleanups } from "./testing/link-fixture";
import { bareWsServer, closedPort, silentTcpServer } from "./testing/test-servers";
import { testOcppConnection, type ConnectionTestOptions } from "./connection-test";

afterEach(runCleanups);

const CHARGER = {
  vendor: "Wall Box Chargers",
  model: "PLP1-0-2-4-9",
  serialNumber: "SN-0001",
  firmwareVersion: "6.2.14",
};

type BootAnswer = "Accepted" | "Pending" | "Rejected" | "never" | "close";

/** A central system answering BootNotification as told; records Authorization headers. */
async function centralSystem(answer: BootAnswer, password?: string) {
  const server = new RPCServer({ protocols: ["ocpp1.6"], strictMode: false });
  const seen: Array<{ identity: string; password?: string }> = [];
  server.auth((accept, reject, handshake) => {
    const given = handshake.password?.toString("utf8");
    seen.push({ identity: handshake.identity, ...(given ? { password: given } : {}) });
    if (password && given !== password) return reject(401, "Unauthorized");
    accept();
  });
  server.on(
    "client",
    (client: {
      handle(action: string, handler: () => unknown): void;
      close(options: object): Promise<unknown>;
    }) =>
      client.handle("BootNotification", () => {
        if (answer === "never") return new Promise(() => undefined);
        if (answer === "close") {
          void client.close({ code: 1011, reason: "gone" }); // the test reads the charger's side
          return new Promise(() => undefined);
        }
        return { status: answer, currentTime: new Date().toISOString(), interval: 30 };
      }),
  );
  const http = await server.listen(0, "127.0.0.1");
  onCleanup(() => server.close({ force: true }));
  const { port } = http.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/ocpp`, port, seen };
}

function run(url: string, overrides: Partial<ConnectionTestOptions> = {}) {
  const logs: string[] = [];
  return testOcppConnection({
    url,
    identity: "CP-TEST-1",
    charger: CHARGER,
    budgetMs: 3_000,
    log: (line) => logs.push(line),
    ...overrides,
  }).then((result) => ({ ...result, logs }));
}

describe("testOcppConnection", () => {
  it("connected: the central system accepts the BootNotification; the connection is closed", async () => {
    const cs = await centralSystem("Accepted");
    const result = await run(cs.url);
    expect(result).toMatchObject({ outcome: "connected" });
    expect(result.durationMs).toBeLessThan(3_000);
    expect(cs.seen).toEqual([{ identity: "CP-TEST-1" }]);
  });

  it("boot_pending and boot_rejected: the central system's answer, with its interval", async () => {
    const pending = await run((await centralSystem("Pending")).url);
    expect(pending).toMatchObject({ outcome: "failed", reason: "boot_pending" });
    const rejected = await run((await centralSystem("Rejected")).url);
    expect(rejected).toMatchObject({
      outcome: "failed",
      reason: "boot_rejected",
      message: expect.stringContaining("try again in 30 s"),
    });
  });

  it("http_401 with a wrong password, connected with the right one; the password is never logged", async () => {
    const password = "right-password-0001";
    const cs = await centralSystem("Accepted", password);
    const wrong = await run(cs.url, { password: "wrong-password-0001" });
    expect(wrong).toMatchObject({ outcome: "failed", reason: "http_401" });
    const right = await run(cs.url, { password });
    expect(right.outcome).toBe("connected");
    expect(cs.seen.at(-1)).toEqual({ identity: "CP-TEST-1", password });
    const said = JSON.stringify([wrong, right]);
    expect(said).not.toContain(password);
    expect(said).not.toContain("wrong-password-0001");
  });

  it("connection_refused: nothing listens on the port, answered at once", async () => {
    const port = await closedPort();
    const result = await run(`ws://127.0.0.1:${port}/ocpp`);
    expect(result).toMatchObject({
      outcome: "failed",
      reason: "connection_refused",
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("connection_timeout: within the budget, whether the upgrade or the BootNotification hangs", async () => {
    const silent = await silentTcpServer();
    onCleanup(() => silent.close());
    const upgrade = await run(`ws://127.0.0.1:${silent.port}/ocpp`, { budgetMs: 600 });
    expect(upgrade).toMatchObject({ outcome: "failed", reason: "connection_timeout" });
    expect(upgrade.durationMs).toBeLessThan(1_500);

    const boot = await run((await centralSystem("never")).url, { budgetMs: 600 });
    expect(boot).toMatchObject({
      outcome: "failed",
      reason: "connection_timeout",
      message: expect.stringContaining("no answer to BootNotification"),
    });
    expect(boot.durationMs).toBeLessThan(1_500);
  });

  it("subprotocol_not_accepted: a WebSocket server that is not OCPP 1.6J", async () => {
    const server = await bareWsServer();
    onCleanup(() => server.close());
    const result = await run(`ws://127.0.0.1:${server.port}/ocpp`);
    expect(result).toMatchObject({ outcome: "failed", reason: "subprotocol_not_accepted" });
  });

  it("connection_lost: the central system hangs up before it answers", async () => {
    const result = await run((await centralSystem("close")).url);
    expect(result).toMatchObject({ outcome: "failed", reason: "connection_lost" });
  });

  it("invalid_url and dns_not_found", async () => {
    expect(await run("http://127.0.0.1:9/ocpp")).toMatchObject({ reason: "invalid_url" });
    const dns = await run("ws://nonexistent.invalid:9000/ocpp", { budgetMs: 8_000 });
    expect(dns).toMatchObject({ outcome: "failed", reason: "dns_not_found" });
  });

  it("ends at once when the charger aborts it", async () => {
    const silent = await silentTcpServer();
    onCleanup(() => silent.close());
    const abort = new AbortController();
    const pending = run(`ws://127.0.0.1:${silent.port}/ocpp`, {
      budgetMs: 10_000,
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 100);
    const result = await pending;
    expect(result).toMatchObject({ outcome: "failed", reason: "connection_lost" });
    expect(result.durationMs).toBeLessThan(2_000);
  });
});
