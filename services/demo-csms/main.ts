// Entry point: `npx tsx services/demo-csms/main.ts`. Configuration comes from the environment
// (see docs/demo-csms.md); it is validated here, once, before anything listens.
import { installMemoryReport, writeLine } from "@plugboard/node-runtime";
import { readFileSync } from "node:fs";
import { z } from "zod";
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
  const csms = await startDemoCsms({
    port: env.DEMO_CSMS_PORT,
    host: env.DEMO_CSMS_HOST,
    policies: loadPolicies(env),
    heartbeatInterval: env.DEMO_CSMS_HEARTBEAT_INTERVAL,
    bootRetryInterval: env.DEMO_CSMS_BOOT_RETRY_INTERVAL,
    ...(env.DEMO_CSMS_ADMIN_TOKEN ? { adminToken: env.DEMO_CSMS_ADMIN_TOKEN } : {}),
    log: (line) => writeLine(`${new Date().toISOString()} demo-csms ${line}`),
  });
  writeLine(`demo-csms: OCPP 1.6J endpoint ${csms.url}/<identity>`);
  writeLine(`demo-csms: health http://${env.DEMO_CSMS_HOST}:${csms.port}/health`);
  writeLine(
    `demo-csms: try a message: npx tsx services/demo-csms/cli.ts --url http://${env.DEMO_CSMS_HOST}:${csms.port} <identity> TriggerMessage '{"requestedMessage":"Heartbeat"}'`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    writeLine(`demo-csms: ${signal}, shutting down`);
    csms.close().then(
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
