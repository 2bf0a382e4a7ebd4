// The back-end services run as plain JavaScript bundles, not through the tsx loader: tsx
// compiles with esbuild's keepNames, which gives every function object our code creates a
// property dictionary for its name — about 12 KiB per virtual charger in a fleet of
// thousands (see docs/benchmarks.md). Bundling takes well under a second, so it runs on
// every start; npm packages stay external (resolved from node_modules at run time).
import { buildSync } from "esbuild";
import fs from "node:fs";
import path from "node:path";

export const SERVICE_ENTRIES = {
  "device-manager": "services/device-manager/main.ts",
  "demo-csms": "services/demo-csms/main.ts",
  "virtual-charger": "services/virtual-charger/main.ts",
} as const;

export type ServiceName = keyof typeof SERVICE_ENTRIES;

/** Where a service's bundle is written (`.build/services/<name>.mjs`). */
export function serviceBundle(root: string, name: ServiceName): string {
  return path.join(root, ".build", "services", `${name}.mjs`);
}

/** Bundles every service; the device manager's migrations go beside its bundle. */
export function bundleServices(root: string): void {
  const outdir = path.join(root, ".build", "services");
  buildSync({
    absWorkingDir: root,
    entryPoints: Object.entries(SERVICE_ENTRIES).map(([out, entry]) => ({ in: entry, out })),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    sourcemap: true,
    logLevel: "warning",
  });
  // services/device-manager/db/index.ts finds them relative to its module, here the bundle.
  fs.cpSync(
    path.join(root, "services", "device-manager", "db", "migrations"),
    path.join(outdir, "migrations"),
    { recursive: true },
  );
}
