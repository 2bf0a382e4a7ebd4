// The demo central system on its own: HTTP, upgrade gatekeeping, OCPP replies, bad clients.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { RPCClient } from "ocpp-rpc";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { onCleanup, runCleanups, waitUntil as waitFor } from "@plugboard/node-runtime";
import { callOcpp } from "@plugboard/ocpp16";
import { startDemoCsms, type DemoCsmsOptions } from "./demo-csms";

async function csms(options: DemoCsmsOptions = {}) {
  const logs: string[] = [];
  const server = await startDemoCsms({ port: 0, log: (line) => logs.push(line), ...options });
  onCleanup(() => server.close());
  return Object.assign(server, { logs });
}

async function rpcClient(url: string, identity: string, password?: string) {
  const client = new RPCClient({
    endpoint: url,
    identity,
    protocols: ["ocpp1.6"],
    strictMode: true, // replies that break the 1.6 schemas would reject the call
    reconnect: false,
    ...(password ? { password } : {}),
  } as ConstructorParameters<typeof RPCClient>[0]);
  onCleanup(() => client.close({ force: true }));
  await client.connect();
  return client;
}

/** Raw upgrade attempt: resolves with the HTTP status line and headers the server sent. */
function rawUpgrade(port: number, target: string, headers: Record<string, string> = {}) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("close", () => resolve(data));
    socket.on("error", reject);
    const lines = [
      `GET ${target} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13",
      "Sec-WebSocket-Protocol: ocpp1.6",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

afterEach(runCleanups);

describe("demo central system", () => {
  it("serves GET /health and 404 for anything else", async () => {
    const server = await csms();
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", connected: 0 });
    expect((await fetch(`http://127.0.0.1:${server.port}/ocpp/CP1`)).status).toBe(404);
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}/ocpp`);
  });

  it("answers every charger-initiated message validly (strict on both sides), one log line each", async () => {
    const server = await csms({ heartbeatInterval: 42 });
    const client = await rpcClient(server.url, "CP-ALL");
    const boot = await callOcpp(client, "BootNotification", {
      chargePointVendor: "Wall Box Chargers",
      chargePointModel: "CMX2",
    });
    expect(boot).toMatchObject({ status: "Accepted", interval: 42 });
    expect(await callOcpp(client, "Heartbeat", {})).toHaveProperty("currentTime");
    await callOcpp(client, "StatusNotification", {
      connectorId: 1,
      errorCode: "NoError",
      status: "Available",
    });
    expect(await callOcpp(client, "Authorize", { idTag: "C4B3A204" })).toEqual({
      idTagInfo: { status: "Accepted" },
    });
    const start = {
      connectorId: 1,
      idTag: "C4B3A204",
      meterStart: 0,
      timestamp: new Date().toISOString(),
    };
    const tx1 = await callOcpp(client, "StartTransaction", start);
    const tx2 = await callOcpp(client, "StartTransaction", start);
    expect(tx2.transactionId).toBe(tx1.transactionId + 1);
    await callOcpp(client, "MeterValues", {
      connectorId: 1,
      transactionId: tx1.transactionId,
      meterValue: [
        { timestamp: new Date().toISOString(), sampledValue: [{ value: "1200", unit: "Wh" }] },
      ],
    });
    await callOcpp(client, "StopTransaction", {
      transactionId: tx1.transactionId,
      meterStop: 1200,
      timestamp: new Date().toISOString(),
    });
    expect(await callOcpp(client, "DataTransfer", { vendorId: "com.wallbox" })).toEqual({
      status: "UnknownVendorId",
    });
    await callOcpp(client, "FirmwareStatusNotification", { status: "Idle" });
    await callOcpp(client, "DiagnosticsStatusNotification", { status: "Idle" });

    const received = server.received("CP-ALL").map((c) => c.action);
    expect(received).toHaveLength(11);
    const messageLines = server.logs.filter((l) => l.startsWith("CP-ALL ←"));
    expect(messageLines).toHaveLength(11);
    expect(messageLines[0]).toMatch(
      /^CP-ALL ← BootNotification \{.*"chargePointModel":"CMX2".*\} ⇒ \{"status":"Accepted"/,
    );
  });

  it("refuses wrong paths (404) and broken encodings (400) at upgrade, and stays up", async () => {
    const server = await csms();
    expect(await rawUpgrade(server.port, "/elsewhere/CP1")).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawUpgrade(server.port, "/ocpp/")).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawUpgrade(server.port, "/ocpp/a/b")).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawUpgrade(server.port, "/ocpp/%E0%A4%A")).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
  });

  it("challenges with 401 + WWW-Authenticate and never logs the Authorization header", async () => {
    const password = "s3cret-Authorization-Key";
    const server = await csms({ policies: { "CP-SEC": { password } } });
    const header = `Basic ${Buffer.from(`CP-SEC:not-${password}`).toString("base64")}`;
    const answer = await rawUpgrade(server.port, "/ocpp/CP-SEC", { Authorization: header });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toMatch(/WWW-Authenticate: Basic realm="OCPP"/);
    const client = await rpcClient(server.url, "CP-SEC", password);
    expect(client.state).toBe(RPCClient.OPEN);
    await server.setPolicy("CP-SEC", { password: "another-one" });
    const all = server.logs.join("\n");
    expect(all).toContain("CP-SEC upgrade refused 401 (wrong credentials)");
    expect(all).toContain("CP-SEC policy set to password required");
    for (const secret of [password, "another-one", header.slice(6)])
      expect(all).not.toContain(secret);
  });

  it("closes a connection that did not agree on ocpp1.6 (OCPP-J §3.2)", async () => {
    const server = await csms();
    // A client offering no subprotocol at all (one offering only others fails client-side).
    const ws = new WebSocket(`${server.url}/CP-WS`);
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("error", () => undefined);
    await new Promise((resolve) => ws.on("open", resolve));
    expect(ws.protocol).toBe("");
    expect(await closed).toBe(1002);
    expect(server.connectedIdentities()).toEqual([]);
  });

  it("policies for every reason a charger can see: no subprotocol, Pending, Rejected, silent", async () => {
    const server = await csms({
      policies: {
        "CP-NO-SUB": "no_subprotocol",
        "CP-PEND": "pending",
        "CP-REJ": "reject",
        "CP-QUIET": "silent",
      },
    });
    // ws itself refuses a handshake that came back without the subprotocol it offered.
    await expect(rpcClient(server.url, "CP-NO-SUB")).rejects.toThrow(/no subprotocol/);
    expect(server.logs.join("\n")).toContain("CP-NO-SUB upgrade completed without a subprotocol");
    const boot = { chargePointVendor: "Wall Box Chargers", chargePointModel: "CMX2" };
    const pending = await rpcClient(server.url, "CP-PEND");
    expect(await callOcpp(pending, "BootNotification", boot)).toMatchObject({ status: "Pending" });
    const rejected = await rpcClient(server.url, "CP-REJ");
    expect(await callOcpp(rejected, "BootNotification", boot)).toMatchObject({
      status: "Rejected",
    });
    const quiet = await rpcClient(server.url, "CP-QUIET");
    await expect(callOcpp(quiet, "BootNotification", boot, { callTimeoutMs: 500 })).rejects.toThrow(
      /timeout/i,
    );
  });

  it("survives bad clients: garbage frames, schema violations, half-open handshakes", async () => {
    const server = await csms();
    const ws = new WebSocket(`${server.url}/CP-BAD`, ["ocpp1.6"]);
    const replies: unknown[] = [];
    ws.on("message", (data) => replies.push(JSON.parse(data.toString())));
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    await new Promise((resolve) => ws.on("open", resolve));
    ws.send("not json");
    ws.send(JSON.stringify([2, "m1", "BootNotification", { chargePointVendor: 42 }]));
    await waitFor(() => replies.length >= 2, "two CALLERRORs");
    expect(replies[1]).toEqual([
      4,
      "m1",
      expect.stringMatching(/Violation$/),
      expect.any(String),
      expect.anything(),
    ]);
    for (let i = 0; i < 12; i++) ws.send("garbage");
    expect(await closed).toBe(1002); // too many bad messages in a row

    const half = connect(server.port, "127.0.0.1");
    half.on("error", () => undefined);
    half.write("GET /ocpp/CP-HALF HTTP/1.1\r\nUpgrade: websocket\r\n");
    half.destroy();
    expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
  });

  it("replaces an older connection of the same identity", async () => {
    const server = await csms();
    const first = await rpcClient(server.url, "CP-DUP");
    const gone = new Promise((resolve) => first.once("close", resolve));
    await rpcClient(server.url, "CP-DUP");
    await gone;
    await waitFor(() => server.connectedIdentities().length === 1, "one connection left");
  });

  it("pings only the chargers that do not ping it", async () => {
    const server = await csms({ pingIntervalMs: 300 });
    const pingsTo = (pingEveryMs: number | null) =>
      new Promise<{ count: () => number }>((resolve, reject) => {
        const ws = new WebSocket(`${server.url}/CP-PING-${pingEveryMs ?? "NONE"}`, ["ocpp1.6"]);
        let received = 0;
        ws.on("ping", () => (received += 1));
        ws.on("error", reject);
        ws.on("open", () => {
          if (pingEveryMs !== null) {
            const timer = setInterval(() => ws.ping(), pingEveryMs);
            onCleanup(async () => clearInterval(timer));
          }
          onCleanup(async () => ws.terminate());
          resolve({ count: () => received });
        });
      });
    const quiet = await pingsTo(null);
    const pinging = await pingsTo(100);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(quiet.count()).toBeGreaterThanOrEqual(3);
    expect(pinging.count()).toBe(0);
  });
});

describe("demo central system entry point", () => {
  const main = path.join(__dirname, "main.ts");
  const tsx = path.join(__dirname, "../../node_modules/.bin/tsx");

  function run(env: Record<string, string>) {
    const child = spawn(tsx, [main], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    onCleanup(async () => void child.kill("SIGTERM"));
    let output = "";
    child.stdout.on("data", (d) => (output += d.toString()));
    child.stderr.on("data", (d) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    return { child, output: () => output, exited };
  }

  it("reads env, prints its URL, serves /health and applies DEMO_CSMS_POLICIES", async () => {
    const proc = run({
      DEMO_CSMS_PORT: "0",
      DEMO_CSMS_POLICIES: JSON.stringify({
        "CP-SECURE": { password: "env-secret-pw" },
        "CP-GONE": "unknown",
      }),
    });
    await waitFor(
      () => /endpoint ws:\/\/127\.0\.0\.1:\d+\/ocpp/.test(proc.output()),
      "the URL",
      8_000,
    );
    const port = Number(/127\.0\.0\.1:(\d+)\/ocpp/.exec(proc.output())![1]);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(await rawUpgrade(port, "/ocpp/CP-GONE")).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawUpgrade(port, "/ocpp/CP-SECURE")).toMatch(/^HTTP\/1\.1 401/);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(proc.output()).not.toContain("env-secret-pw");
  });

  it("refuses invalid policies with a clear message and no secret", async () => {
    const proc = run({
      DEMO_CSMS_PORT: "0",
      DEMO_CSMS_POLICIES: '{"CP":{"password":"leaky-pw","x":1}}',
    });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/invalid policies at CP/);
    expect(proc.output()).not.toContain("leaky-pw");
  });
});
