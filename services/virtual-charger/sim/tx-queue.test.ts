import { describe, expect, it } from "vitest";
import {
  assignTransactionId,
  enqueueMessage,
  exhausted,
  hasStart,
  MAX_QUEUED,
  retryDelayMs,
  type QueuedMessage,
} from "./tx-queue";

const start = (sessionId: string): QueuedMessage => ({
  action: "StartTransaction",
  sessionId,
  params: { connectorId: 1, idTag: "A", meterStart: 0, timestamp: "2025-01-01T00:00:00Z" },
  attempts: 0,
});
const meter = (sessionId: string): QueuedMessage => ({
  action: "MeterValues",
  sessionId,
  params: {
    connectorId: 1,
    transactionId: -1,
    meterValue: [{ timestamp: "2025-01-01T00:00:00Z", sampledValue: [{ value: "1" }] }],
  },
  attempts: 0,
});
const stop = (sessionId: string): QueuedMessage => ({
  action: "StopTransaction",
  sessionId,
  params: { meterStop: 1, timestamp: "2025-01-01T00:00:00Z", transactionId: -1 },
  attempts: 0,
});

describe("transaction message queue (§3.7)", () => {
  it("fills in the transactionId of later messages once StartTransaction is answered", () => {
    const queue = [start("s"), meter("s"), stop("s"), stop("other")];
    const next = assignTransactionId(queue, "s", 42);
    expect(next.map((m) => (m.params as { transactionId?: number }).transactionId)).toEqual([
      undefined,
      42,
      42,
      -1,
    ]);
    expect(hasStart(next, "s")).toBe(true);
  });

  it("drops periodic MeterValues first when full, never a start or a stop", () => {
    let queue: QueuedMessage[] = [start("s"), stop("s")];
    for (let i = 0; i < MAX_QUEUED + 10; i++) queue = enqueueMessage(queue, meter("s"));
    expect(queue).toHaveLength(MAX_QUEUED);
    expect(queue[0]!.action).toBe("StartTransaction");
    expect(queue[1]!.action).toBe("StopTransaction");
  });

  it("retry: interval × attempts; give up at TransactionMessageAttempts", () => {
    expect(retryDelayMs(1, 60)).toBe(60_000);
    expect(retryDelayMs(2, 60)).toBe(120_000);
    expect(exhausted(2, 3)).toBe(false);
    expect(exhausted(3, 3)).toBe(true);
  });
});
