import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStatus, waitForHealth, waitForRegistrations } from "./health";

let server: http.Server;
let base: string;
const known = new Set(["A1"]);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/ok") return void res.end("fine");
    if (req.url === "/down") return void res.writeHead(503).end();
    if (req.url === "/hang") return; // never answers
    const serial = /^\/v1\/chargers\/([^/]+)\/shadow$/.exec(req.url ?? "")?.[1];
    const authorised = req.headers.authorization === "Bearer right-token";
    res.writeHead(serial && authorised && known.has(serial) ? 200 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("health probes of npm start", () => {
  it("reads a status, and null when nothing answers in time", async () => {
    expect(await getStatus(`${base}/ok`)).toBe(200);
    expect(await getStatus(`${base}/down`)).toBe(503);
    expect(await getStatus(`${base}/hang`, {}, 200)).toBeNull();
    expect(await getStatus("http://127.0.0.1:1/")).toBeNull();
  });

  it("waits for a healthy answer, and names the service when there is none", async () => {
    await waitForHealth(`${base}/ok`, "probe");
    await expect(waitForHealth(`${base}/down`, "portal", 600)).rejects.toThrow(
      /portal did not become healthy/,
    );
  });

  it("is ready only when the device manager knows every charger (with the token)", async () => {
    setTimeout(() => known.add("B2"), 300);
    await waitForRegistrations(base, "right-token", ["A1", "B2"], 5_000);
    await expect(waitForRegistrations(base, "wrong-token", ["A1"], 600)).rejects.toThrow(
      /1 charger\(s\) not registered/,
    );
  });
});
