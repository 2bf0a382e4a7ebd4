// The entry point as a real process: env validation, printing the port, clean shutdown.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TOKEN } from "./test-support/harness";

const ROOT = path.resolve(__dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dm-main-"));
const children: ChildProcess[] = [];

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "services/device-manager/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`no ${pattern} in: ${output}`)),
        timeoutMs,
      );
      const check = () => {
        const match = output.match(pattern);
        if (!match) return;
        clearTimeout(deadline);
        resolve(match);
      };
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      check();
    });
  return { child, exited, waitForOutput, output: () => output };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("services/device-manager/main.ts", () => {
  it("starts, prints its port, serves /health and exits cleanly on SIGTERM", async () => {
    const proc = run({
      DEVICE_MANAGER_PORT: "0",
      DEVICE_MANAGER_DATA_DIR: dataDir,
      DEVICE_MANAGER_TOKEN: TOKEN,
      DEVICE_MANAGER_SECRET_KEY: randomBytes(32).toString("base64"),
    });
    const match = await proc.waitForOutput(/listening on (http:\/\/\S+) \(port (\d+)/);
    const health = await fetch(`${match[1]}/health`).then((r) => r.json());
    expect(health).toMatchObject({ ok: true, connected: 0 });
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(proc.output()).not.toContain(TOKEN);
  });

  it("refuses to start with a bad environment, naming the variable but not its value", async () => {
    const proc = run({ DEVICE_MANAGER_TOKEN: "short-tkn", DEVICE_MANAGER_SECRET_KEY: "nope" });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain("DEVICE_MANAGER_TOKEN");
    expect(proc.output()).toContain("DEVICE_MANAGER_SECRET_KEY");
    expect(proc.output()).not.toContain("short-tkn");
  });
});
