// Secrets: the OCPP password is write-only (never in a response, never in a log line),
// stored AES-256-GCM encrypted; absent keeps it, null clears it, factory reset clears it.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { decryptSecret, parseSecretKey } from "./crypto";
import { chargers, commands } from "./db/schema";
import type { Logger } from "./logger";
import type { DeviceManager } from "./server";
import { FakeCharger } from "./test-support/fake-charger";
import {
  SECRET_KEY,
  TOKEN,
  callApi,
  createManagerDatabase,
  readCommandStatus,
  readShadow,
  registerTestCharger,
  startTestManager,
  waitFor,
  type ManagerDatabase,
} from "./test-support/harness";

const PASSWORD = "Sup3r-Secret-AuthKey-42";
const ocppConfig = (extra: Record<string, unknown> = {}) => ({
  kind: "set_ocpp_config",
  payload: { enabled: true, url: "wss://csms.example/ocpp", identity: "CP-0001", ...extra },
});

/** Keeps every log line, at debug level, to check that no secret is ever written. */
function createCapturingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

describe.each(testDatabaseKinds())("OCPP password handling on %s", (kind) => {
  let database: ManagerDatabase;
  let manager: DeviceManager;
  const logLines: string[] = [];

  beforeAll(async () => {
    database = await createManagerDatabase(kind);
    manager = await startTestManager(database, { logger: createCapturingLogger(logLines) });
  });

  afterAll(async () => {
    await manager?.close();
    await database?.drop();
  });

  const connect = (serial: string, secret: string) =>
    FakeCharger.connect({ baseUrl: manager.url, serial, secret, autoApply: true });
  const post = (serial: string, body: unknown) =>
    callApi(manager, "POST", `/v1/chargers/${serial}/commands`, body);

  it("never returns the OCPP password and stores it encrypted", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const accepted = await post(serial, ocppConfig({ password: PASSWORD }));
    const responses = [
      accepted,
      await callApi(manager, "GET", `/v1/commands/${accepted.body.commandId}`),
      await callApi(manager, "GET", `/v1/chargers/${serial}/commands`),
      await callApi(manager, "GET", `/v1/chargers/${serial}/shadow`),
    ];
    for (const response of responses) expect(response.text).not.toContain(PASSWORD);

    const db = manager.database.db;
    const [chargerRow] = await db.select().from(chargers).where(eq(chargers.serial, serial));
    const [command] = await db
      .select()
      .from(commands)
      .where(eq(commands.id, accepted.body.commandId));
    const raw = await db.execute(
      sql`select row_to_json(c)::text as json from dm_chargers c where serial = ${serial}`,
    );
    expect(JSON.stringify(raw)).not.toContain(PASSWORD);
    expect(JSON.stringify(command)).not.toContain(PASSWORD);
    expect(chargerRow?.desiredOcppPasswordEnc).toMatch(/^v1\./);
    expect(
      decryptSecret(parseSecretKey(SECRET_KEY), chargerRow!.desiredOcppPasswordEnc!, serial),
    ).toBe(PASSWORD);
    expect(command?.payload).toMatchObject({ hasPassword: true });

    // Absent keeps the password; null clears it; factory reset clears the whole desired config.
    const keep = await post(serial, ocppConfig({ url: "wss://other.example/ocpp" }));
    const clear = await post(serial, ocppConfig({ password: null }));
    const charger = await connect(serial, secret);
    charger.hello();
    await charger.waitFor((frames) => frames.filter((f) => f.type === "command").length === 3);
    const payloads = charger.commands().map((f) => (f.type === "command" ? f.payload : null));
    expect(payloads[1]).toMatchObject({
      url: "wss://other.example/ocpp",
      password: PASSWORD,
      configVersion: 2,
    });
    expect(payloads[2]).not.toHaveProperty("password");
    expect(
      (await callApi(manager, "GET", `/v1/commands/${keep.body.commandId}`)).body.payload
        .hasPassword,
    ).toBe(true);
    expect(
      (await callApi(manager, "GET", `/v1/commands/${clear.body.commandId}`)).body.payload
        .hasPassword,
    ).toBe(false);

    const reset = await post(serial, { kind: "factory_reset" });
    expect(reset.body.configVersion).toBe(4);
    await waitFor(
      () => readCommandStatus(manager, reset.body.commandId),
      (s) => s === "applied",
    );
    const shadow = await readShadow(manager, serial);
    expect(shadow.desired).toMatchObject({
      configVersion: 4,
      ocpp: { enabled: false, url: null, identity: null, hasPassword: false },
    });
    expect(shadow.reported.appliedConfigVersion).toBe(4);
    await charger.close();
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(secret);
    }
  });
});
