// Property-based fuzzing of the demo central system (fast-check): a charge point sends arbitrary
// text, JSON arrays, CALLs of real OCPP 1.6 actions with mutated payloads and answers to calls
// nobody made. Shared by fuzz.int.test.ts and bench/fuzz.ts. (The same OCPP-J oracle as the
// virtual charger's fuzzing, from the other side: services do not import each other.)
//
// OCPP-J 1.6 (§4.1-4.2) as ocpp-rpc implements it: an empty message is ignored; a CALLRESULT or
// CALLERROR is never answered; anything else is answered with a CALLERROR
// [4, id, code, description, details], whose id is the CALL's UniqueId when the message is a
// CALL with a string UniqueId ("-1" otherwise); a schema-valid CALL of a handled action may get
// a CALLRESULT instead. Every batch is at most 4 frames and ends with a valid BootNotification,
// so the server's maxBadMessages (10 bad messages in a row close the socket) is never reached.
import fc from "fast-check";
import WebSocket from "ws";
import { ocppSchemaProblem, type Ocpp16Action } from "@plugboard/ocpp16";
import { startDemoCsms, type DemoCsms } from "./demo-csms";
import { csmsHandlers } from "./handlers";

// ---------------------------------------------------------------- arbitraries

/** A valid request of every charge-point-initiated 1.6 action (mutation starting points). */
const VALID_REQUESTS = {
  BootNotification: {
    chargePointVendor: "Wall Box Chargers",
    chargePointModel: "PLP1",
    firmwareVersion: "6.2.14",
  },
  Heartbeat: {},
  StatusNotification: { connectorId: 1, errorCode: "NoError", status: "Available" },
  Authorize: { idTag: "TAG-1" },
  StartTransaction: {
    connectorId: 1,
    idTag: "TAG-1",
    meterStart: 0,
    timestamp: "2030-01-01T00:00:00.000Z",
  },
  StopTransaction: {
    transactionId: 1,
    meterStop: 10,
    timestamp: "2030-01-01T00:00:00.000Z",
    reason: "Local",
  },
  MeterValues: {
    connectorId: 1,
    meterValue: [{ timestamp: "2030-01-01T00:00:00.000Z", sampledValue: [{ value: "10" }] }],
  },
  DataTransfer: { vendorId: "com.wallbox", messageId: "x", data: "y" },
  FirmwareStatusNotification: { status: "Idle" },
  DiagnosticsStatusNotification: { status: "Idle" },
  // Central-system-initiated actions: real names, but a charge point does not send them.
  Reset: { type: "Soft" },
  GetConfiguration: {},
  RemoteStartTransaction: { idTag: "TAG-1" },
} satisfies Partial<Record<Ocpp16Action, unknown>>;

export const OCPP_ACTIONS = Object.keys(VALID_REQUESTS) as Array<keyof typeof VALID_REQUESTS>;

/** The valid requests as they are, and with random optional/free-text fields. */
const validCall: fc.Arbitrary<{ action: string; payload: unknown }> = fc
  .oneof(
    fc
      .constantFrom(...OCPP_ACTIONS.slice(0, 10))
      .map((action) => ({ action: action as string, payload: VALID_REQUESTS[action] })),
    fc
      .record(
        {
          chargePointVendor: fc.string({ unit: "binary", maxLength: 20 }),
          chargePointModel: fc.string({ unit: "binary", maxLength: 20 }),
          firmwareVersion: fc.string({ unit: "binary", maxLength: 50 }),
        },
        { requiredKeys: ["chargePointVendor", "chargePointModel"] },
      )
      .map((payload) => ({ action: "BootNotification", payload })),
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
  )
  .filter(
    ({ action, payload }) => ocppSchemaProblem(action as Ocpp16Action, "req", payload) === null,
  );

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
  // Malformed CALLs only (valid ones come from validCall).
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

export type CsmsFuzzFrame = string;

export const csmsFuzzFrame: fc.Arbitrary<CsmsFuzzFrame> = fc.oneof(
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
      .tuple(fc.uuid(), validCall)
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
      .map((d) => `[2,"deep","BootNotification",${"[".repeat(d)}${"]".repeat(d)}]`),
  },
);

export const csmsFuzzBatch = fc.array(csmsFuzzFrame, { minLength: 1, maxLength: 4 });

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

// ---------------------------------------------------------------- rig and property

export interface CsmsFuzzRig {
  csms: DemoCsms;
  identity: string;
  socket: WebSocket;
  /** Every CALLRESULT/CALLERROR the central system sent, in arrival order. */
  answers: unknown[];
  logs: string[];
  stats: { cases: number; refused: number; answeredValid: number; reconnects: number };
  close(): Promise<void>;
}

const ANSWER_TIMEOUT_MS = 5_000;
let barrierCounter = 0;

function connectCharger(
  rig: Pick<CsmsFuzzRig, "csms" | "identity" | "answers">,
): Promise<WebSocket> {
  const ws = new WebSocket(`${rig.csms.url}/${rig.identity}`, ["ocpp1.6"]);
  ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as unknown[];
    // The demo central system calls a charger only when asked to (setPolicy, HTTP API).
    rig.answers.push(frame);
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

export async function startCsmsFuzzRig(): Promise<CsmsFuzzRig> {
  const logs: string[] = [];
  const csms = await startDemoCsms({
    port: 0,
    log: (line) => {
      logs.push(line);
      if (logs.length > 1_000) logs.splice(0, 500);
    },
  });
  const partial = { csms, identity: "FUZZ-CP-1", answers: [] as unknown[] };
  const rig: CsmsFuzzRig = {
    ...partial,
    socket: await connectCharger(partial),
    logs,
    stats: { cases: 0, refused: 0, answeredValid: 0, reconnects: 0 },
    async close() {
      rig.socket.terminate();
      await csms.close();
    },
  };
  await barrier(rig);
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

/** A valid BootNotification: must get an Accepted CALLRESULT. */
async function barrier(rig: CsmsFuzzRig): Promise<void> {
  const id = `barrier-${++barrierCounter}`;
  check(rig.socket.readyState === WebSocket.OPEN, "the charge point is still connected");
  rig.socket.send(JSON.stringify([2, id, "BootNotification", VALID_REQUESTS.BootNotification]));
  let answer: unknown[] | undefined;
  await until(() => {
    answer = rig.answers.find((a) => Array.isArray(a) && a[1] === id) as unknown[] | undefined;
    return answer !== undefined;
  }, "the answer to a valid BootNotification");
  check(answer![0] === 3, "a valid BootNotification gets a CALLRESULT", answer);
  check(
    ocppSchemaProblem("BootNotification", "conf", answer![2]) === null,
    "BootNotification.conf is valid",
    answer,
  );
  check(
    (answer![2] as { status?: string }).status === "Accepted",
    "the charge point is accepted",
    answer,
  );
}

async function healthy(csms: DemoCsms): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${csms.port}/health`);
  check(response.status === 200, "GET /health answers 200", response.status);
}

/**
 * The property for one batch of frames from a charge point:
 * - every message but an empty one, a CALLRESULT or a CALLERROR is answered; a refused one with
 *   a CALLERROR of 5 elements, messageTypeId 4, the CALL's UniqueId when it had one; a valid
 *   CALL with a CALLRESULT valid for its action (never InternalError);
 * - nothing is answered that should not be;
 * - the server stays up: the socket stays open, a valid BootNotification is still accepted,
 *   GET /health answers.
 */
export async function checkCsmsBatch(rig: CsmsFuzzRig, frames: CsmsFuzzFrame[]): Promise<void> {
  rig.stats.cases += 1;
  if (rig.socket.readyState !== WebSocket.OPEN) {
    // A failed case (fast-check then shrinks on the same rig) may have left the socket closed.
    rig.stats.reconnects += 1;
    rig.socket = await connectCharger(rig);
  }
  const handled = new Set(Object.keys(csmsHandlers));
  // What arrives: ws encodes text as UTF-8, so an unpaired surrogate arrives as U+FFFD.
  const expected = frames.map((text) =>
    expectedAnswer(Buffer.from(text, "utf8").toString("utf8"), handled),
  );
  const start = rig.answers.length;
  let closed: { code: number; reason: string } | null = null;
  const onClose = (code: number, reason: Buffer) => (closed = { code, reason: reason.toString() });
  rig.socket.once("close", onClose);
  for (const text of frames) rig.socket.send(text);
  const wanted = expected.filter((e) => e.answer !== "none").length;
  try {
    await until(() => closed !== null || rig.answers.length - start >= wanted, `${wanted} answers`);
    check(closed === null, "the socket stays open", closed);
    await barrier(rig);
  } finally {
    rig.socket.off("close", onClose);
  }
  const answers = rig.answers
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
      check(a.length === 3 && a[0] === 3, "a valid CALL gets a CALLRESULT", {
        frame: frames[i],
        answer,
      });
      check(
        ocppSchemaProblem(e.action as Ocpp16Action, "conf", a[2]) === null,
        "a CALLRESULT is valid for its action",
        { frame: frames[i], answer },
      );
    }
  }
  check(
    rig.csms.connectedIdentities().includes(rig.identity),
    "the server still lists the charge point",
  );
  await healthy(rig.csms);
}
