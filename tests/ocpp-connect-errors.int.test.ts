// Every connection-error reason, provoked against a real server on loopback.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { RPCServer } from "ocpp-rpc";
import { afterEach, describe, expect, it } from "vitest";
import { startDemoCsms, type DemoCsmsOptions } from "../services/demo-csms/demo-csms";
import {
  onCleanup,
  runCleanups,
  startLink,
} from "../services/virtual-charger/ocpp/testing/link-fixture";
import {
  bareWsServer,
  closedPort,
  selfSignedCertificate,
  silentTcpServer,
  untrustedHttpsServer,
  waitFor,
} from "../services/virtual-charger/ocpp/testing/test-servers";

async function csms(options: DemoCsmsOptions = {}) {
  const logs: string[] = [];
  const server = await startDemoCsms({ port: 0, log: (line) => logs.push(line), ...options });
  onCleanup(() => server.close());
  return Object.assign(server, { logs });
}

afterEach(runCleanups);

describe("connection errors, each with its reason and a sentence for a person", () => {
  it("invalid_url: refuses anything but ws:// or wss:// and does not retry", async () => {
    const probe = startLink("http://127.0.0.1:9/ocpp");
    const status = await probe.until({ reason: "invalid_url" });
    expect(status).toMatchObject({ message: expect.stringContaining("use ws://") });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(probe.logs.some((l) => l.includes("connecting to"))).toBe(false);
  });

  it("dns_not_found: a host name that does not resolve", async () => {
    const probe = startLink("ws://nonexistent.invalid:9000/ocpp");
    const status = await probe.until({ reason: "dns_not_found" }, 8_000);
    expect(status).toMatchObject({
      message: expect.stringContaining("nonexistent.invalid could not be found"),
    });
  });

  it("connection_refused: nothing listens, retries in the background, connects once a CSMS appears", async () => {
    const port = await closedPort();
    const probe = startLink(`ws://127.0.0.1:${port}/ocpp`, {
      backoff: { initialMs: 50, maxMs: 100 },
    });
    const status = await probe.until({ reason: "connection_refused" });
    expect(status).toMatchObject({
      message: `Connection refused by 127.0.0.1:${port} — nothing is listening on that port. Check the port in the URL and that the central system is running.`,
    });
    await waitFor(
      () => probe.logs.filter((l) => l.includes("connection failed")).length >= 3,
      "several attempts",
    );
    expect(probe.statuses).toEqual([{ status: "connecting" }, status]); // retries do not flap the status
    await csms({ port });
    await probe.until({ status: "connected" }, 3_000);
  });

  it("connection_timeout: a TCP server that never answers the upgrade", async () => {
    const server = await silentTcpServer();
    onCleanup(() => server.close());
    const probe = startLink(`ws://127.0.0.1:${server.port}/ocpp`, { connectTimeoutMs: 300 });
    const status = await probe.until({ reason: "connection_timeout" }, 3_000);
    expect(status).toMatchObject({
      message: expect.stringContaining(`No answer from 127.0.0.1:${server.port} within 0.3 s`),
    });
  });

  it("connection_timeout: a central system that connects but never answers BootNotification", async () => {
    const server = new RPCServer({ protocols: ["ocpp1.6"], strictMode: false });
    server.on("client", (client: { handle(action: string, handler: () => unknown): void }) =>
      client.handle("BootNotification", () => new Promise(() => undefined)),
    );
    const http = await server.listen(0, "127.0.0.1");
    onCleanup(() => server.close({ force: true }));
    const { port } = http.address() as AddressInfo;
    const probe = startLink(`ws://127.0.0.1:${port}/ocpp`, { connectTimeoutMs: 300 });
    const status = await probe.until({ reason: "connection_timeout" }, 3_000);
    expect(status).toMatchObject({ message: expect.stringContaining("0.3 s") });
    expect(probe.logs.join("\n")).toContain("→ BootNotification");
  });

  it("tls_failure: wss:// to a plain (non-TLS) server", async () => {
    const server = await csms();
    const probe = startLink(server.url.replace("ws://", "wss://"));
    const status = await probe.until({ reason: "tls_failure" });
    expect(status).toMatchObject({ message: expect.stringContaining("secure (TLS) connection") });
  });

  it("tls_failure: a self-signed certificate generated for the test", async (ctx) => {
    const tls = await selfSignedCertificate();
    if (!tls) return ctx.skip(); // no openssl CLI on this machine
    const server = await untrustedHttpsServer(tls);
    onCleanup(() => server.close());
    const probe = startLink(`wss://localhost:${server.port}/ocpp`);
    const status = await probe.until({ reason: "tls_failure" });
    expect(status).toMatchObject({
      message: expect.stringContaining("DEPTH_ZERO_SELF_SIGNED_CERT"),
    });
  });

  it("http_401: wrong or missing password; the password is never logged", async () => {
    const password = "correct-horse-battery";
    const wrong = "Tr0ub4dor&3-wrong";
    const server = await csms({ policies: { "CP-TEST-1": { password } } });
    const withWrong = startLink(server.url, { password: wrong });
    const status = await withWrong.until({ reason: "http_401" });
    expect(status).toMatchObject({ message: expect.stringContaining("HTTP 401") });
    const without = startLink(server.url, { identity: "CP-TEST-1" });
    await without.until({ reason: "http_401" });

    const right = startLink(server.url, { identity: "CP-TEST-1", password });
    await right.until({ status: "connected" });
    const everything = [
      ...withWrong.logs,
      ...without.logs,
      ...right.logs,
      ...server.logs,
      JSON.stringify(withWrong.statuses),
    ].join("\n");
    expect(everything).toContain("upgrade refused 401");
    for (const secret of [password, wrong, Buffer.from(`CP-TEST-1:${wrong}`).toString("base64")]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("http_404: an identity the central system does not know, or a wrong path", async () => {
    const server = await csms({ policies: { "CP-TEST-1": "unknown" } });
    const unknown = startLink(server.url);
    expect(await unknown.until({ reason: "http_404" })).toMatchObject({
      message: expect.stringContaining("HTTP 404"),
    });
    const wrongPath = startLink(server.url.replace("/ocpp", "/elsewhere"), {
      identity: "CP-OTHER",
    });
    await wrongPath.until({ reason: "http_404" });
  });

  it("http_error: any other HTTP status on upgrade", async () => {
    const server = createServer((_req, res) => {
      res.statusCode = 503;
      res.end("maintenance");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onCleanup(() => new Promise((resolve) => server.close(resolve)));
    const port = (server.address() as AddressInfo).port;
    const probe = startLink(`ws://127.0.0.1:${port}/ocpp`);
    expect(await probe.until({ reason: "http_error" })).toMatchObject({
      message: expect.stringContaining("HTTP 503"),
    });
  });

  it("subprotocol_not_accepted: a WebSocket server that does not select ocpp1.6", async () => {
    const server = await bareWsServer();
    onCleanup(() => server.close());
    const probe = startLink(`ws://127.0.0.1:${server.port}/ocpp`);
    const status = await probe.until({ reason: "subprotocol_not_accepted" });
    expect(status).toMatchObject({ message: expect.stringContaining('"ocpp1.6"') });
    expect(server.upgrades()).toBeGreaterThan(0);
  });
});
