// The demo central system's primary process: which worker holds each charger, and the asks it
// passes between workers (see cluster-protocol.ts). Kept apart from node:cluster so it can be
// tested with plain functions standing in for workers.
import {
  NotConnectedError,
  toWire,
  type Answer,
  type ClusterCount,
  type Question,
  type ToPrimary,
  type ToWorker,
  type WorkerRequest,
} from "./cluster-protocol";
import type { IdentityPolicy } from "./policies";
import { memoryUploads, type UploadStore } from "./uploads";

export interface RouterDeps {
  send(workerId: number, message: ToWorker): void;
  workers(): number[];
  uploads?: UploadStore;
}

export function createCsmsRouter(deps: RouterDeps) {
  const holders = new Map<string, { worker: number; connection: number }>();
  // Policy changes made by chargers (AuthorizationKey) since start, for workers started later.
  const policies = new Map<string, IdentityPolicy | null>();
  const forwarded = new Map<number, { worker: number; done(answer: Answer): void }>();
  const uploads = deps.uploads ?? memoryUploads();
  const pids = new Map<number, number>();
  let nextId = 0;

  function forward(worker: number, request: WorkerRequest): Promise<Answer> {
    return new Promise((done) => {
      const id = ++nextId;
      forwarded.set(id, { worker, done });
      deps.send(worker, { t: "serve", id, request });
    });
  }

  async function answer(question: Question): Promise<unknown> {
    switch (question.q) {
      case "identities":
        return [...holders.keys()];
      case "count":
        return countByWorker();
      case "holder": {
        const holder = holders.get(question.request.identity);
        if (holder === undefined) throw new NotConnectedError(question.request.identity);
        const reply = await forward(holder.worker, question.request);
        if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
        return reply.value;
      }
      case "everyone": {
        const replies = await Promise.all(deps.workers().map((w) => forward(w, question.request)));
        return replies.flatMap((reply) =>
          reply.ok && Array.isArray(reply.value) ? reply.value : [],
        );
      }
      case "upload-put":
        return uploads.put(question.name, question.text);
      case "upload-get":
        return uploads.get(question.name);
      case "upload-list":
        return uploads.list();
    }
  }

  function countByWorker(): ClusterCount {
    const byWorker = new Map(deps.workers().map((worker) => [worker, 0]));
    for (const { worker } of holders.values())
      byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
    return {
      connected: holders.size,
      workers: [...byWorker].map(([worker, connected]) => ({
        worker,
        pid: pids.get(worker) ?? 0,
        connected,
      })),
    };
  }

  return {
    count: countByWorker,
    onMessage(from: number, message: ToPrimary): void {
      switch (message.t) {
        case "held": {
          const holder = holders.get(message.identity);
          if (message.held) {
            // One connection per identity, as in a single process: the newest wins. A charger
            // whose first attempt waited in the accept queue past its own timeout can land on
            // another worker after it has connected again; the one it has now must not be
            // forgotten (nor kept beside a stale one), so the older one is closed.
            if (holder && holder.worker !== from)
              deps.send(holder.worker, {
                t: "drop",
                identity: message.identity,
                connection: holder.connection,
              });
            holders.set(message.identity, { worker: from, connection: message.connection });
          } else if (holder?.worker === from && holder.connection === message.connection)
            holders.delete(message.identity);
          return;
        }
        case "policy":
          policies.set(message.identity, message.policy);
          for (const worker of deps.workers()) if (worker !== from) deps.send(worker, message);
          return;
        case "served": {
          const waiting = forwarded.get(message.id);
          forwarded.delete(message.id);
          waiting?.done(message.answer);
          return;
        }
        case "ask":
          // both outcomes are sent back to the asker
          void answer(message.question).then(
            (value) => deps.send(from, { t: "reply", id: message.id, answer: { ok: true, value } }),
            (error) =>
              deps.send(from, {
                t: "reply",
                id: message.id,
                answer: { ok: false, error: toWire(error) },
              }),
          );
          return;
        case "listening":
          pids.set(from, message.pid);
          return;
      }
    },
    /** A new worker learns the policy changes the others made. */
    workerStarted(worker: number): void {
      for (const [identity, policy] of policies)
        deps.send(worker, { t: "policy", identity, policy });
    },
    /** A worker died: its chargers are held by no one, its unanswered asks fail. */
    workerGone(worker: number): void {
      pids.delete(worker);
      for (const [identity, holder] of holders)
        if (holder.worker === worker) holders.delete(identity);
      for (const [id, waiting] of forwarded)
        if (waiting.worker === worker) {
          forwarded.delete(id);
          waiting.done({
            ok: false,
            error: { name: "NotConnectedError", message: "the worker holding it exited" },
          });
        }
    },
  };
}
