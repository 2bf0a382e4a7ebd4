import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Supervisor, type ServiceStatus } from "./supervisor";

const node = (code: string) => ({
  command: process.execPath,
  args: ["-e", code],
  env: process.env,
});
const quiet = { log: () => undefined, baseDelayMs: 20, maxDelayMs: 100 };

async function until(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Supervisor", () => {
  it("restarts a service that crashed, leaves the others alone, and records the restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "supervisor-"));
    const statusFile = path.join(dir, "services.json");
    const marker = path.join(dir, "crashed-once");
    const lines: string[] = [];
    const supervisor = new Supervisor({ ...quiet, statusFile, log: (line) => lines.push(line) });
    const steady = supervisor.start({ name: "steady", ...node("setInterval(() => {}, 1000)") });
    // Crashes on its first run only (the marker file remembers), then keeps running.
    supervisor.start({
      name: "flaky",
      ...node(
        `const fs = require("fs"); if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, "x"); process.exit(7); } setInterval(() => {}, 1000);`,
      ),
    });
    const flaky = () => supervisor.statuses().find((s) => s.name === "flaky")!;
    await until(() => flaky().restarts === 1 && flaky().state === "running", "the restart");
    expect(flaky().lastExit).toMatchObject({ code: 7, signal: null });
    expect(steady.exitCode).toBeNull();
    expect(lines.join("\n")).toMatch(/\[flaky\] exited \(code 7\); restarting in \d+ ms/);
    const written = JSON.parse(fs.readFileSync(statusFile, "utf8")) as {
      services: ServiceStatus[];
    };
    expect(written.services.find((s) => s.name === "flaky")).toMatchObject({
      state: "running",
      restarts: 1,
    });
    await supervisor.stopAll(0);
    expect(await supervisor.done).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stops everything on a crash loop, with the crashing service's exit code and the reason", async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ ...quiet, log: (line) => lines.push(line) });
    const longRunning = supervisor.start({ name: "long", ...node("setInterval(() => {}, 1000)") });
    supervisor.start({ name: "broken", ...node("process.exit(3)") });
    expect(await supervisor.done).toBe(3);
    expect(longRunning.signalCode ?? longRunning.exitCode).not.toBeNull();
    expect(lines.filter((line) => line.includes("restarting in"))).toHaveLength(4);
    expect(lines.at(-1)).toMatch(
      /\[broken\] crashed 5 times within 60 s .*crash loop, stopping everything/,
    );
  });

  it("kills a service that ignores SIGTERM", async () => {
    const supervisor = new Supervisor(quiet);
    const stubborn = supervisor.start({
      name: "stubborn",
      ...node("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('up')"),
    });
    await new Promise((resolve) => stubborn.stdout?.once("data", resolve));
    await supervisor.stopAll(0);
    expect(await supervisor.done).toBe(0);
    expect(stubborn.signalCode).toBe("SIGKILL");
  }, 20_000);
});
