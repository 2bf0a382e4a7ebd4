// The device manager's environment, validated once at start. Secrets are parsed here and
// handed around as values; nothing else reads process.env.
import { z } from "zod";
import { parseSecretKey } from "./crypto";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

const envSchema = z.object({
  DEVICE_MANAGER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  DEVICE_MANAGER_HOST: z.string().min(1).default("127.0.0.1"),
  DEVICE_MANAGER_DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
  ),
  DEVICE_MANAGER_DATA_DIR: z.string().min(1).default(".data/device-manager"),
  DEVICE_MANAGER_TOKEN: z.string().min(16, "DEVICE_MANAGER_TOKEN: at least 16 characters"),
  DEVICE_MANAGER_SECRET_KEY: z.string().transform((value, ctx) => {
    try {
      return parseSecretKey(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be 32 bytes as 64 hex characters or base64" });
      return z.NEVER;
    }
  }),
  DEVICE_EVENTS_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DEVICE_EVENTS_SECRET: optionalString,
  DEVICE_MANAGER_PING_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  // Event deliveries in flight at once (outbox.ts); every instance must use the same count.
  DEVICE_EVENTS_LANES: z.coerce.number().int().min(1).max(32).default(1),
  // PostgreSQL connections in the pool (besides LISTEN and the lanes' locks): several
  // instances on one server must fit its max_connections (docs/deployment.md).
  DEVICE_MANAGER_DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
});

export interface DeviceManagerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  token: string;
  secretKey: Buffer;
  eventsUrl?: string;
  eventsSecret?: string;
  pingIntervalMs: number;
  eventLanes: number;
  dbPoolSize: number;
}

/** Reads and validates the environment; throws one error listing every bad variable. */
export function readDeviceManagerConfig(
  env: Record<string, string | undefined> = process.env,
): DeviceManagerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variables, never their values: some are secrets.
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid device-manager environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.DEVICE_EVENTS_URL && !e.DEVICE_EVENTS_SECRET) {
    throw new Error(
      "Invalid device-manager environment:\n  DEVICE_EVENTS_SECRET: required with DEVICE_EVENTS_URL",
    );
  }
  return {
    port: e.DEVICE_MANAGER_PORT,
    host: e.DEVICE_MANAGER_HOST,
    databaseUrl: e.DEVICE_MANAGER_DATABASE_URL,
    dataDir: e.DEVICE_MANAGER_DATA_DIR,
    token: e.DEVICE_MANAGER_TOKEN,
    secretKey: e.DEVICE_MANAGER_SECRET_KEY,
    eventsUrl: e.DEVICE_EVENTS_URL,
    eventsSecret: e.DEVICE_EVENTS_SECRET,
    pingIntervalMs: e.DEVICE_MANAGER_PING_INTERVAL_MS,
    eventLanes: e.DEVICE_EVENTS_LANES,
    dbPoolSize: e.DEVICE_MANAGER_DB_POOL_SIZE,
  };
}
