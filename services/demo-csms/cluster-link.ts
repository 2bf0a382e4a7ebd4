// A worker's side of the demo central system's cluster (see cluster-protocol.ts): it tells the
// primary which chargers it holds, asks it for what other workers hold, and serves their asks.
import type { IdentityPolicy } from "./policies";
import {
  fromWire,
  isToWorker,
  toWire,
  type Answer,
  type Question,
  type ToPrimary,
  type WorkerRequest,
} from "./cluster-protocol";
import type { UploadStore } from "./uploads";

export interface CsmsClusterLink {
  held(identity: string, held: boolean, connection: number): void;
  /** The primary asks to close this connection: a newer one of its identity is on another worker. */
  onDrop(listener: (identity: string, connection: number) => void): void;
  listening(port: number): void;
  ask(question: Question): Promise<unknown>;
  serve(handler: (request: WorkerRequest) => Promise<unknown>): void;
  sharePolicy(identity: string, policy: IdentityPolicy | undefined): void;
  onPolicy(listener: (identity: string, policy: IdentityPolicy | undefined) => void): void;
  uploads: UploadStore;
}

/** Longer than a charger's own call timeout (10 s), so its TimeoutError is what comes back. */
const ASK_TIMEOUT_MS = 30_000;

interface Channel {
  send?: (message: ToPrimary) => unknown;
  on(event: "message", listener: (message: unknown) => void): unknown;
}

export function workerLink(channel: Channel = process as unknown as Channel): CsmsClusterLink {
  const send = (message: ToPrimary) => channel.send?.(message);
  const pending = new Map<number, { resolve(a: Answer): void; timer: NodeJS.Timeout }>();
  let nextId = 0;
  let serveHandler: ((request: WorkerRequest) => Promise<unknown>) | null = null;
  const policyListeners: Array<(identity: string, policy: IdentityPolicy | undefined) => void> = [];
  const dropListeners: Array<(identity: string, connection: number) => void> = [];

  channel.on("message", (message) => {
    if (!isToWorker(message)) return;
    if (message.t === "reply") {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      clearTimeout(waiting.timer);
      waiting.resolve(message.answer);
    } else if (message.t === "serve") {
      const handler = serveHandler;
      const run = handler
        ? handler(message.request)
        : Promise.reject(new Error("worker not ready"));
      run.then(
        (value) => send({ t: "served", id: message.id, answer: { ok: true, value } }),
        (error) =>
          send({ t: "served", id: message.id, answer: { ok: false, error: toWire(error) } }),
      );
    } else if (message.t === "policy") {
      for (const listener of policyListeners)
        listener(message.identity, message.policy ?? undefined);
    } else if (message.t === "drop") {
      for (const listener of dropListeners) listener(message.identity, message.connection);
    }
  });

  const ask = (question: Question) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(
          Object.assign(new Error("the central system's primary did not answer"), {
            name: "TimeoutError",
          }),
        );
      }, ASK_TIMEOUT_MS);
      pending.set(id, {
        timer,
        resolve: (answer) => (answer.ok ? resolve(answer.value) : reject(fromWire(answer.error))),
      });
      send({ t: "ask", id, question });
    });

  return {
    held: (identity, held, connection) => send({ t: "held", identity, held, connection }),
    onDrop(listener) {
      dropListeners.push(listener);
    },
    listening: (port) => send({ t: "listening", port, pid: process.pid }),
    ask,
    serve(handler) {
      serveHandler = handler;
    },
    sharePolicy: (identity, policy) => send({ t: "policy", identity, policy: policy ?? null }),
    onPolicy(listener) {
      policyListeners.push(listener);
    },
    uploads: {
      put: async (name, text) => void (await ask({ q: "upload-put", name, text })),
      get: async (name) => (await ask({ q: "upload-get", name })) as never,
      list: async () => (await ask({ q: "upload-list" })) as never,
    },
  };
}
