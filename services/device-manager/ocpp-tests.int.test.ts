// "Test connection" through the command API: a question to the charger's live socket, answered
// within the deadline, that stores nothing (no command, no shadow change).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManagerFrame, OcppTestFrame } from "@plugboard/device-contract";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import type { DeviceManager } from "./server";
import { FakeCharger } from "./test-support/fake-charger";
import {
  callApi,
  createManagerDatabase,
  readShadow,
  registerTestCharger,
  startTestManager,
  waitFor,
  type ManagerDatabase,
} from "./test-support/harness";

const SAVED = "Saved-AuthKey-0001";
const TYPED = "Typed-AuthKey-0002";
const test = (extra: Record<string, unknown> = {}) => ({
  url: "ws://csms.example/ocpp",
  identity: "CP-TEST",
  ...extra,
});
const isTest = (frame: ManagerFrame): frame is OcppTestFrame => frame.type === "ocpp_test";

describe.each(testDatabaseKinds())("OCPP connection tests on %s", (kind) => {
  let database: ManagerDatabase;
  let manager: DeviceManager;

  beforeAll(async () => {
    database = await createManagerDatabase(kind);
    manager = await startTestManager(database);
  });

  afterAll(async () => {
    await manager?.close();
    await database?.drop();
  });

  const post = (serial: string, body: unknown) =>
    callApi(manager, "POST", `/v1/chargers/${serial}/ocpp-connection-tests`, body);

  /** A connected charger that answers each test with `answer` (or not at all). */
  async function onlineCharger(answer?: (frame: OcppTestFrame) => Record<string, unknown>) {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    charger.hello();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online,
    );
    if (answer)
      charger.ws.on("message", (data) => {
        const frame = JSON.parse(data.toString()) as ManagerFrame;
        if (isTest(frame))
          charger.send({ type: "ocpp_test_result", testId: frame.testId, ...answer(frame) });
      });
    return { serial, charger };
  }

  /**
   * The shadow once the charger's hello has been taken in whole: "online" comes with its first
   * event and the rest follow, so "nothing changed" is measured from a quiet shadow.
   */
  async function settledShadow(serial: string) {
    let last = await readShadow(manager, serial);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const next = await readShadow(manager, serial);
      if (next.lastEventSeq === last.lastEventSeq) return next;
      last = next;
    }
  }

  it("asks the charger, with the typed password, and changes nothing it keeps", async () => {
    const { serial, charger } = await onlineCharger(() => ({
      outcome: "connected",
      durationMs: 42,
    }));
    const before = await settledShadow(serial);
    const answer = await post(serial, test({ password: TYPED }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ outcome: "connected", durationMs: 42, password: "given" });
    const frame = charger.received.find(isTest)!;
    expect(frame).toMatchObject({ url: "ws://csms.example/ocpp", identity: "CP-TEST" });
    expect(frame.password).toBe(TYPED);
    // Within the 15 s a person waits, less the time kept for the way back.
    expect(frame.timeoutMs).toBe(13_000);
    const after = await readShadow(manager, serial);
    expect(after.desired).toEqual(before.desired);
    expect(after.lastEventSeq).toBe(before.lastEventSeq);
    const commands = await callApi(manager, "GET", `/v1/chargers/${serial}/commands`);
    expect(commands.body.commands).toEqual([]);
    await charger.close();
  });

  it("uses the saved password when asked, and none when none is saved", async () => {
    const { serial, charger } = await onlineCharger((frame) => ({
      outcome: "failed",
      reason: frame.password === SAVED ? "boot_pending" : "http_401",
      message: "said by the charger",
      durationMs: 7,
    }));
    const noneSaved = await post(serial, test({ useSavedPassword: true }));
    expect(noneSaved.body).toMatchObject({ reason: "http_401", password: "none" });
    expect(charger.received.filter(isTest)[0]!.password).toBeUndefined();

    const saved = await callApi(manager, "POST", `/v1/chargers/${serial}/commands`, {
      kind: "set_ocpp_config",
      payload: { enabled: false, password: SAVED },
    });
    expect(saved.status).toBe(202);
    const answer = await post(serial, test({ useSavedPassword: true }));
    expect(answer.body).toEqual({
      outcome: "failed",
      reason: "boot_pending",
      message: "said by the charger",
      durationMs: 7,
      password: "saved",
    });
    // Never sent back: the answer says only which password was used.
    expect(answer.text).not.toContain(SAVED);
    await charger.close();
  });

  it("answers at once for an offline charger, and 404 for an unknown one", async () => {
    const { serial } = await registerTestCharger(manager);
    const started = Date.now();
    expect((await post(serial, test())).body).toEqual({ outcome: "charger_offline" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await post("NOBODY-1", test())).status).toBe(404);
  });

  it("refuses bad input with the fields at fault and asks the charger nothing", async () => {
    const { serial, charger } = await onlineCharger(() => ({
      outcome: "connected",
      durationMs: 1,
    }));
    for (const body of [
      test({ url: "http://csms.example/ocpp" }),
      test({ identity: "has space" }),
      test({ password: "" }),
      test({ password: TYPED, useSavedPassword: true }),
      test({ timeoutMs: 60_000 }),
      { url: "ws://csms.example/ocpp" },
    ]) {
      const answer = await post(serial, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toBe("invalid_request");
    }
    expect(charger.received.filter(isTest)).toEqual([]);
    await charger.close();
  });

  it("no answer within the deadline, one test at a time, offline when the socket drops", async () => {
    const { serial, charger } = await onlineCharger();
    const started = Date.now();
    const [first, second] = await Promise.all([
      post(serial, test({ timeoutMs: 1_000 })),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
        post(serial, test({ timeoutMs: 1_000 })),
      ),
    ]);
    expect(first.body).toEqual({ outcome: "charger_no_answer" });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(second.body).toEqual({ outcome: "charger_busy" });
    expect(charger.received.filter(isTest)).toHaveLength(1);
    // The charger's own share of a shorter deadline.
    expect(charger.received.find(isTest)!.timeoutMs).toBe(500);

    const pending = post(serial, test({ timeoutMs: 10_000 }));
    await charger.waitFor((frames) => frames.filter(isTest).length === 2);
    await charger.close();
    expect((await pending).body).toEqual({ outcome: "charger_offline" });
  });
});
