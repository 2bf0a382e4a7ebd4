// `npm test`: typecheck, dependency rules, lint, unit tests, integration tests (PGlite, and PostgreSQL too when
// TEST_DATABASE_URL is set), a production build, then the browser tests in Chromium.
import { spawnSync } from "node:child_process";

const node = process.execPath;
const bin = (name: string) => `node_modules/${name}`;

const steps: Array<{ name: string; args: string[]; env?: Record<string, string> }> = [
  { name: "typecheck", args: [bin("typescript/bin/tsc"), "--noEmit"] },
  {
    name: "dependency rules",
    args: [
      bin("dependency-cruiser/bin/dependency-cruise.mjs"),
      ...[
        "app",
        "components",
        "lib",
        "db",
        "messages",
        "packages",
        "services",
        "scripts",
        "tests",
        "bench",
      ],
      ...["e2e", "env.ts", "instrumentation.ts", "proxy.ts", "--config", ".dependency-cruiser.cjs"],
    ],
  },
  { name: "lint", args: [bin("eslint/bin/eslint.js"), ".", "--max-warnings", "0"] },
  { name: "unit tests", args: [bin("vitest/vitest.mjs"), "run", "--project", "unit"] },
  {
    name: "integration tests",
    args: [bin("vitest/vitest.mjs"), "run", "--project", "integration"],
  },
  {
    name: "production build",
    args: [bin("next/dist/bin/next"), "build"],
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  },
  {
    name: "browser tests",
    args: [bin("@playwright/test/cli.js"), "test"],
    // The browser tests run the product as shipped: on its embedded database.
    env: { DATABASE_URL: "" },
  },
];

const started = Date.now();
console.log(
  process.env.TEST_DATABASE_URL
    ? `Integration tests run on PGlite and on PostgreSQL (${redact(process.env.TEST_DATABASE_URL)}).`
    : "TEST_DATABASE_URL is not set: integration tests run on PGlite only.",
);
for (const step of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const result = spawnSync(node, step.args, {
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${step.name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${step.name} (${seconds} s)`);
}
console.log(`\nAll tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
