// "Test connection" through the device manager. Not a command: nothing is stored or replayed,
// no shadow changes. It is a question put to the charger's live socket (an `ocpp_test` frame)
// and answered within the test's deadline. The instance that holds the socket asks; any other
// instance forwards the question to it over NOTIFY (the password sealed with the secret key)
// and gets the answer back the same way.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  chargerTestBudgetMs,
  ocppReasonSchema,
  type ManagerFrame,
  type OcppTestResultFrame,
} from "@plugboard/device-contract";
import { decryptSecret, encryptSecret } from "./crypto";
import { CHANNELS, type DmHandle } from "./db";
import type { ChargerRow } from "./db/schema";
import { errorMessage, type Logger } from "./logger";

/** What is tested: the URL, the identity and the password (if any), all given by the caller. */
export interface OcppTestRequest {
  url: string;
  identity: string;
  password?: string;
}

/** The charger's answer, or why there is none. */
export type OcppTestOutcome =
  | { outcome: "connected"; durationMs: number }
  | { outcome: "failed"; reason: string; message: string; durationMs: number }
  | { outcome: "charger_offline" | "charger_busy" | "charger_no_answer" };

/** Time kept for the answer's trip back from another instance. */
const FORWARD_RETURN_MS = 500;

const outcomeSchema: z.ZodType<OcppTestOutcome> = z.union([
  z.object({ outcome: z.literal("connected"), durationMs: z.number().int().min(0) }),
  z.object({
    outcome: z.literal("failed"),
    reason: ocppReasonSchema,
    message: z.string().max(500),
    durationMs: z.number().int().min(0),
  }),
  z.object({ outcome: z.enum(["charger_offline", "charger_busy", "charger_no_answer"]) }),
]);

/** A question forwarded to the instance holding the socket (NOTIFY payload, < 8000 bytes). */
const forwardedSchema = z.object({
  testId: z.uuid(),
  serial: z.string().min(1).max(64),
  from: z.string().min(1).max(128),
  to: z.string().min(1).max(128),
  url: z.string().max(512),
  identity: z.string().max(48),
  /** Sealed with the secret key, bound to the test id; absent = no password. */
  sealedPassword: z.string().max(512).optional(),
  deadlineMs: z.number().int().min(1),
});

const answeredSchema = z.object({
  testId: z.uuid(),
  to: z.string().min(1).max(128),
  result: outcomeSchema,
});

export interface OcppTestsOptions {
  handle: DmHandle;
  instanceId: string;
  secretKey: Buffer;
  log: Logger;
  /** Sends to the charger's socket if this instance holds it (claimed and open); else false. */
  sendLocal(serial: string, frame: ManagerFrame): boolean;
  holdsLocally(serial: string): boolean;
}

export interface OcppTests {
  /** Tests from the charger, wherever its socket is; never rejects, never outlives the deadline. */
  run(charger: ChargerRow, request: OcppTestRequest, deadlineMs: number): Promise<OcppTestOutcome>;
  /** An `ocpp_test_result` frame from a charger on this instance. */
  onResult(serial: string, frame: OcppTestResultFrame): void;
  /** The charger's socket on this instance closed: its tests in flight end as offline. */
  onClosed(serial: string): void;
  close(): Promise<void>;
}

interface Pending {
  serial: string;
  /** Sent on this instance's socket (a close ends it), or forwarded to another instance. */
  local: boolean;
  settle(outcome: OcppTestOutcome): void;
}

export async function startOcppTests(options: OcppTestsOptions): Promise<OcppTests> {
  const { handle, instanceId, secretKey, log } = options;
  const pending = new Map<string, Pending>();
  /** Serials with a test running on this instance's socket: one at a time per charger. */
  const running = new Set<string>();

  function wait(testId: string, serial: string, local: boolean, deadlineMs: number) {
    return new Promise<OcppTestOutcome>((resolve) => {
      const timer = setTimeout(() => settle({ outcome: "charger_no_answer" }), deadlineMs);
      function settle(outcome: OcppTestOutcome) {
        if (pending.get(testId)?.settle !== settle) return;
        pending.delete(testId);
        clearTimeout(timer);
        resolve(outcome);
      }
      pending.set(testId, { serial, local, settle });
    });
  }

  async function runLocal(
    serial: string,
    request: OcppTestRequest,
    deadlineMs: number,
  ): Promise<OcppTestOutcome> {
    if (running.has(serial)) return { outcome: "charger_busy" };
    const testId = randomUUID();
    running.add(serial);
    try {
      const answer = wait(testId, serial, true, deadlineMs);
      const sent = options.sendLocal(serial, {
        type: "ocpp_test",
        testId,
        url: request.url,
        identity: request.identity,
        ...(request.password ? { password: request.password } : {}),
        timeoutMs: chargerTestBudgetMs(deadlineMs),
      });
      if (!sent) pending.get(testId)?.settle({ outcome: "charger_offline" });
      return await answer;
    } finally {
      running.delete(serial);
    }
  }

  async function forward(
    charger: ChargerRow,
    to: string,
    request: OcppTestRequest,
    deadlineMs: number,
  ): Promise<OcppTestOutcome> {
    const testId = randomUUID();
    const answer = wait(testId, charger.serial, false, deadlineMs);
    const question = {
      testId,
      serial: charger.serial,
      from: instanceId,
      to,
      url: request.url,
      identity: request.identity,
      ...(request.password
        ? { sealedPassword: encryptSecret(secretKey, request.password, testId) }
        : {}),
      deadlineMs: Math.max(1, deadlineMs - FORWARD_RETURN_MS),
    };
    try {
      await handle.notify(CHANNELS.ocppTest, JSON.stringify(question));
    } catch (error) {
      log.error("forwarding a connection test failed", {
        serial: charger.serial,
        error: errorMessage(error),
      });
      pending.get(testId)?.settle({ outcome: "charger_no_answer" });
    }
    return answer;
  }

  /** A question from another instance: run it if it is for us, then send the answer back. */
  async function answerForwarded(payload: string): Promise<void> {
    const parsed = forwardedSchema.safeParse(safeJson(payload));
    if (!parsed.success || parsed.data.to !== instanceId) return;
    const question = parsed.data;
    let password: string | undefined;
    try {
      password = question.sealedPassword
        ? decryptSecret(secretKey, question.sealedPassword, question.testId)
        : undefined;
    } catch {
      log.warn("connection test with an unreadable password ignored", { serial: question.serial });
      return;
    }
    const result = options.holdsLocally(question.serial)
      ? await runLocal(
          question.serial,
          { url: question.url, identity: question.identity, ...(password ? { password } : {}) },
          question.deadlineMs,
        )
      : ({ outcome: "charger_offline" } as const);
    await handle
      .notify(
        CHANNELS.ocppTestResult,
        JSON.stringify({ testId: question.testId, to: question.from, result }),
      )
      .catch((error: unknown) =>
        log.error("answering a forwarded connection test failed", {
          serial: question.serial,
          error: errorMessage(error),
        }),
      );
  }

  const unlisten = [
    // answerForwarded catches and logs its own failures
    await handle.listen(CHANNELS.ocppTest, (payload) => void answerForwarded(payload)),
    await handle.listen(CHANNELS.ocppTestResult, (payload) => {
      const parsed = answeredSchema.safeParse(safeJson(payload));
      if (!parsed.success || parsed.data.to !== instanceId) return;
      const entry = pending.get(parsed.data.testId);
      if (entry && !entry.local) entry.settle(parsed.data.result);
    }),
  ];

  return {
    async run(charger, request, deadlineMs) {
      if (options.holdsLocally(charger.serial))
        return runLocal(charger.serial, request, deadlineMs);
      const holder = charger.online ? charger.connectedInstanceId : null;
      if (holder && holder !== instanceId) return forward(charger, holder, request, deadlineMs);
      return { outcome: "charger_offline" };
    },
    onResult(serial, frame) {
      const entry = pending.get(frame.testId);
      // Only the charger that was asked may answer.
      if (!entry?.local || entry.serial !== serial) return;
      if (frame.outcome === "busy") return entry.settle({ outcome: "charger_busy" });
      if (frame.outcome === "connected")
        return entry.settle({ outcome: "connected", durationMs: frame.durationMs });
      entry.settle({
        outcome: "failed",
        reason: frame.reason ?? "unknown",
        message: frame.message ?? "",
        durationMs: frame.durationMs,
      });
    },
    onClosed(serial) {
      for (const entry of [...pending.values()])
        if (entry.local && entry.serial === serial) entry.settle({ outcome: "charger_offline" });
    },
    async close() {
      for (const stop of unlisten) await stop().catch(() => undefined);
      for (const entry of [...pending.values()]) entry.settle({ outcome: "charger_no_answer" });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
