// Property-based fuzzing of the virtual charger's OCPP-J client (fast-check): a hostile central
// system sends arbitrary text, JSON arrays, CALLs of real OCPP 1.6 actions with mutated payloads
// and CALLRESULT/CALLERRORs for unknown ids. Shared by ocpp/ocpp-fuzz.int.test.ts and
// bench/fuzz.ts. The frames and the OCPP-J oracle are @plugboard/fuzzing's (the demo central
// system is fuzzed with the same, from the other side).
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { WebSocketServer, type WebSocket } from "ws";
import {
  BARRIER_PREFIX,
  asReceived,
  check,
  checkAnswers,
  expectedAnswer,
  isValidRequest,
  ocppJBatch,
  ocppJFrame,
  until,
  withoutBarriers,
  type OcppCall,
} from "@plugboard/fuzzing";
import { ocppSchemaProblem, type Ocpp16Action } from "@plugboard/ocpp16";
import { createOcppLink, type OcppLink, type OcppLinkStatus } from "../ocpp/ocpp-link";
import { defaultChargerHandlers } from "../ocpp/handlers";

// ---------------------------------------------------------------- arbitraries

/** A valid request of every central-system-initiated 1.6 action (mutation starting points). */
const VALID_REQUESTS = {
  ChangeAvailability: { connectorId: 1, type: "Inoperative" },
  ChangeConfiguration: { key: "HeartbeatInterval", value: "300" },
  ClearCache: {},
  DataTransfer: { vendorId: "com.wallbox", messageId: "getHmi", data: "x" },
  GetConfiguration: { key: ["HeartbeatInterval", "AuthEnabled"] },
  RemoteStartTransaction: { connectorId: 1, idTag: "TAG-1" },
  RemoteStopTransaction: { transactionId: 1 },
  Reset: { type: "Soft" },
  UnlockConnector: { connectorId: 1 },
  GetDiagnostics: { location: "ftp://diag.example/up", retries: 1, retryInterval: 10 },
  UpdateFirmware: {
    location: "http://fw.example/fw.bin",
    retrieveDate: "2030-01-01T00:00:00.000Z",
  },
  GetLocalListVersion: {},
  SendLocalList: {
    listVersion: 2,
    updateType: "Full",
    localAuthorizationList: [{ idTag: "TAG-1", idTagInfo: { status: "Accepted" } }],
  },
  TriggerMessage: { requestedMessage: "Heartbeat", connectorId: 1 },
  SetChargingProfile: {
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: 1,
      stackLevel: 0,
      chargingProfilePurpose: "TxDefaultProfile",
      chargingProfileKind: "Absolute",
      chargingSchedule: {
        chargingRateUnit: "A",
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }],
      },
    },
  },
  ClearChargingProfile: { id: 1 },
  GetCompositeSchedule: { connectorId: 1, duration: 60 },
  ReserveNow: {
    connectorId: 1,
    expiryDate: "2030-01-01T00:00:00.000Z",
    idTag: "TAG-1",
    reservationId: 1,
  },
  CancelReservation: { reservationId: 1 },
  // Charge-point-initiated actions: real names, but nobody asks a charger for them.
  BootNotification: { chargePointVendor: "V", chargePointModel: "M" },
  Heartbeat: {},
  StatusNotification: { connectorId: 1, errorCode: "NoError", status: "Available" },
  Authorize: { idTag: "TAG-1" },
} satisfies Partial<Record<Ocpp16Action, unknown>>;

/** Schema-valid calls that read or trigger but change nothing: the charger must answer validly. */
const harmlessValidCall: fc.Arbitrary<OcppCall> = fc
  .oneof(
    fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 50 }),
          fc.constantFrom("HeartbeatInterval", "AuthorizationKey", "heartbeatinterval"),
        ),
        { maxLength: 5 },
      )
      .map((key) => ({ action: "GetConfiguration", payload: { key } })),
    fc
      .record(
        {
          requestedMessage: fc.constantFrom(
            "Heartbeat",
            "StatusNotification",
            "MeterValues",
            "BootNotification",
            "FirmwareStatusNotification",
            "DiagnosticsStatusNotification",
          ),
          connectorId: fc.integer({ min: -3, max: 5 }),
        },
        { requiredKeys: ["requestedMessage"] },
      )
      .map((payload) => ({ action: "TriggerMessage", payload })),
    fc
      .record(
        {
          vendorId: fc.string({ maxLength: 255 }),
          messageId: fc.string({ maxLength: 50 }),
          data: fc.string(),
        },
        { requiredKeys: ["vendorId"] },
      )
      .map((payload) => ({ action: "DataTransfer", payload })),
    fc.constant({ action: "GetLocalListVersion", payload: {} }),
    fc
      .record({
        connectorId: fc.integer({ min: 0, max: 3 }),
        duration: fc.integer({ min: 0, max: 100_000 }),
      })
      .map((payload) => ({ action: "GetCompositeSchedule", payload })),
  )
  .filter(({ action, payload }) => isValidRequest(action, payload));

export type OcppFuzzFrame = string;

export const ocppFuzzFrame: fc.Arbitrary<OcppFuzzFrame> = ocppJFrame({
  validRequests: VALID_REQUESTS,
  validCalls: harmlessValidCall,
  deepAction: "Reset",
});

export const ocppFuzzBatch = ocppJBatch(ocppFuzzFrame);

// ---------------------------------------------------------------- hostile central system

export interface HostileCsms {
  url: string;
  connections(): number;
  socket(): WebSocket | null;
  /** Every CALLRESULT/CALLERROR the charger sent, in arrival order. */
  answers: unknown[];
  close(): Promise<void>;
}

/** A bare ws server speaking just enough OCPP 1.6J to accept the charger, then anything goes. */
export async function startHostileCsms(): Promise<HostileCsms> {
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    handleProtocols: (protocols) => (protocols.has("ocpp1.6") ? "ocpp1.6" : false),
  });
  let current: WebSocket | null = null;
  let connections = 0;
  const csms: HostileCsms = {
    url: "",
    connections: () => connections,
    socket: () => current,
    answers: [],
    close: () =>
      new Promise<void>((resolve) => {
        wss.clients.forEach((c) => c.terminate());
        wss.close(() => resolve());
      }),
  };
  const now = () => new Date().toISOString();
  const replies: Record<string, () => unknown> = {
    BootNotification: () => ({ status: "Accepted", currentTime: now(), interval: 3600 }),
    Heartbeat: () => ({ currentTime: now() }),
    DataTransfer: () => ({ status: "Accepted" }),
    Authorize: () => ({ idTagInfo: { status: "Accepted" } }),
    StartTransaction: () => ({ transactionId: 1, idTagInfo: { status: "Accepted" } }),
    StopTransaction: () => ({}),
  };
  wss.on("connection", (ws) => {
    current = ws;
    connections += 1;
    ws.on("error", () => undefined);
    ws.on("close", () => {
      if (current === ws) current = null;
    });
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as unknown[];
      if (frame[0] !== 2) return void csms.answers.push(frame);
      const reply = replies[String(frame[2])];
      ws.send(JSON.stringify([3, frame[1], reply ? reply() : {}]));
    });
  });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  csms.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ocpp`;
  return csms;
}

// ---------------------------------------------------------------- rig and property

export interface OcppFuzzRig {
  csms: HostileCsms;
  link: OcppLink;
  statuses: OcppLinkStatus[];
  logs: string[];
  /** The configuration as GetConfiguration last reported it. */
  configuration: unknown;
  stats: { cases: number; refused: number; answeredValid: number };
  close(): Promise<void>;
}

let barrierCounter = 0;

export async function startOcppFuzzRig(): Promise<OcppFuzzRig> {
  const csms = await startHostileCsms();
  const statuses: OcppLinkStatus[] = [];
  const logs: string[] = [];
  const link = createOcppLink({
    url: csms.url,
    identity: "FUZZ-CP-1",
    vendor: "Wall Box Chargers",
    model: "PLP1-0-2-4-9",
    serialNumber: "SN-FUZZ",
    firmwareVersion: "6.2.14",
    connectorCount: 1,
    backoff: { initialMs: 50, maxMs: 200 },
    connectTimeoutMs: 3_000,
    onStatus: (s) => statuses.push(s),
    log: (line) => {
      logs.push(line);
      if (logs.length > 1_000) logs.splice(0, 500);
    },
  });
  link.start();
  const deadline = Date.now() + 10_000;
  while (link.status.status !== "connected") {
    if (Date.now() > deadline)
      throw new Error(`charger did not connect: ${JSON.stringify(link.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const rig: OcppFuzzRig = {
    csms,
    link,
    statuses,
    logs,
    configuration: null,
    stats: { cases: 0, refused: 0, answeredValid: 0 },
    async close() {
      await link.stop();
      await csms.close();
    },
  };
  rig.configuration = await barrier(rig);
  return rig;
}

/** A valid GetConfiguration: must get a CALLRESULT; returns the whole configuration. */
async function barrier(rig: OcppFuzzRig): Promise<unknown> {
  const id = `${BARRIER_PREFIX}${++barrierCounter}`;
  const socket = rig.csms.socket();
  check(socket !== null, "the charger is connected");
  socket.send(JSON.stringify([2, id, "GetConfiguration", {}]));
  let answer: unknown[] | undefined;
  await until(() => {
    answer = rig.csms.answers.find((a) => Array.isArray(a) && a[1] === id) as unknown[] | undefined;
    return answer !== undefined;
  }, "the answer to a valid GetConfiguration");
  check(answer![0] === 3, "a valid GetConfiguration gets a CALLRESULT", answer);
  check(
    ocppSchemaProblem("GetConfiguration", "conf", answer![2]) === null,
    "GetConfiguration.conf is valid",
    answer,
  );
  return answer![2];
}

/**
 * The property for one batch of frames from the central system:
 * - every message but an empty one, a CALLRESULT or a CALLERROR is answered; a refused one with
 *   a CALLERROR of 5 elements, messageTypeId 4, the CALL's UniqueId when it had one;
 * - nothing is answered that should not be (no answer to a CALLRESULT/CALLERROR);
 * - the charger stays connected on the same socket, and a valid GetConfiguration still gets a
 *   CALLRESULT;
 * - refused frames leave the charger's configuration (GetConfiguration and the station's
 *   overrides) unchanged.
 */
export async function checkOcppBatch(rig: OcppFuzzRig, frames: OcppFuzzFrame[]): Promise<void> {
  rig.stats.cases += 1;
  const handled = new Set(Object.keys(defaultChargerHandlers));
  const expected = frames.map((text) => expectedAnswer(asReceived(text), handled));
  const connectionsBefore = rig.csms.connections();
  const overridesBefore = JSON.stringify(rig.link.station.overrides);
  const socket = rig.csms.socket();
  check(socket !== null, "the charger is connected at the start of the case");
  // Answers of earlier cases are checked already: dropping them keeps each case's search short
  // (kept, 100,000 cases made every barrier scan hundreds of thousands of answers).
  rig.csms.answers.length = 0;
  for (const text of frames) socket.send(text);
  const wanted = expected.filter((e) => e.answer !== "none").length;
  // Answers to valid calls may come after the barrier's; errors come in order, before it.
  await until(() => rig.csms.answers.length >= wanted, `${wanted} answers`);
  const configuration = await barrier(rig);
  const answers = withoutBarriers(rig.csms.answers);

  checkAnswers(frames, expected, answers, { stats: rig.stats, validCallMayBeRefused: true });

  check(
    rig.csms.connections() === connectionsBefore,
    "the charger stays on the same connection",
    rig.csms.connections(),
  );
  check(
    rig.link.status.status === "connected",
    "the charger still reports connected",
    rig.link.status,
  );
  if (expected.every((e) => e.answer !== "any")) {
    check(
      JSON.stringify(configuration) === JSON.stringify(rig.configuration),
      "refused frames leave the configuration unchanged",
      { before: rig.configuration, after: configuration },
    );
    check(
      JSON.stringify(rig.link.station.overrides) === overridesBefore,
      "refused frames leave the stored overrides unchanged",
    );
  }
  rig.configuration = configuration;
  check(
    !rig.logs.some((line) => line.includes("strict validation failed (outbound")),
    "the charger never sends a reply that breaks the schemas",
    rig.logs.filter((line) => line.includes("(outbound")),
  );
}
