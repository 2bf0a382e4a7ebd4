// Where the build puts what runs as plain JavaScript (no TypeScript loader): the services'
// bundles, the portal's server and the supervisor. Kept apart from the bundler so that the
// supervisor, which needs the paths, does not load esbuild.
import path from "node:path";

export const SERVICE_ENTRIES = {
  "device-manager": "services/device-manager/main.ts",
  "demo-csms": "services/demo-csms/main.ts",
  "virtual-charger": "services/virtual-charger/main.ts",
} as const;

export type ServiceName = keyof typeof SERVICE_ENTRIES;

/** The portal's HTTP server and the supervisor of `npm start`. */
export const SCRIPT_ENTRIES = {
  "portal-server": "scripts/portal-server.ts",
  supervise: "scripts/supervise.ts",
} as const;

export type ScriptName = keyof typeof SCRIPT_ENTRIES;

/** Where a service's bundle is written (`.build/services/<name>.mjs`). */
export function serviceBundle(root: string, name: ServiceName): string {
  return path.join(root, ".build", "services", `${name}.mjs`);
}

/** Where a script's bundle is written (`.build/scripts/<name>.mjs`). */
export function scriptBundle(root: string, name: ScriptName): string {
  return path.join(root, ".build", "scripts", `${name}.mjs`);
}
