// Delivers the transaction-related message queue (OCPP 1.6 §3.7): one message at a time, in
// order, only while Accepted. A CALLERROR or a timeout is a "failure to process": retried after
// TransactionMessageRetryInterval × attempts, dropped after TransactionMessageAttempts (§3.7.1).
// A lost connection is not a failure: the queue waits for the next accepted connection.
import { canSend, type OcppPort } from "../ocpp/port";
import type { Ocpp16Response } from "@plugboard/ocpp16";
import { exhausted, retryDelayMs, type QueuedMessage } from "../sim/tx-queue";

export interface TxSenderHost {
  readonly port: OcppPort | null;
  readonly txQueue: readonly QueuedMessage[];
  txRetryPolicy(): { attempts: number; retryIntervalS: number };
  /** The head message was answered (remove it, apply the answer). */
  onDelivered(message: QueuedMessage, conf: Ocpp16Response<QueuedMessage["action"]>): void;
  /** The head message failed `attempts` times; `drop` when it must be given up. */
  onFailed(message: QueuedMessage, attempts: number, drop: boolean): void;
  log(line: string): void;
}

export class TxSender {
  private inFlight = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private waiters: Array<() => void> = [];

  constructor(private readonly host: TxSenderHost) {}

  /** Sends the head of the queue if nothing is in flight and the connection allows it. */
  pump(): void {
    if (this.inFlight || this.retryTimer) return;
    const port = this.host.port;
    const head = this.host.txQueue[0];
    if (!head) return this.wakeWaiters();
    if (!canSend(port)) return;
    this.inFlight = true;
    port.call(head.action, head.params as never).then(
      (conf) => {
        this.inFlight = false;
        this.host.onDelivered(head, conf as Ocpp16Response<QueuedMessage["action"]>);
        this.pump();
      },
      (error: Error & { rpcErrorCode?: string }) => {
        this.inFlight = false;
        this.onError(head, error, port);
      },
    );
  }

  private onError(
    head: QueuedMessage,
    error: Error & { rpcErrorCode?: string },
    port: OcppPort,
  ): void {
    const timedOut = error.name === "TimeoutError" || /timeout/i.test(error.message);
    if (!port.live() || (!error.rpcErrorCode && !timedOut)) return; // transport gone: wait for the next session
    const policy = this.host.txRetryPolicy();
    const attempts = head.attempts + 1;
    const drop = exhausted(attempts, policy.attempts);
    this.host.log(
      `${head.action} failed (${error.rpcErrorCode ?? error.message}), attempt ${attempts}${drop ? ": dropped" : ""}`,
    );
    this.host.onFailed(head, attempts, drop);
    if (drop) return this.pump();
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.pump();
      },
      retryDelayMs(attempts, policy.retryIntervalS),
    );
  }

  /** Resolves once the queue is empty, or after `timeoutMs` (Soft reset waits for its StopTransaction). */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.host.txQueue.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}
