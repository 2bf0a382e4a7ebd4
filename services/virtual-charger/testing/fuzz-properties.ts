// Property-based fuzzing of the virtual charger's OCPP-J client (fast-check): a hostile central
// system sends arbitrary text, JSON arrays, CALLs of real OCPP 1.6 actions with mutated payloads
// and CALLRESULT/CALLERRORs for unknown ids. Shared by ocpp/ocpp-fuzz.int.test.ts and
// bench/fuzz.ts.
//
// The oracle is OCPP-J 1.6 (§4.1-4.2) as ocpp-rpc implements it: an empty message is ignored;
// a CALLRESULT/CALLERROR is never answered; anything else is answered with a CALLERROR
// [4, id, code, description, details], whose id is the CALL's UniqueId when the message is a
// CALL with a string UniqueId ("-1" when the message has none, ocpp-rpc's convention); a
// schema-valid CALL of an action the charger handles may get a CALLRESULT instead.
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { WebSocketServer, type WebSocket } from "ws";
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

export const OCPP_ACTIONS = Object.keys(VALID_REQUESTS) as Array<keyof typeof VALID_REQUESTS>;

/** Text JSON can carry but storage and logs may choke on. */
const nastyText = fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udc00", "\ufeff", "\u202e");
const oversized = fc
  .constantFrom(21, 51, 501, 4_096, 70_000)
  .chain((n) => fc.constantFrom("A", "é", "🔌").map((unit) => unit.repeat(n)));

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, -(2 ** 53), "", "x", [], {}, [[]], "NaN"),
  nastyText,
  fc.double(),
  fc.string({ unit: "binary", maxLength: 20 }),
  oversized,
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 10, max: 200 }).map((d) => JSON.parse("[".repeat(d) + "]".repeat(d))),
);

type Path = Array<string | number>;
type Mutation =
  | { op: "remove" }
  | { op: "replace"; value: unknown }
  | { op: "addKey"; key: string; value: unknown };

function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (at.length > 0) out.push(at);
  if (at.length >= 6) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

function mutateAt(root: unknown, path: Path, mutation: Mutation): unknown {
  if (root === undefined) return mutation.op === "replace" ? mutation.value : undefined;
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  if (path.length === 0) {
    if (mutation.op === "replace") return mutation.value;
    if (mutation.op === "remove") return undefined;
    return copy && typeof copy === "object" && !Array.isArray(copy)
      ? { ...copy, [mutation.key]: mutation.value }
      : copy;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (mutation.op === "remove") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (mutation.op === "replace") parent[last] = mutation.value;
  else {
    const target = parent[last];
    if (target && typeof target === "object" && !Array.isArray(target))
      Object.defineProperty(target, mutation.key, {
        value: mutation.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else parent[last] = { [mutation.key]: mutation.value };
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ op: "remove" as const }),
  wrongValue.map((value) => ({ op: "replace" as const, value })),
  fc
    .record({
      key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor")),
      value: wrongValue,
    })
    .map(({ key, value }) => ({ op: "addKey" as const, key, value })),
);

/** A real action's valid request with 1-3 mutations, kept only when it breaks the schema. */
export const mutatedCall: fc.Arbitrary<{ action: string; payload: unknown }> = fc
  .constantFrom(...OCPP_ACTIONS)
  .chain((action) =>
    fc
      .array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), mutation), { minLength: 1, maxLength: 3 })
      .map((steps) => {
        const payload = steps.reduce<unknown>((current, [pick, rootChance, m]) => {
          const paths = pathsOf(current);
          // Now and then the payload itself (wrong type at the root, removed).
          const path = rootChance === 0 || paths.length === 0 ? [] : paths[pick % paths.length]!;
          return mutateAt(current, path, m);
        }, VALID_REQUESTS[action]);
        return { action: action as string, payload };
      }),
  )
  // Malformed CALLs only: a mutation that happens to stay valid (say, removing an optional
  // field of Reset) would reboot the charger, which is not what this property is about.
  .filter(
    ({ action, payload }) => ocppSchemaProblem(action as Ocpp16Action, "req", payload) !== null,
  );

const messageId = fc.oneof(
  fc.string({ unit: "binary", maxLength: 36 }),
  fc.uuid(),
  fc.constantFrom("", "-1", "__proto__", "constructor"),
  oversized,
);
const action = fc.oneof(
  fc.constantFrom(...OCPP_ACTIONS),
  fc.string({ maxLength: 20 }),
  fc.constantFrom("__proto__", "constructor", "toString", "getconfiguration"),
);

/** Schema-valid calls that read or trigger but change nothing: the charger must answer validly. */
const harmlessValidCall: fc.Arbitrary<{ action: string; payload: unknown }> = fc
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
  .filter(
    ({ action, payload }) => ocppSchemaProblem(action as Ocpp16Action, "req", payload) === null,
  );

export type OcppFuzzFrame = string;

export const ocppFuzzFrame: fc.Arbitrary<OcppFuzzFrame> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 120 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("", " ", "[]", "{}", "null", "[2]", '[2,"a"]', "[2,1,2,3]", "[3]"),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 })
      .map((a) => JSON.stringify(a)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(2, 3, 4, 0, 5, 2.5, -2, "2"), messageId, action, wrongValue)
      .map((t) => JSON.stringify(t)),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(messageId, mutatedCall)
      .map(([id, c]) => JSON.stringify([2, id, c.action, c.payload])),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(messageId, action).map(([id, a]) => JSON.stringify([2, id, a])),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.uuid(), harmlessValidCall)
      .map(([id, c]) => JSON.stringify([2, id, c.action, c.payload])),
  },
  // Answers to calls nobody made.
  {
    weight: 2,
    arbitrary: fc
      .tuple(messageId, fc.jsonValue({ maxDepth: 2 }))
      .map(([id, p]) => JSON.stringify([3, id, p])),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        messageId,
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([id, code, text, details]) => JSON.stringify([4, id, code, text, details])),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 30_000 })
      .map((d) => `[2,"deep","Reset",${"[".repeat(d)}${"]".repeat(d)}]`),
  },
);

export const ocppFuzzBatch = fc.array(ocppFuzzFrame, { minLength: 1, maxLength: 4 });

// ---------------------------------------------------------------- oracle

export type Expected =
  | { answer: "none" }
  /** A CALLERROR whose UniqueId is `id`. */
  | { answer: "error"; id: string }
  /** A schema-valid CALL: a CALLRESULT valid for `action`, or a CALLERROR, with this id. */
  | { answer: "any"; id: string; action: string };

/**
 * What OCPP-J says the receiver of `text` answers. `handled` are the actions with a handler
 * (NotImplemented CALLERROR for the others). Refused: everything but "any".
 */
export function expectedAnswer(text: string, handled: ReadonlySet<string>): Expected {
  if (text.length === 0) return { answer: "none" }; // ocpp-rpc ignores empty messages
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { answer: "error", id: "-1" };
  }
  if (!Array.isArray(frame) || typeof frame[0] !== "number") return { answer: "error", id: "-1" };
  const [type, id, method, params] = frame as [number, unknown, unknown, unknown];
  if (type === 3 || type === 4) return { answer: "none" }; // results are never answered
  if (type !== 2 || typeof id !== "string") return { answer: "error", id: "-1" };
  if (typeof method !== "string" || !handled.has(method)) return { answer: "error", id };
  if (ocppSchemaProblem(method as Ocpp16Action, "req", params) !== null)
    return { answer: "error", id };
  return { answer: "any", id, action: method };
}

export function isWellFormedCallError(
  frame: unknown,
): frame is [4, string, string, string, object] {
  return (
    Array.isArray(frame) &&
    frame.length === 5 &&
    frame[0] === 4 &&
    typeof frame[1] === "string" &&
    typeof frame[2] === "string" &&
    typeof frame[3] === "string" &&
    typeof frame[4] === "object" &&
    frame[4] !== null &&
    !Array.isArray(frame[4])
  );
}

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

const ANSWER_TIMEOUT_MS = 5_000;
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

class PropertyFailure extends Error {}
function check(condition: unknown, message: string, detail?: unknown): asserts condition {
  if (!condition)
    throw new PropertyFailure(detail === undefined ? message : `${message}: ${short(detail)}`);
}
function short(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new PropertyFailure(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A valid GetConfiguration: must get a CALLRESULT; returns the whole configuration. */
async function barrier(rig: OcppFuzzRig): Promise<unknown> {
  const id = `barrier-${++barrierCounter}`;
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
  // What arrives: ws encodes text as UTF-8, so an unpaired surrogate arrives as U+FFFD.
  const expected = frames.map((text) =>
    expectedAnswer(Buffer.from(text, "utf8").toString("utf8"), handled),
  );
  const connectionsBefore = rig.csms.connections();
  const overridesBefore = JSON.stringify(rig.link.station.overrides);
  const socket = rig.csms.socket();
  check(socket !== null, "the charger is connected at the start of the case");
  const start = rig.csms.answers.length;
  for (const text of frames) socket.send(text);
  const wanted = expected.filter((e) => e.answer !== "none").length;
  // Answers to valid calls may come after the barrier's; errors come in order, before it.
  await until(() => rig.csms.answers.length - start >= wanted, `${wanted} answers`);
  const configuration = await barrier(rig);
  const answers = rig.csms.answers
    .slice(start)
    .filter((a) => !(Array.isArray(a) && String(a[1]).startsWith("barrier-")));

  check(answers.length === wanted, `exactly ${wanted} answers`, { frames, answers });
  const pending = [...answers];
  for (const [i, e] of expected.entries()) {
    if (e.answer === "none") continue;
    const at = pending.findIndex((a) => Array.isArray(a) && a[1] === e.id);
    check(at >= 0, `an answer with UniqueId ${JSON.stringify(e.id)} to frame ${i}`, {
      frame: frames[i],
      answers,
    });
    const [answer] = pending.splice(at, 1);
    if (e.answer === "error") {
      rig.stats.refused += 1;
      check(isWellFormedCallError(answer), "a refused message gets a well-formed CALLERROR", {
        frame: frames[i],
        answer,
      });
    } else {
      rig.stats.answeredValid += 1;
      const a = answer as unknown[];
      check(
        isWellFormedCallError(a) || (a.length === 3 && a[0] === 3),
        "a valid CALL gets a CALLRESULT or a CALLERROR",
        { frame: frames[i], answer },
      );
      if (a[0] === 3)
        check(
          ocppSchemaProblem(e.action as Ocpp16Action, "conf", a[2]) === null,
          "a CALLRESULT is valid for its action",
          { frame: frames[i], answer },
        );
      else
        check(a[2] !== "InternalError", "a valid CALL is not answered InternalError", {
          frame: frames[i],
          answer,
        });
    }
  }

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
