// The back-end services, the portal's server and the supervisor run as plain JavaScript
// bundles, not through the tsx loader: tsx compiles with esbuild's keepNames, which gives
// every function object our code creates a property dictionary for its name — about 12 KiB
// per virtual charger in a fleet of thousands (see docs/benchmarks.md) — and the loader itself
// stays in memory (with an esbuild service process) for as long as the process runs.
// Bundling takes well under a second, so it runs on every start; npm packages stay external
// (resolved from node_modules at run time).
import { buildSync } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { SCRIPT_ENTRIES, SERVICE_ENTRIES } from "./build-paths";

export { SERVICE_ENTRIES, serviceBundle, scriptBundle, type ServiceName } from "./build-paths";

function bundle(root: string, entries: Record<string, string>, outdir: string): void {
  buildSync({
    absWorkingDir: root,
    entryPoints: Object.entries(entries).map(([out, entry]) => ({ in: entry, out })),
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
}

/** Bundles every service and script; the device manager's migrations go beside its bundle. */
export function bundleServices(root: string): void {
  const outdir = path.join(root, ".build", "services");
  bundle(root, SERVICE_ENTRIES, outdir);
  bundle(root, SCRIPT_ENTRIES, path.join(root, ".build", "scripts"));
  // services/device-manager/db/index.ts finds them relative to its module, here the bundle.
  fs.cpSync(
    path.join(root, "services", "device-manager", "db", "migrations"),
    path.join(outdir, "migrations"),
    { recursive: true },
  );
}
