// The demo central system as a primary and two workers (DEMO_CSMS_WORKERS=2), run from its real
// entry point: chargers spread over both, the HTTP API reaches any charger whichever worker
// answers the request, a key rotation holds on every worker, and kill -9 of a worker loses
// nothing its chargers cannot get back by reconnecting.
import { afterEach, describe, expect, it } from "vitest";
import {
  onCleanup,
  runCleanups,
  startLink,
  type LinkProbe,
} from "../services/virtual-charger/ocpp/testing/link-fixture";
import { waitFor } from "../services/virtual-charger/ocpp/testing/test-servers";
import WebSocket from "ws";
import { freePort, startService, waitFor as waitForProbe, waitForHttp } from "./support/processes";

afterEach(runCleanups);

interface Health {
  connected: number;
  workers: Array<{ worker: number; pid: number; connected: number }>;
}

const OLD_KEY = "old-password-0123456789";
const NEW_KEY = "b1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

async function startCluster(scheduling: "kernel" | "round-robin" = "round-robin") {
  const port = await freePort();
  const csms = startService("demo-csms", "services/demo-csms/main.ts", {
    DEMO_CSMS_PORT: String(port),
    DEMO_CSMS_WORKERS: "2",
    // The primary hands connections out in turn: six chargers land on both workers, which is
    // what routing between workers needs to be checked. The kernel's spread is checked below.
    DEMO_CSMS_SCHEDULING: scheduling,
    DEMO_CSMS_POLICIES: JSON.stringify({ "CP-KEY": { password: OLD_KEY } }),
  });
  onCleanup(() => csms.kill());
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`, "demo central system", csms);
  await waitFor(() => /OCPP 1\.6J endpoint/.test(csms.output()), "both workers listening", 30_000);
  const json = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(base + path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const health = async () => (await json<Health>("GET", "/health")).body;
  return { csms, base, json, health, url: `ws://127.0.0.1:${port}/ocpp` };
}

describe("demo central system with two worker processes", () => {
  it("spreads chargers, answers for any of them from any worker, and survives kill -9 of a worker", async () => {
    const { url, json, health } = await startCluster();
    const identities = ["CP-1", "CP-2", "CP-3", "CP-4", "CP-5", "CP-6"];
    const links: LinkProbe[] = [];
    // one at a time: the primary hands connections to its workers in turn
    for (const identity of identities) {
      const link = startLink(url, { identity });
      await link.until({ status: "connected" }, 10_000);
      links.push(link);
    }
    const spread = await health();
    expect(spread.connected).toBe(6);
    expect(spread.workers).toHaveLength(2);
    for (const worker of spread.workers) expect(worker.connected).toBeGreaterThan(0);

    const everyoneAnswers = async () => {
      // Several requests per charger: successive requests reach both workers.
      for (let round = 0; round < 3; round++)
        for (const identity of identities) {
          const call = await json("POST", `/api/chargers/${identity}/calls/TriggerMessage`, {
            requestedMessage: "Heartbeat",
          });
          expect(call, `${identity}, round ${round}`).toEqual({
            status: 200,
            body: { action: "TriggerMessage", result: { status: "Accepted" } },
          });
        }
      const listed = await json<{ chargers: string[] }>("GET", "/api/chargers");
      expect(listed.body.chargers.sort()).toEqual(identities);
    };
    await everyoneAnswers();
    for (const identity of identities) {
      const log = await json<{ messages: Array<{ action: string }> }>(
        "GET",
        `/api/chargers/${identity}/messages`,
      );
      expect(log.body.messages[0]?.action, identity).toBe("BootNotification");
    }
    expect((await json("POST", "/api/chargers/CP-404/calls/Reset", { type: "Soft" })).status).toBe(
      404,
    );

    // kill -9 one worker: its chargers reconnect to the other, then a new worker is started
    const victim = spread.workers[0]!;
    process.kill(victim.pid, "SIGKILL");
    const deadline = Date.now() + 30_000;
    for (;;) {
      // the first request may ride a kept-alive connection the dead worker held
      const now = await health().catch(() => ({ connected: 0, workers: [] }) as Health);
      if (now.connected === 6 && now.workers.length === 2 && now.workers.every((w) => w.pid))
        if (!now.workers.some((w) => w.pid === victim.pid)) break;
      if (Date.now() > deadline) throw new Error(`not all back: ${JSON.stringify(now)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await everyoneAnswers();
  });

  it("keeps one connection per charger across workers: a newer one closes the older", async () => {
    const { url, health } = await startCluster();
    // Round-robin: the two connections of CP-TWICE land on different workers. The first stands
    // for an attempt the charger gave up on that a worker accepted late, or the live one.
    const open = (n: number) =>
      new Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }>(
        (resolve, reject) => {
          const ws = new WebSocket(`${url}/CP-TWICE`, ["ocpp1.6"]);
          const closed = new Promise<{ code: number; reason: string }>((done) =>
            ws.on("close", (code, reason) => done({ code, reason: reason.toString() })),
          );
          ws.on("open", () => resolve({ ws, closed }));
          ws.on("error", (error) => reject(new Error(`connection ${n}: ${error.message}`)));
        },
      );
    const first = await open(1);
    await waitForProbe(health, (h) => h.connected === 1, "the first connection held");
    const second = await open(2);
    expect(await first.closed).toEqual({ code: 1000, reason: "Replaced by a new connection" });
    const now = await health();
    expect(now.connected).toBe(1);
    expect(now.workers.filter((w) => w.connected === 1)).toHaveLength(1);
    // the newer one is the one held: closing it leaves no one
    second.ws.close();
    await waitForProbe(health, (h) => h.connected === 0, "no connection held");
  });

  it("lets the kernel spread connections: every charger connected and answered", async () => {
    const { csms, url, json, health } = await startCluster("kernel");
    expect(csms.output()).toMatch(/2 worker processes, connections spread by the kernel/);
    const identities = Array.from({ length: 24 }, (_, i) => `CP-K${i}`);
    // all at once, as a fleet connects: whichever worker accepts first takes each
    const links = identities.map((identity) => startLink(url, { identity }));
    await Promise.all(links.map((link) => link.until({ status: "connected" }, 15_000)));
    const now = await health();
    expect(now.connected).toBe(identities.length);
    expect(now.workers.reduce((sum, w) => sum + w.connected, 0)).toBe(identities.length);
    for (const identity of identities) {
      const call = await json("POST", `/api/chargers/${identity}/calls/TriggerMessage`, {
        requestedMessage: "Heartbeat",
      });
      expect(call.status, identity).toBe(200);
    }
  });

  it("keeps an AuthorizationKey change on every worker, and uploads wherever they landed", async () => {
    const { url, json } = await startCluster();
    const first = startLink(url, { identity: "CP-KEY", password: OLD_KEY });
    await first.until({ status: "connected" }, 10_000);
    const rotate = await json("POST", "/api/chargers/CP-KEY/calls/ChangeConfiguration", {
      key: "AuthorizationKey",
      value: NEW_KEY,
    });
    expect(rotate).toMatchObject({ status: 200, body: { result: { status: "Accepted" } } });
    await first.link.stop();
    // successive connections reach the two workers in turn: both must know the new key
    for (let attempt = 0; attempt < 3; attempt++) {
      const next = startLink(url, { identity: "CP-KEY", password: NEW_KEY });
      await next.until({ status: "connected" }, 10_000);
      await next.link.stop();
      const old = startLink(url, { identity: "CP-KEY", password: OLD_KEY });
      await old.until({ status: "error", reason: "http_401" }, 10_000);
      await old.link.stop();
    }

    for (let i = 0; i < 4; i++) {
      const put = await fetch(
        `${url.replace(/^ws/, "http").replace(/\/ocpp$/, "")}/files/diagnostics/d${i}.log`,
        {
          method: "PUT",
          body: `upload ${i}`,
        },
      );
      expect(put.status).toBe(201);
    }
    for (let round = 0; round < 2; round++) {
      const listed = await json<{ files: Array<{ name: string }> }>("GET", "/files/diagnostics");
      expect(listed.body.files.map((f) => f.name)).toEqual([
        "d0.log",
        "d1.log",
        "d2.log",
        "d3.log",
      ]);
    }
  });
});
