import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createDeviceManagerClient, DeviceManagerUnavailableError } from "./client";

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A device-manager instance that registers chargers (or never answers), counting requests. */
async function instance(answer = true) {
  const seen = { requests: 0 };
  const server = http.createServer((req, res) => {
    seen.requests += 1;
    if (!answer) return; // hangs: the client's timeout decides
    const serial = decodeURIComponent(req.url!.split("/")[3]!);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ serial, organizationId: null, created: true }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** An address nothing listens on. */
async function refusing(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const HASH = "a".repeat(64);

describe("the device manager client with several instances", () => {
  it("moves to the next instance when one refuses the connection, and stays there", async () => {
    const b = await instance();
    const c = await instance();
    const client = createDeviceManagerClient({
      baseUrls: [await refusing(), b.url, c.url],
      token: "t".repeat(16),
    });
    await client.registerCharger("WB-1", HASH, "org");
    await client.registerCharger("WB-2", HASH, "org");
    expect([b.seen.requests, c.seen.requests]).toEqual([2, 0]);
  });

  it("says the device manager cannot be reached when no instance takes the connection", async () => {
    const client = createDeviceManagerClient({
      baseUrls: [await refusing(), await refusing()],
      token: "t".repeat(16),
    });
    const failure = client.registerCharger("WB-1", HASH, "org");
    await expect(failure).rejects.toBeInstanceOf(DeviceManagerUnavailableError);
    await expect(failure).rejects.toThrow("connection failed");
  });

  it("does not ask another instance after a timeout: the first may have taken the request", async () => {
    const slow = await instance(false);
    const other = await instance();
    const client = createDeviceManagerClient({
      baseUrls: [slow.url, other.url],
      token: "t".repeat(16),
      timeoutMs: 200,
    });
    await expect(client.registerCharger("WB-1", HASH, "org")).rejects.toThrow("timed out");
    expect([slow.seen.requests, other.seen.requests]).toEqual([1, 0]);
  });
});
