import { describe, expect, it } from "vitest";
import { Supervisor } from "./supervisor";

const node = (code: string) => ({
  command: process.execPath,
  args: ["-e", code],
  env: process.env,
});

describe("Supervisor", () => {
  it("stops every service when one exits on its own, with its exit code", async () => {
    const supervisor = new Supervisor();
    const longRunning = supervisor.start({ name: "long", ...node("setInterval(() => {}, 1000)") });
    supervisor.start({ name: "short", ...node("setTimeout(() => process.exit(3), 100)") });
    expect(await supervisor.done).toBe(3);
    expect(longRunning.signalCode ?? longRunning.exitCode).not.toBeNull();
  });

  it("kills a service that ignores SIGTERM", async () => {
    const supervisor = new Supervisor();
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
