// The dependency rules must bite: a small tree with one violation of each rule is cruised with
// the real .dependency-cruiser.cjs, and every rule has to report it. A rule whose pattern
// stopped matching (a typo, a renamed folder) fails here instead of passing silently.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rules file is CommonJS
const config = require(path.join(ROOT, ".dependency-cruiser.cjs")) as {
  forbidden: Array<{ name: string }>;
};

/** file → the relative imports it makes; each line breaks (at least) the rule named after it. */
const TREE: Record<string, string[]> = {
  "services/a/main.ts": ["../b/main", "../../lib/plain"], // service→service, service→portal
  "services/b/main.ts": [],
  "lib/plain.ts": [],
  "lib/to-service.ts": ["../services/a/main"], // portal → services
  "lib/past-entry.ts": ["../packages/wallbox/inner"], // package past its index.ts
  "lib/to-ui.ts": ["../components/card"], // lib → components
  "lib/cycle-a.ts": ["./cycle-b"], // runtime cycle
  "lib/cycle-b.ts": ["./cycle-a"],
  "lib/to-test.ts": ["./plain.test"], // production code → a test
  "lib/plain.test.ts": [],
  "lib/unresolvable.ts": ["./nowhere"],
  "lib/to-fuzzing.ts": ["../packages/fuzzing/index"], // shipped code → the test-only kit
  "components/card.ts": ["../app/page", "../db/schema", "../messages/fr/index"], // → app, db, one language
  "messages/fr/index.ts": ["../../lib/plain"], // messages are data
  "app/page.ts": [],
  "db/schema.ts": ["../lib/plain"], // db → lib
  "env.ts": ["./lib/plain"], // env is a leaf
  "packages/wallbox/index.ts": ["./inner", "../node-runtime/index", "../device-contract/inner"],
  "packages/wallbox/inner.ts": ["../../lib/plain"], // a package reaching into the portal
  "packages/device-contract/index.ts": ["./inner", "../wallbox/index"],
  "packages/device-contract/inner.ts": [],
  "packages/ocpp16/index.ts": ["../device-contract/index"],
  "packages/node-runtime/index.ts": [],
  "packages/fuzzing/index.ts": ["../wallbox/index"], // the kit beyond OCPP
};

describe("dependency rules", () => {
  let dir: string;
  let violated: Set<string>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dependency-rules-"));
    for (const [file, imports] of Object.entries(TREE)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      const body = imports.map((spec, i) => `import * as m${i} from "${spec}";\nvoid m${i};`);
      fs.writeFileSync(path.join(dir, file), `${body.join("\n")}\nexport const here = 1;\n`);
    }
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: {} }));
    fs.copyFileSync(path.join(ROOT, ".dependency-cruiser.cjs"), path.join(dir, "rules.cjs"));
    let output: string;
    try {
      output = execFileSync(
        process.execPath,
        [
          CLI,
          ...["services", "lib", "components", "app", "db", "messages", "packages", "env.ts"],
        ].concat(["--config", "rules.cjs", "--output-type", "json"]),
        { cwd: dir, encoding: "utf8" },
      );
    } catch (error) {
      // A cruise with violations exits non-zero; its report is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    const report = JSON.parse(output) as {
      summary: { violations: Array<{ rule: { name: string } }> };
    };
    violated = new Set(report.summary.violations.map((v) => v.rule.name));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(config.forbidden.map((rule) => [rule.name]))("%s reports its violation", (name) => {
    expect(violated.has(name)).toBe(true);
  });
});
