// The demo central system as several processes (DEMO_CSMS_WORKERS > 1): one process can hold
// about 20,000 sockets on a machine whose open-file limit is 20,000, so 100,000 chargers need
// several. Node's cluster module shares the one listening port, in one of two ways:
// - "kernel" (the default): every worker accepts from the shared socket itself and the kernel
//   spreads the connections; the primary never touches them. At 30,000 chargers connecting at
//   once the other way cost the primary 118 CPU-seconds and its health check stopped answering.
// - "round-robin": the primary accepts each connection and hands it to the next worker in turn,
//   an even spread even for a handful of chargers (the tests use it to put chargers on both).
// A worker that dies is started again; its chargers reconnect and land on the others meanwhile.
import cluster from "node:cluster";
import { isToPrimary } from "./cluster-protocol";
import { createCsmsRouter } from "./cluster-router";

export type CsmsScheduling = "kernel" | "round-robin";

export interface CsmsClusterOptions {
  workers: number;
  scheduling: CsmsScheduling;
  log(line: string): void;
  /** Before a dead worker is started again. */
  restartDelayMs?: number;
}

export interface CsmsCluster {
  /** Resolves with the port once every worker listens. */
  ready: Promise<number>;
  close(): Promise<void>;
}

export function startCsmsCluster(options: CsmsClusterOptions): CsmsCluster {
  // Read when the first worker's server is set up: before any fork.
  cluster.schedulingPolicy =
    options.scheduling === "kernel" ? cluster.SCHED_NONE : cluster.SCHED_RR;
  cluster.setupPrimary({ serialization: "advanced" });
  const live = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  const router = createCsmsRouter({
    send: (id, message) => {
      const worker = cluster.workers?.[id];
      if (worker?.isConnected()) worker.send(message);
    },
    workers: () => live().map((w) => w.id),
  });
  const listening = new Set<number>();
  let stopping = false;
  let markReady: (port: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (markReady = resolve));

  cluster.on("message", (worker, message: unknown) => {
    if (!isToPrimary(message)) return;
    if (message.t === "listening") {
      listening.add(worker.id);
      if (listening.size === options.workers) markReady(message.port);
    }
    router.onMessage(worker.id, message);
  });
  cluster.on("online", (worker) => router.workerStarted(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    listening.delete(worker.id);
    router.workerGone(worker.id);
    if (stopping) return;
    options.log(`worker ${worker.id} exited (${signal ?? `code ${code}`}); starting another`);
    setTimeout(() => !stopping && cluster.fork(), options.restartDelayMs ?? 1_000);
  });
  for (let i = 0; i < options.workers; i++) cluster.fork();

  return {
    ready,
    async close() {
      stopping = true;
      const exits = live().map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
            setTimeout(() => worker.process.kill("SIGKILL"), 5_000).unref();
          }),
      );
      await Promise.all(exits);
    },
  };
}
