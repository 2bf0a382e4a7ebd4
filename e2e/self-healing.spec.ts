// A crashed service comes back by itself: kill -9 of the device manager under `npm start`
// restarts it (the portal's health says so), and the rest of the product keeps running.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

const port = Number(process.env.E2E_PORT ?? 3210);
const deviceManagerPort = port + 1; // playwright.config.ts gives the stack consecutive ports

type Health = { ok: boolean; services?: Array<{ name: string; state: string; restarts: number }> };

function pidListeningOn(tcpPort: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${tcpPort}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`nothing listens on ${tcpPort}: ${out}`);
  return Number(pid);
}

test("kill -9 of the device manager: it is restarted and the restart is reported", async ({
  request,
  page,
}) => {
  const deviceManagerUp = async () =>
    // Refused while a device-manager process starts up.
    (await request.get(`http://127.0.0.1:${deviceManagerPort}/health`).catch(() => null))?.status();
  // The browser tests may start before every service is up (the portal answers first).
  await expect.poll(deviceManagerUp, { timeout: 60_000 }).toBe(200);
  const before = (await (await request.get("/api/health")).json()) as Health;
  const restartsBefore = before.services?.find((s) => s.name === "device-manager")?.restarts;
  expect(restartsBefore).toBeDefined();

  const pid = pidListeningOn(deviceManagerPort);
  process.kill(pid, "SIGKILL");

  await expect
    .poll(
      async () => {
        const health = (await (await request.get("/api/health")).json()) as Health;
        return health.services?.find((s) => s.name === "device-manager");
      },
      { timeout: 30_000 },
    )
    .toMatchObject({ state: "running", restarts: restartsBefore! + 1 });
  await expect.poll(deviceManagerUp, { timeout: 30_000 }).toBe(200);
  expect(pidListeningOn(deviceManagerPort)).not.toBe(pid);
  // The portal and the other services were not stopped.
  expect((await request.get("/api/health")).status()).toBe(200);
  // …and the people using it are told.
  await signIn(page, "cpo@plugboard.test");
  await expect(page.getByRole("status", { name: "Service status" })).toContainText(
    /The device manager stopped unexpectedly at \d\d:\d\d UTC and was restarted/,
  );
});
