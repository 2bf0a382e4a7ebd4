import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_SERVER_ACTIONS, PUBLIC_SERVER_ACTIONS } from "./registry";

const PUBLIC = PUBLIC_SERVER_ACTIONS.map((p) => p.action);

const ROOT = path.resolve(__dirname, "../..");
const ACTIONS_DIR = path.join(ROOT, "lib", "actions");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const actionFiles = fs
  .readdirSync(ACTIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => filesUnder(path.join(ACTIONS_DIR, entry.name)));

describe("server action registry", () => {
  it.each(actionFiles.map((file) => [path.relative(ROOT, file), file]))(
    "%s is one server action, listed in the registry",
    async (_name, file) => {
      expect(fs.readFileSync(file, "utf8").startsWith('"use server";')).toBe(true);
      const exported = Object.values((await import(file)) as Record<string, unknown>);
      expect(exported).toHaveLength(1);
      // A public action (no session) is listed apart, with why; every other goes through the
      // session → permission pipeline.
      expect([...ALL_SERVER_ACTIONS, ...PUBLIC]).toContain(exported[0]);
    },
  );

  it("lists no action twice and every file's action", () => {
    const all = [...ALL_SERVER_ACTIONS, ...PUBLIC];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(actionFiles.length);
    for (const entry of PUBLIC_SERVER_ACTIONS) {
      expect(entry.why.length).toBeGreaterThan(20);
      for (const file of entry.provedBy.split(", "))
        expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    }
  });

  it("has no server action outside lib/actions/<domain>/", () => {
    const elsewhere = ["app", "components", "lib"]
      .flatMap((dir) => filesUnder(path.join(ROOT, dir)))
      .filter((file) => !file.startsWith(ACTIONS_DIR + path.sep))
      .filter((file) => /^\s*["']use server["']/m.test(fs.readFileSync(file, "utf8")));
    expect(elsewhere.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});
