// Property-based fuzzing of the device channel (fast-check): arbitrary and near-valid frames
// from a connected charger. Shared by fuzz.int.test.ts and bench/fuzz.ts.
//
// The oracle is the device contract itself (chargerFrameSchema, MAX_FRAME_BYTES,
// MAX_CONSECUTIVE_BAD_FRAMES): for each batch of frames it predicts which are refused (and with
// which error code), whether the manager must close the socket, and what valid frames answer.
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, max } from "drizzle-orm";
import fc from "fast-check";
import WebSocket from "ws";
import {
  check,
  jsonMutation,
  mutated,
  nastyText,
  oversizedText,
  short,
  within,
  wrongValue,
} from "@plugboard/fuzzing";
import {
  CLOSE_CODES,
  MAX_CONSECUTIVE_BAD_FRAMES,
  MAX_FRAME_BYTES,
  chargerFrameSchema,
  errorFrameSchema,
  managerFrameSchema,
  type ChargerFrame,
  type ManagerFrame,
} from "@plugboard/device-contract";
import { chargers, chargingSessions, commands, outbox } from "../db/schema";
import type { DeviceManager } from "../server";
import { FakeCharger } from "./fake-charger";
import { registerTestCharger, startTestManager, waitFor, type ManagerDatabase } from "./harness";

/** One frame as sent by the charger: JSON text (possibly not JSON at all) or binary. */
export type FuzzFrame = { text: string } | { binary: Uint8Array };

// ---------------------------------------------------------------- arbitraries

/** Oversized strings: above the field limits (64, 200, 500) and above the frame limit. */
const oversized = oversizedText(
  [65, 201, 501, 4_096, MAX_FRAME_BYTES + 1],
  ["A", "é", "\u0000", "🔌"],
);

const isoTime = fc
  .date({
    min: new Date("2020-01-01T00:00:00Z"),
    max: new Date("2030-01-01T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
const connector = fc.record({
  id: fc.integer({ min: 1, max: 16 }),
  status: fc.constantFrom("Available", "Preparing", "Charging", "Faulted"),
});
// Feature names that are valid and some that tempt prototype lookups.
const featureName = fc.oneof(
  fc.constantFrom("powerBoost", "mid", "constructor", "toString", "hasOwnProperty", "__proto__"),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,10}$/),
);
const features = fc.dictionary(
  featureName,
  fc.oneof(fc.boolean(), fc.double(), fc.string({ unit: "binary", maxLength: 10 }), nastyText),
  {
    maxKeys: 3,
  },
);
const reported = {
  firmware: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 64 }), nastyText),
  lifecycle: fc.constantFrom("running", "restarting", "updating"),
  appliedConfigVersion: fc.nat(),
  ocpp: fc.record({ status: fc.constantFrom("disabled", "connecting", "connected", "error") }),
  connectors: fc.array(connector, { maxLength: 3 }),
  features,
  hmi: fc.record({
    halo: fc.constantFrom("off", "green", "yellow", "blue", "red"),
    locked: fc.boolean(),
  }),
};
const session = fc.record({
  sessionId: fc.uuid(),
  status: fc.constantFrom("started", "updated"),
  connectorId: fc.integer({ min: 1, max: 16 }),
  transactionId: fc.constant(null),
  anonymous: fc.constant(true),
  startedAt: isoTime,
  meterStartWh: fc.nat({ max: 1_000_000 }),
  meterWh: fc.nat({ max: 1_000_000 }),
  energyWh: fc.nat({ max: 1_000_000 }),
  powerW: fc.nat({ max: 22_000 }),
  sampledAt: isoTime,
});

/** Frames that follow the real frame schemas (the starting points of the mutations). */
export const validChargerFrame: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    { type: fc.constant("hello"), ...reported },
    {
      requiredKeys: [
        "type",
        "firmware",
        "lifecycle",
        "appliedConfigVersion",
        "ocpp",
        "connectors",
        "features",
      ],
    },
  ),
  fc.record({ type: fc.constant("state"), ...reported }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("command_ack"), commandId: fc.uuid() }),
  fc.record(
    {
      type: fc.constant("command_result"),
      commandId: fc.uuid(),
      status: fc.constantFrom("applied", "failed"),
      reason: fc.string({ maxLength: 500 }),
    },
    { requiredKeys: ["type", "commandId", "status"] },
  ),
  fc.record({
    type: fc.constant("session"),
    reportSeq: fc.integer({ min: 1, max: 1_000 }),
    session,
  }),
);

/** A real frame with 1-3 fields removed, replaced by a wrong type / oversized value, or added. */
export const nearValidChargerFrame: fc.Arbitrary<unknown> = validChargerFrame.chain((frame) =>
  mutated(
    frame,
    jsonMutation(
      wrongValue(oversized),
      fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constant("type"), oversized),
    ),
  ),
);

/** Thousands of levels of nesting in a field (as text: JSON.stringify itself would overflow). */
const deeplyNested: fc.Arbitrary<FuzzFrame> = fc
  .record({ depth: fc.integer({ min: 1_000, max: 30_000 }), open: fc.constantFrom("[", '{"a":') })
  .map(({ depth, open }) => ({
    text: `{"type":"state","features":${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}}`,
  }));

const textFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 200 }).map((text) => ({ text })) },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ text: `{"type":"state",${text}` })),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ text: JSON.stringify(v) })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ type: fc.string({ maxLength: 12 }) })
      .map((v) => ({ text: JSON.stringify(v) })),
  },
  {
    weight: 6,
    arbitrary: nearValidChargerFrame.map((v) => ({ text: JSON.stringify(v) ?? "undefined" })),
  },
  {
    weight: 1,
    arbitrary: oversized.map((s) => ({ text: JSON.stringify({ type: "state", firmware: s }) })),
  },
  { weight: 1, arbitrary: deeplyNested },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { text: "" },
      { text: "null" },
      { text: "[]" },
      { text: "{}" },
      { text: " " },
    ),
  },
);

export const fuzzFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { weight: 12, arbitrary: textFrame },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((binary) => ({ binary })) },
);

/** A case: a few frames sent back to back (long enough runs reach the bad-frame limit). */
export const fuzzBatch: fc.Arbitrary<FuzzFrame[]> = fc.array(fuzzFrame, {
  minLength: 1,
  maxLength: MAX_CONSECUTIVE_BAD_FRAMES + 2,
});

// ---------------------------------------------------------------- oracle

type Expectation = {
  /** Error codes answered synchronously to refused frames, in order. */
  refusals: Array<"invalid_json" | "invalid_frame" | "binary_not_supported">;
  /** Valid acks/results: each is answered unknown_command (the charger has no commands). */
  unknownCommands: number;
  /** Valid session reports: each is acknowledged. */
  sessionAcks: Array<{ sessionId: string; reportSeq: number }>;
  /** The close the manager must make, if any. */
  close: { code: number; reason?: string } | null;
  /** Frames actually sent (frames after an expected close are not sent). */
  sent: number;
  allRefused: boolean;
  /** Strings of the frames longer than a field name may be (64): never echoed in an error. */
  longStrings: string[];
};

function byteLength(frame: FuzzFrame): number {
  return "binary" in frame ? frame.binary.byteLength : Buffer.byteLength(frame.text, "utf8");
}

/** Iterative: frames nest thousands deep on purpose. */
function collectLongStrings(root: unknown, out: string[]): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      if (value.length > 64) out.push(value);
    } else if (Array.isArray(value)) stack.push(...value);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        if (k.length > 64) out.push(k);
        stack.push(v);
      }
  }
}

export function expectFor(frames: FuzzFrame[]): Expectation {
  const e: Expectation = {
    refusals: [],
    unknownCommands: 0,
    sessionAcks: [],
    close: null,
    sent: 0,
    allRefused: true,
    longStrings: [],
  };
  let bad = 0;
  for (const frame of frames) {
    e.sent += 1;
    if (byteLength(frame) > MAX_FRAME_BYTES) {
      e.close = { code: CLOSE_CODES.tooBig };
      break;
    }
    let valid: ChargerFrame | null = null;
    if ("binary" in frame) e.refusals.push("binary_not_supported");
    else {
      let json: unknown;
      let isJson = true;
      try {
        // What arrives: ws encodes text as UTF-8, so an unpaired surrogate arrives as U+FFFD.
        json = JSON.parse(Buffer.from(frame.text, "utf8").toString("utf8"));
      } catch {
        isJson = false;
      }
      if (!isJson) e.refusals.push("invalid_json");
      else {
        collectLongStrings(json, e.longStrings);
        const parsed = chargerFrameSchema.safeParse(json);
        if (parsed.success) valid = parsed.data;
        else e.refusals.push("invalid_frame");
      }
    }
    if (valid === null) {
      bad += 1;
      if (bad >= MAX_CONSECUTIVE_BAD_FRAMES) {
        e.close = { code: CLOSE_CODES.policyViolation, reason: "protocol_error" };
        break;
      }
      continue;
    }
    bad = 0;
    e.allRefused = false;
    if (valid.type === "command_ack" || valid.type === "command_result") e.unknownCommands += 1;
    if (valid.type === "session")
      e.sessionAcks.push({ sessionId: valid.session.sessionId, reportSeq: valid.reportSeq });
  }
  return e;
}

// ---------------------------------------------------------------- rig and property

export interface DmFuzzRig {
  manager: DeviceManager;
  serial: string;
  secret: string;
  charger: FakeCharger;
  /** Cases run, batches that ended in an expected close, and batches with an accepted frame. */
  stats: { cases: number; closes: number; accepted: number };
  /** The last outbox event of earlier cases: a case's snapshots read only what came after. */
  outboxCursor: number;
  close(): Promise<void>;
}

export async function startDmFuzzRig(database: ManagerDatabase): Promise<DmFuzzRig> {
  const manager = await startTestManager(database, { pingIntervalMs: 60_000 });
  const { serial, secret } = await registerTestCharger(manager, "FUZZ");
  const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
  charger.hello({ firmware: "fuzz-1.0" });
  await waitFor(
    () => manager.database.db.select().from(chargers).where(eq(chargers.serial, serial)),
    (rows) => rows[0]?.firmware === "fuzz-1.0",
    { what: "the fuzz charger's hello" },
  );
  const rig: DmFuzzRig = {
    manager,
    serial,
    secret,
    charger,
    stats: { cases: 0, closes: 0, accepted: 0 },
    outboxCursor: 0,
    async close() {
      await rig.charger.close().catch(() => undefined);
      await manager.close();
    },
  };
  return rig;
}

/** Everything the device manager stores about the charger, as comparable JSON. */
/**
 * The charger's rows; of its outbox, only the events after `sinceOutboxId` (the outbox only
 * grows: read whole, 10,000 cases made every snapshot slower than the last).
 */
export async function snapshotCharger(manager: DeviceManager, serial: string, sinceOutboxId = 0) {
  const db = manager.database.db;
  const [row, cmds, sessions, events] = await Promise.all([
    db.select().from(chargers).where(eq(chargers.serial, serial)),
    db.select().from(commands).where(eq(commands.serial, serial)).orderBy(asc(commands.ordinal)),
    db.select().from(chargingSessions).where(eq(chargingSessions.serial, serial)),
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.serial, serial), gt(outbox.id, sinceOutboxId)))
      .orderBy(asc(outbox.id)),
  ]);
  return JSON.parse(JSON.stringify({ charger: row, commands: cmds, sessions, events })) as {
    charger: Array<Record<string, unknown>>;
    commands: unknown[];
    sessions: unknown[];
    events: Array<Record<string, unknown>>;
  };
}

/** The snapshot without what a reconnect legitimately changes (connection bookkeeping). */
function withoutConnection(snapshot: Awaited<ReturnType<typeof snapshotCharger>>) {
  const connectionColumns = [
    "online",
    "connectedInstanceId",
    "connectionEpoch",
    "eventSeq",
    "lastSeenAt",
    "updatedAt",
  ];
  return {
    charger: snapshot.charger.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([k]) => !connectionColumns.includes(k))),
    ),
    commands: snapshot.commands,
    sessions: snapshot.sessions,
    events: snapshot.events.filter((event) => event.type !== "connection"),
  };
}

async function healthy(manager: DeviceManager): Promise<void> {
  const response = await fetch(`${manager.url}/health`);
  check(response.status === 200, "GET /health answers 200", response.status);
  const body = (await response.json()) as { ok?: boolean };
  check(body.ok === true, "GET /health says ok", body);
}

const ANSWER_TIMEOUT_MS = 5_000;

/** Connects the charger again and checks that a well-formed frame works on the new socket. */
async function reconnect(rig: DmFuzzRig): Promise<void> {
  if (rig.charger.ws.readyState !== WebSocket.CLOSED) rig.charger.ws.terminate();
  rig.charger = await FakeCharger.connect({
    baseUrl: rig.manager.url,
    serial: rig.serial,
    secret: rig.secret,
  });
  rig.charger.send({ type: "command_ack", commandId: randomUUID() });
  await rig.charger.waitFor(
    (got) => got.some((f) => f.type === "error" && f.code === "unknown_command"),
    ANSWER_TIMEOUT_MS,
  );
}

/**
 * The property for one batch:
 * - every refused frame is answered with an error frame of the predicted code, in order, whose
 *   message stays within the contract (names fields, never echoes long values);
 * - a run of MAX_CONSECUTIVE_BAD_FRAMES refused frames closes with 1008 "protocol_error", an
 *   oversized frame with 1009, and nothing else closes the socket;
 * - the manager stays up: /health answers, and a well-formed frame (a command_ack for an unknown
 *   command, answered unknown_command) still works on the same or a reconnected socket;
 * - a batch of refused frames leaves the charger's rows (shadow, commands, sessions, outbox)
 *   unchanged (apart from the connection bookkeeping when the socket was closed).
 */
export async function checkDmBatch(rig: DmFuzzRig, frames: FuzzFrame[]): Promise<void> {
  rig.stats.cases += 1;
  // A failed case (fast-check then shrinks on the same rig) may have left the socket closed.
  if (rig.charger.ws.readyState !== WebSocket.OPEN) await reconnect(rig);
  const expected = expectFor(frames);
  const before = await snapshotCharger(rig.manager, rig.serial, rig.outboxCursor);
  const charger = rig.charger;
  const start = charger.received.length;
  let closedInfo: { code: number; reason: string } | null = null;
  // closed never rejects: it only records the close for the check after the barrier
  void charger.closed.then((info) => (closedInfo = info));

  for (const frame of frames.slice(0, expected.sent)) {
    charger.send("binary" in frame ? Buffer.from(frame.binary) : frame.text);
  }

  if (expected.close === null) {
    // The barrier: a valid frame answered after every earlier frame was handled.
    charger.send({ type: "command_ack", commandId: randomUUID() });
    const wanted = expected.unknownCommands + 1;
    const answered = charger.waitFor(
      (got) =>
        got.slice(start).filter((f) => f.type === "error" && f.code === "unknown_command").length >=
          wanted &&
        got.slice(start).filter((f) => f.type === "session_ack").length >=
          expected.sessionAcks.length,
      ANSWER_TIMEOUT_MS,
    );
    const outcome = await Promise.race([
      answered.then(
        () => ({ answered: true as const }),
        (error: Error) => ({ answered: false as const, error: error.message }),
      ),
      charger.closed.then((info) => ({ answered: false as const, closed: info })),
    ]);
    answered.catch(() => undefined);
    check(outcome.answered, "a well-formed frame is still answered, on an open socket", outcome);
    check(closedInfo === null, "the socket stays open", closedInfo);
  } else {
    rig.stats.closes += 1;
    const info = await within(charger.closed, ANSWER_TIMEOUT_MS, "the expected close");
    check(info.code === expected.close.code, `closed with ${expected.close.code}`, info);
    if (expected.close.reason !== undefined)
      check(info.reason === expected.close.reason, `close reason ${expected.close.reason}`, info);
  }
  if (!expected.allRefused) rig.stats.accepted += 1;

  const answers = charger.received.slice(start);
  for (const answer of answers)
    check(managerFrameSchema.safeParse(answer).success, "every answer is a manager frame", answer);
  const refusals = answers.filter(
    (f): f is Extract<ManagerFrame, { type: "error" }> =>
      f.type === "error" && f.code !== "unknown_command",
  );
  check(
    JSON.stringify(refusals.map((f) => f.code)) === JSON.stringify(expected.refusals),
    `refused frames answered ${short(expected.refusals)}`,
    refusals.map((f) => f.code),
  );
  for (const refusal of refusals) {
    check(errorFrameSchema.safeParse(refusal).success, "error frame within the contract", refusal);
    const echoed = expected.longStrings.find((s) => refusal.message.includes(s));
    check(
      echoed === undefined,
      "an error message names fields, never echoes values",
      refusal.message,
    );
  }
  const acks = answers
    .filter((f) => f.type === "session_ack")
    .map((f) => f.type === "session_ack" && { sessionId: f.sessionId, reportSeq: f.reportSeq });
  // A report is acknowledged once it is stored, so a close for bad frames sent right after it
  // may come first: then the ack is lost and the charger sends the report again (the contract
  // makes that safe). On a closed socket the acks are the expected ones in order, maybe fewer
  // at the end; on an open one, all of them.
  const wantedAcks =
    expected.close === null ? expected.sessionAcks : expected.sessionAcks.slice(0, acks.length);
  check(
    JSON.stringify(acks) === JSON.stringify(wantedAcks),
    expected.close === null
      ? "valid session reports acknowledged"
      : "valid session reports acknowledged in order (the close may overtake the last acks)",
    { acks, expected: expected.sessionAcks },
  );
  check(
    answers.filter((f) => f.type === "command").length === 0,
    "no command is sent (none queued)",
    answers,
  );

  await healthy(rig.manager);

  if (expected.close !== null) {
    // The charger comes back, and a well-formed frame works on the new socket.
    await waitFor(
      () => snapshotCharger(rig.manager, rig.serial, rig.outboxCursor),
      (s) => s.charger[0]?.online === false,
      { what: "offline after the close", timeoutMs: ANSWER_TIMEOUT_MS },
    );
    await reconnect(rig);
  }

  if (expected.allRefused) {
    const after = await snapshotCharger(rig.manager, rig.serial, rig.outboxCursor);
    if (expected.close === null)
      check(JSON.stringify(after) === JSON.stringify(before), "refused frames change no row", {
        before,
        after,
      });
    else
      check(
        JSON.stringify(withoutConnection(after)) === JSON.stringify(withoutConnection(before)),
        "refused frames change no row (beyond the reconnect's bookkeeping)",
        { before: withoutConnection(before), after: withoutConnection(after) },
      );
  }
  const [latest] = await rig.manager.database.db
    .select({ id: max(outbox.id) })
    .from(outbox)
    .where(eq(outbox.serial, rig.serial));
  rig.outboxCursor = latest?.id ?? rig.outboxCursor;
}
