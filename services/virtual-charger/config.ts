// The fleet's environment, validated once at start; nothing else reads process.env.
import { z } from "zod";
import { isLoopbackV4 } from "./loopback-source";
import type { FleetShard } from "./shard";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const envSchema = z.object({
  FLEET_STATE_DIR: z.string().min(1).default(".data/fleet"),
  FLEET_PROVISION_DIR: z.string().min(1).default(".data/fleet-inbox"),
  // One address, or several separated by commas (the instances of one device manager).
  DEVICE_MANAGER_WS_URL: z
    .string()
    .default("ws://127.0.0.1:3100")
    .transform((value) => value.split(",").map((url) => url.trim()))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^(ws|wss|http|https):\/\/[^\s,]+$/i,
              "must be ws:// or wss:// URLs, separated by commas",
            ),
        )
        .min(1),
    ),
  FLEET_RESTART_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(3_000),
  FLEET_HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(3_300),
  FLEET_HEALTH_HOST: z.string().min(1).default("127.0.0.1"),
  FLEET_LOG_OCPP: flag,
  // Chargers coming up (connecting, booting) at once while the fleet starts (paced-start.ts),
  // and connection attempts in flight at once, retries included (connect-gate.ts).
  // Several shards on one machine share its CPU: each takes a part of what one process would.
  FLEET_STARTING_AT_ONCE: z.coerce.number().int().min(1).max(10_000).default(500),
  // Loopback addresses (127.x.y.z, comma-separated) to spread the chargers' connections over
  // when a machine runs more of them than one address has ephemeral ports (loopback-source.ts).
  FLEET_LOCAL_ADDRESSES: z
    .string()
    .optional()
    .transform((value) =>
      value?.trim() ? value.split(",").map((address) => address.trim()) : undefined,
    )
    .pipe(
      z
        .array(z.string().refine(isLoopbackV4, "must be IPv4 loopback addresses (127.x.y.z)"))
        .min(1)
        .optional(),
    ),
  // "<index>/<count>": this process runs the chargers of one shard of a fleet run as several.
  FLEET_SHARD: z
    .string()
    .default("0/1")
    .transform((value, ctx) => {
      const match = /^(\d+)\/(\d+)$/.exec(value);
      const index = Number(match?.[1]);
      const count = Number(match?.[2]);
      if (!match || count < 1 || count > 256 || index >= count) {
        ctx.addIssue({ code: "custom", message: "must be <index>/<count>, index below count" });
        return z.NEVER;
      }
      return { index, count };
    }),
});

export interface FleetConfig {
  stateDir: string;
  provisionDir: string;
  deviceManagerUrls: string[];
  restartDelayMs: number;
  healthPort: number;
  healthHost: string;
  logOcpp: boolean;
  startingAtOnce: number;
  shard: FleetShard;
  localAddresses?: string[];
}

/** Reads and validates the environment; throws one error naming every bad variable. */
export function readFleetConfig(
  env: Record<string, string | undefined> = process.env,
): FleetConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid fleet environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    stateDir: e.FLEET_STATE_DIR,
    provisionDir: e.FLEET_PROVISION_DIR,
    deviceManagerUrls: e.DEVICE_MANAGER_WS_URL,
    restartDelayMs: e.FLEET_RESTART_DELAY_MS,
    healthPort: e.FLEET_HEALTH_PORT,
    healthHost: e.FLEET_HEALTH_HOST,
    logOcpp: e.FLEET_LOG_OCPP,
    startingAtOnce: e.FLEET_STARTING_AT_ONCE,
    shard: e.FLEET_SHARD,
    ...(e.FLEET_LOCAL_ADDRESSES ? { localAddresses: e.FLEET_LOCAL_ADDRESSES } : {}),
  };
}
