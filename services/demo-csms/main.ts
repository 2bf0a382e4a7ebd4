// Entry point: `npx tsx services/demo-csms/main.ts`. Configuration comes from the environment
// (see docs/demo-csms.md); it is validated here, once, before anything listens.
import { installMemoryReport, writeLine } from "@plugboard/node-runtime";
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { workerLink } from "./cluster-link";
import { startCsmsCluster } from "./cluster-primary";
import { startDemoCsms } from "./demo-csms";
import { parsePolicies, type IdentityPolicies } from "./policies";

const envSchema = z.object({
  DEMO_CSMS_PORT: z.coerce.number().int().min(0).max(65_535).default(9000),
  DEMO_CSMS_HOST: z.string().min(1).default("127.0.0.1"),
  DEMO_CSMS_POLICIES: z.string().optional(),
  DEMO_CSMS_POLICIES_FILE: z.string().optional(),
  DEMO_CSMS_HEARTBEAT_INTERVAL: z.coerce.number().int().min(0).default(300),
  DEMO_CSMS_BOOT_RETRY_INTERVAL: z.coerce.number().int().min(0).default(60),
  DEMO_CSMS_ADMIN_TOKEN: z.string().min(16).optional(),
  /** Processes sharing the port (cluster-primary.ts); 1 = this process alone. */
  DEMO_CSMS_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** How connections reach the workers (cluster-primary.ts). */
  DEMO_CSMS_SCHEDULING: z.enum(["kernel", "round-robin"]).default("kernel"),
});

function loadPolicies(env: z.infer<typeof envSchema>): IdentityPolicies {
  const fromFile = env.DEMO_CSMS_POLICIES_FILE
    ? parsePolicies(readFileSync(env.DEMO_CSMS_POLICIES_FILE, "utf8"))
    : {};
  const fromEnv = env.DEMO_CSMS_POLICIES ? parsePolicies(env.DEMO_CSMS_POLICIES) : {};
  return { ...fromFile, ...fromEnv };
}

async function main() {
  installMemoryReport("demo-csms");
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new Error(`invalid environment: ${fields}`);
  }
  const env = parsed.data;
  const log = (line: string) => writeLine(`${new Date().toISOString()} demo-csms ${line}`);
  if (env.DEMO_CSMS_WORKERS > 1 && cluster.isPrimary) return runPrimary(env, log);
  const link = cluster.isWorker ? workerLink() : undefined;
  // A worker whose primary died (kill -9) has no one to route its asks: it goes too.
  if (link) process.on("disconnect", () => process.exit(0));
  const csms = await startDemoCsms({
    port: env.DEMO_CSMS_PORT,
    host: env.DEMO_CSMS_HOST,
    policies: loadPolicies(env),
    heartbeatInterval: env.DEMO_CSMS_HEARTBEAT_INTERVAL,
    bootRetryInterval: env.DEMO_CSMS_BOOT_RETRY_INTERVAL,
    ...(env.DEMO_CSMS_ADMIN_TOKEN ? { adminToken: env.DEMO_CSMS_ADMIN_TOKEN } : {}),
    log,
    ...(link ? { cluster: link } : {}),
  });
  if (!link) announce(env, csms.port);
  stopOnSignals(() => csms.close());
}

/** The primary of several workers: it starts them and passes asks between them. */
async function runPrimary(env: Env, log: (line: string) => void) {
  const workers = startCsmsCluster({
    workers: env.DEMO_CSMS_WORKERS,
    scheduling: env.DEMO_CSMS_SCHEDULING,
    log,
  });
  stopOnSignals(() => workers.close());
  const port = await workers.ready;
  writeLine(
    `demo-csms: ${env.DEMO_CSMS_WORKERS} worker processes, connections spread by ${env.DEMO_CSMS_SCHEDULING === "kernel" ? "the kernel" : "the primary in turn"}`,
  );
  announce(env, port);
}

type Env = z.infer<typeof envSchema>;

function announce(env: Env, port: number) {
  const host = env.DEMO_CSMS_HOST.includes(":") ? `[${env.DEMO_CSMS_HOST}]` : env.DEMO_CSMS_HOST;
  writeLine(`demo-csms: OCPP 1.6J endpoint ws://${host}:${port}/ocpp/<identity>`);
  writeLine(`demo-csms: health http://${host}:${port}/health`);
  writeLine(
    `demo-csms: try a message: npx tsx services/demo-csms/cli.ts --url http://${host}:${port} <identity> TriggerMessage '{"requestedMessage":"Heartbeat"}'`,
  );
}

function stopOnSignals(close: () => Promise<void>) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    writeLine(`demo-csms: ${signal}, shutting down`);
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: Error) => {
  console.error(`demo-csms: ${error.message}`);
  process.exit(1);
});
