// Transaction-related messages waiting for the Central System (OCPP 1.6 §3.7): delivered in
// order, kept in flash while offline, retried per TransactionMessageAttempts/RetryInterval.
import type {
  MeterValuesRequest,
  StartTransactionRequest,
  StopTransactionRequest,
} from "@plugboard/ocpp16";

export type QueuedMessage =
  | {
      action: "StartTransaction";
      sessionId: string;
      params: StartTransactionRequest;
      attempts: number;
    }
  | {
      action: "StopTransaction";
      sessionId: string;
      params: StopTransactionRequest;
      attempts: number;
    }
  | { action: "MeterValues"; sessionId: string; params: MeterValuesRequest; attempts: number };

/** Errata 3.18: the id used when a StartTransaction could not be delivered (also a placeholder). */
export const UNKNOWN_TRANSACTION_ID = -1;
export const MAX_QUEUED = 200;

/** Appends a message; when full, periodic MeterValues go first (never a start or a stop). */
export function enqueueMessage(
  queue: readonly QueuedMessage[],
  message: QueuedMessage,
): QueuedMessage[] {
  const next = [...queue, message];
  while (next.length > MAX_QUEUED) {
    const meter = next.findIndex((m) => m.action === "MeterValues");
    if (meter < 0) break;
    next.splice(meter, 1);
  }
  return next;
}

/** Once StartTransaction.conf arrives, later messages of that session carry its transactionId. */
export function assignTransactionId(
  queue: readonly QueuedMessage[],
  sessionId: string,
  transactionId: number,
): QueuedMessage[] {
  return queue.map((m) =>
    m.sessionId === sessionId && m.action !== "StartTransaction"
      ? ({ ...m, params: { ...m.params, transactionId } } as QueuedMessage)
      : m,
  );
}

/** §3.7.1: wait RetryInterval × number of previous attempts before trying again. */
export function retryDelayMs(attempts: number, retryIntervalS: number): number {
  return Math.max(0, retryIntervalS) * 1000 * Math.max(1, attempts);
}

/** Whether a message that failed `attempts` times must be given up (TransactionMessageAttempts). */
export function exhausted(attempts: number, maxAttempts: number): boolean {
  return attempts >= Math.max(1, maxAttempts);
}

export function hasStart(queue: readonly QueuedMessage[], sessionId: string): boolean {
  return queue.some((m) => m.sessionId === sessionId && m.action === "StartTransaction");
}
