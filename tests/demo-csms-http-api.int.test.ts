// The demo central system's HTTP API against a real charger-side OCPP link: any central-system
// message by hand, schema checks, errors, the token, and the firmware / diagnostics file server.
import { afterEach, describe, expect, it } from "vitest";
import {
  onCleanup,
  runCleanups,
  startLink,
} from "../services/virtual-charger/ocpp/testing/link-fixture";
import { waitFor } from "../services/virtual-charger/ocpp/testing/test-servers";
import { startDemoCsms, type DemoCsmsOptions } from "../services/demo-csms/demo-csms";

afterEach(runCleanups);

async function setUp(options: DemoCsmsOptions = {}) {
  const logs: string[] = [];
  const csms = await startDemoCsms({ port: 0, log: (line) => logs.push(line), ...options });
  onCleanup(() => csms.close());
  const probe = startLink(csms.url, { identity: "CP 7" });
  await probe.until({ status: "connected" });
  const base = `http://127.0.0.1:${csms.port}`;
  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(base + path, {
      method,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      ...(body !== undefined
        ? { body: typeof body === "string" ? body : JSON.stringify(body) }
        : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : text,
    };
  };
  return { csms, probe, api, logs, base };
}

describe("demo central system HTTP API", () => {
  it("sends any central-system message to a connected charger and returns its answer", async () => {
    const { api, csms } = await setUp();
    expect(await api("GET", "/api/chargers")).toEqual({
      status: 200,
      body: { chargers: ["CP 7"] },
    });
    const path = (action: string) => `/api/chargers/${encodeURIComponent("CP 7")}/calls/${action}`;
    expect(await api("POST", path("TriggerMessage"), { requestedMessage: "Heartbeat" })).toEqual({
      status: 200,
      body: { action: "TriggerMessage", result: { status: "Accepted" } },
    });
    await waitFor(
      () => csms.received("CP 7").some((c) => c.action === "Heartbeat"),
      "the triggered Heartbeat",
    );
    const config = await api("POST", path("GetConfiguration"), { key: ["AuthEnabled"] });
    expect(config.body).toMatchObject({
      result: { configurationKey: [{ key: "AuthEnabled", value: "true" }] },
    });
    expect(await api("POST", path("GetLocalListVersion"), "")).toMatchObject({
      status: 200,
      body: { result: { listVersion: 0 } },
    });
    expect(
      await api("POST", path("ReserveNow"), {
        connectorId: 1,
        expiryDate: new Date().toISOString(),
        idTag: "X",
        reservationId: 1,
      }),
    ).toMatchObject({
      status: 502,
      body: { error: "call_error", rpcErrorCode: "NotSupported" },
    });
    const messages = await api("GET", `/api/chargers/${encodeURIComponent("CP 7")}/messages`);
    expect((messages.body as { messages: Array<{ action: string }> }).messages[0]!.action).toBe(
      "BootNotification",
    );
  });

  it("refuses unknown actions, payloads that break the schema, bad JSON and absent chargers", async () => {
    const { api } = await setUp();
    expect(await api("POST", "/api/chargers/CP%207/calls/BootNotification", {})).toMatchObject({
      status: 400,
      body: { error: "unknown_action" },
    });
    const invalid = await api("POST", "/api/chargers/CP%207/calls/Reset", { type: "Sideways" });
    expect(invalid).toMatchObject({ status: 400, body: { error: "invalid_payload" } });
    expect(String((invalid.body as { message: string }).message)).toContain("Reset.req");
    expect(await api("POST", "/api/chargers/CP%207/calls/Reset", "{oops")).toMatchObject({
      status: 400,
      body: { error: "invalid_json" },
    });
    expect(await api("POST", "/api/chargers/NOBODY/calls/Reset", { type: "Soft" })).toMatchObject({
      status: 404,
      body: { error: "not_connected" },
    });
    expect(await api("GET", "/api/chargers/CP%207/calls/Reset")).toMatchObject({ status: 405 });
  });

  it("with an admin token, the API needs it; AuthorizationKey values never reach the log", async () => {
    const token = "demo-admin-token-0123456789";
    const { api, logs } = await setUp({ adminToken: token });
    expect(await api("GET", "/api/chargers")).toMatchObject({ status: 401 });
    expect(await api("GET", "/api/chargers", undefined, token)).toMatchObject({ status: 200 });
    const key = "00112233445566778899aabbccddeeff";
    const changed = await api(
      "POST",
      "/api/chargers/CP%207/calls/ChangeConfiguration",
      { key: "AuthorizationKey", value: key },
      token,
    );
    expect(changed).toMatchObject({ status: 200, body: { result: { status: "Accepted" } } });
    expect(logs.join("\n")).toContain("ChangeConfiguration");
    expect(logs.join("\n")).not.toContain(key);
  });

  it("serves firmware images and stores diagnostics uploads, so UpdateFirmware and GetDiagnostics work by hand", async () => {
    const { api, base, csms } = await setUp();
    const firmware = await fetch(`${base}/files/firmware/wallbox-6.5.0.bin`);
    expect(firmware.status).toBe(200);
    expect((await firmware.arrayBuffer()).byteLength).toBeGreaterThan(0);
    await api("POST", "/api/chargers/CP%207/calls/UpdateFirmware", {
      location: `${base}/files/firmware/wallbox-6.5.0.bin`,
      retrieveDate: new Date().toISOString(),
    });
    await waitFor(
      () =>
        csms
          .received("CP 7")
          .some(
            (c) =>
              c.action === "FirmwareStatusNotification" &&
              (c.params as { status: string }).status === "Installing",
          ),
      "Installing",
    );
    const answer = await api("POST", "/api/chargers/CP%207/calls/GetDiagnostics", {
      location: `${base}/files/diagnostics/`,
    });
    const fileName = (answer.body as { result: { fileName: string } }).result.fileName;
    await waitFor(
      () =>
        csms
          .received("CP 7")
          .some(
            (c) =>
              c.action === "DiagnosticsStatusNotification" &&
              (c.params as { status: string }).status === "Uploaded",
          ),
      "Uploaded",
    );
    const list = await api("GET", "/files/diagnostics");
    expect((list.body as { files: Array<{ name: string }> }).files.map((f) => f.name)).toEqual([
      fileName,
    ]);
    expect(await api("GET", `/files/diagnostics/${fileName}`)).toMatchObject({
      status: 200,
      body: expect.stringContaining("serial: SN-0001"),
    });
  });
});
