// Property-based fuzzing of the demo central system (fast-check): a charge point sends arbitrary
// text, JSON arrays, CALLs of real OCPP 1.6 actions with mutated payloads and answers to calls
// nobody made. Shared by fuzz.int.test.ts and bench/fuzz.ts. The frames and the OCPP-J oracle
// are @plugboard/fuzzing's, the same as the virtual charger's fuzzing from the other side.
//
// Every batch is at most 4 frames and ends with a valid BootNotification,
// so the server's maxBadMessages (10 bad messages in a row close the socket) is never reached.
import fc from "fast-check";
import WebSocket from "ws";
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
import { startDemoCsms, type DemoCsms } from "../demo-csms";
import { csmsHandlers } from "../handlers";

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
const validCall: fc.Arbitrary<OcppCall> = fc
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
  .filter(({ action, payload }) => isValidRequest(action, payload));

export type CsmsFuzzFrame = string;

export const csmsFuzzFrame: fc.Arbitrary<CsmsFuzzFrame> = ocppJFrame({
  validRequests: VALID_REQUESTS,
  validCalls: validCall,
  deepAction: "BootNotification",
});

export const csmsFuzzBatch = ocppJBatch(csmsFuzzFrame);

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

/** A valid BootNotification: must get an Accepted CALLRESULT. */
async function barrier(rig: CsmsFuzzRig): Promise<void> {
  const id = `${BARRIER_PREFIX}${++barrierCounter}`;
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
  const expected = frames.map((text) => expectedAnswer(asReceived(text), handled));
  // Answers of earlier cases are checked already: dropping them keeps each case's search short
  // (kept, 100,000 cases made every barrier scan hundreds of thousands of answers).
  rig.answers.length = 0;
  let closed: { code: number; reason: string } | null = null;
  const onClose = (code: number, reason: Buffer) => (closed = { code, reason: reason.toString() });
  rig.socket.once("close", onClose);
  for (const text of frames) rig.socket.send(text);
  const wanted = expected.filter((e) => e.answer !== "none").length;
  try {
    await until(() => closed !== null || rig.answers.length >= wanted, `${wanted} answers`);
    check(closed === null, "the socket stays open", closed);
    await barrier(rig);
  } finally {
    rig.socket.off("close", onClose);
  }
  const answers = withoutBarriers(rig.answers);

  checkAnswers(frames, expected, answers, { stats: rig.stats, validCallMayBeRefused: false });
  check(
    rig.csms.connectedIdentities().includes(rig.identity),
    "the server still lists the charge point",
  );
  await healthy(rig.csms);
}
