// Builds the portal when the sources changed since the last build (or it never was built).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "db", "packages", "public"];
const FILES = [
  "env.ts",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.mjs",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const STAMP = path.join(".next", "plugboard-source-fingerprint");

function walk(dir: string, out: string[]) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function sourceFingerprint(root: string): string {
  const files: string[] = [];
  for (const dir of SOURCES) walk(path.join(root, dir), files);
  for (const file of FILES)
    if (fs.existsSync(path.join(root, file))) files.push(path.join(root, file));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    if (/\.test\.tsx?$/.test(file)) continue;
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

export function buildIfNeeded(root: string, log: (line: string) => void): void {
  const fingerprint = sourceFingerprint(root);
  const stamp = path.join(root, STAMP);
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
  if (built && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint) return;
  log("Building the portal (next build)…");
  execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(stamp, fingerprint);
}
