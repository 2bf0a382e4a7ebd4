// Environment of the portal, validated once; nothing else reads process.env directly.
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORTAL_DATA_DIR: z.string().default(".data/portal"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  // Outgoing mail (invitations): smtp://user:password@host:587 or smtps://…; unset, the link is
  // shown to the inviting administrator instead.
  SMTP_URL: z.string().url().optional(),
  // One address, or the instances of one device manager separated by commas.
  DEVICE_MANAGER_URL: z
    .string()
    .default("http://127.0.0.1:3100")
    .transform((value) => value.split(",").map((url) => url.trim()))
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1)),
  DEVICE_MANAGER_TOKEN: z.string().min(16).optional(),
  DEVICE_EVENTS_SECRET: z.string().min(16).optional(),
  // The manufacturer's key from which each charger's PUK is derived (lib/chargers/puk.ts):
  // adding a charger needs the PUK from its label. Unset, chargers cannot be added.
  PLUGBOARD_FACTORY_KEY: z.string().min(16).optional(),
  // Directory where newly issued device credentials are dropped for the virtual fleet (demo).
  FLEET_PROVISION_DIR: z.string().optional(),
  // Shown as an example URL on the OCPP tab when the demo central system runs beside the portal.
  DEMO_CSMS_URL: z.string().optional(),
  // Live streams are closed after this long (with jitter) and the browser reconnects, so long-
  // lived connections rebalance across portal instances and idle-killing proxies never bite.
  LIVE_STREAM_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60 * 1000),
  // Written by `npm start`'s supervisor: each service's state and restarts, for /api/health.
  PLUGBOARD_SERVICES_STATUS_FILE: z.string().optional(),
  // Webhooks may call loopback, private and link-local addresses (tests, a receiver on
  // the same host); otherwise such URLs are refused when saved and when sent.
  PLUGBOARD_WEBHOOKS_ALLOW_PRIVATE: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  // How often the alert rules are evaluated (the e2e stack shortens it).
  PLUGBOARD_ALERTS_TICK_MS: z.coerce.number().int().min(500).default(15_000),
  SEED_DEMO: z
    .enum(["0", "1"])
    .default("1")
    .transform((v) => v === "1"),
});

export type PortalEnv = z.infer<typeof schema>;

let cached: PortalEnv | undefined;

export function getEnv(): PortalEnv {
  if (cached) return cached;
  // An empty variable means "not set" (e.g. DATABASE_URL= to force the embedded database).
  const defined = Object.fromEntries(
    Object.entries(process.env).filter(([, value]) => value !== ""),
  );
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid portal environment:\n  ${problems.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}
