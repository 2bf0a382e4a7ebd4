// `npm run test:chaos`: the whole product as `npm start` runs it, hit while it works. Each
// round saves a charger's OCPP settings in Chromium and, during the save, kill -9s one process
// (device manager, portal — the PGlite owner, mid-write —, fleet) or crashes the suite's own
// PostgreSQL server. Then it checks, charger by charger: every acknowledged save is what the
// portal shows, what the charger runs and what the central system sees connected; none is
// audited twice; every service came back by itself. It prints what it did and the recovery
// times, and exits non-zero on any failure.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import pg from "pg";
import { startOwnPostgres, type OwnPostgres } from "./own-postgres";

type Victim = "device-manager" | "portal" | "fleet" | "postgres";
type Mode = "pglite" | "postgres";

const BASE_PORT = Number(process.env.CHAOS_PORT ?? 3460);
const PORTS = { portal: BASE_PORT, dm: BASE_PORT + 1, csms: BASE_PORT + 2, fleet: BASE_PORT + 3 };
const PG_PORT = BASE_PORT + 10;
const CHARGERS = ["Level -1 bay 01", "Level -1 bay 02", "Level -1 bay 03"];
/** Per repeat: while the save is in flight, and once it has likely been acknowledged. */
const KILL_DELAYS_MS = [0, 700];
const PASSWORD = "plugboard-demo";
const origin = `http://127.0.0.1:${PORTS.portal}`;

interface Round {
  mode: Mode;
  victim: Victim;
  charger: string;
  identity: string;
  killAfterMs: number;
  acknowledged: boolean;
  recoveryMs: number;
  retries: number;
}

const log = (line: string) => console.log(`[chaos] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 90_000,
) {
  const until = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < until) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

function pidOnPort(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`nothing listens on ${port}`);
  return Number(pid);
}

type Health = { ok: boolean; services?: Array<{ name: string; state: string; restarts: number }> };

async function everythingUp(): Promise<boolean> {
  const health = (await (await fetch(`${origin}/api/health`)).json()) as Health;
  if (!health.ok || !health.services?.every((s) => s.state === "running")) return false;
  for (const port of [PORTS.dm, PORTS.fleet]) {
    if (!(await fetch(`http://127.0.0.1:${port}/health`)).ok) return false;
  }
  return true;
}

function startProduct(mode: Mode, dataDir: string, own: OwnPostgres | null): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLUGBOARD_DATA_DIR: dataDir,
    PORT: String(PORTS.portal),
    DEVICE_MANAGER_PORT: String(PORTS.dm),
    DEMO_CSMS_PORT: String(PORTS.csms),
    FLEET_HEALTH_PORT: String(PORTS.fleet),
    NEXTAUTH_URL: origin,
    DATABASE_URL: mode === "postgres" ? own!.url("portal") : "",
    DEVICE_MANAGER_DATABASE_URL: mode === "postgres" ? own!.url("devices") : "",
    FLEET_RESTART_DELAY_MS: "500",
  };
  const child = spawn(process.execPath, ["--import", "tsx", "tests/chaos/serve.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = fs.createWriteStream(path.join(dataDir, "..", `product-${mode}.log`));
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

async function signIn(page: Page) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill("admin@plugboard.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/chargers$/);
}

async function chargerIds(page: Page): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const name of CHARGERS) {
    await page.goto(`${origin}/chargers?q=${encodeURIComponent(name)}`);
    const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
    ids.set(name, href!.split("/").pop()!);
  }
  return ids;
}

/** Opens the OCPP tab and fills the form (nothing is sent yet). */
async function fill(page: Page, chargerId: string, identity: string): Promise<void> {
  await page.goto(`${origin}/chargers/${chargerId}/ocpp`);
  await page.getByRole("switch", { name: "Enable OCPP" }).setChecked(true);
  await page.getByLabel("URL").fill(`ws://127.0.0.1:${PORTS.csms}/ocpp`);
  await page.getByLabel("Charge point identity").fill(identity);
  await page.getByLabel("I accept the terms and conditions").check();
}

/** Clicks Save; resolves with whether the portal acknowledged the save (never rejects). */
async function submit(page: Page): Promise<boolean> {
  try {
    await page.getByRole("button", { name: "Save" }).click();
    // The answer is a toast (components/ui/toast.tsx); the form was just opened, so the first
    // toast on the page is this save's.
    const answer = page.locator("[data-sonner-toast]").first();
    await waitUntil(
      async () => (await answer.textContent({ timeout: 1000 })) ?? "",
      (text) => text.length > 0,
      "the save's answer",
      30_000,
    );
    return ((await answer.textContent()) ?? "").includes("Saved.");
  } catch {
    return false;
  }
}

/** Fills and saves; false when anything on the way failed (the product was not back yet). */
async function save(page: Page, chargerId: string, identity: string): Promise<boolean> {
  try {
    if (page.url().includes("/login")) await signIn(page);
    await fill(page, chargerId, identity);
  } catch {
    return false;
  }
  return submit(page);
}

async function kill(victim: Victim, own: OwnPostgres | null): Promise<void> {
  if (victim === "postgres") {
    await own!.crashAndRestart();
    return;
  }
  const port = { "device-manager": PORTS.dm, portal: PORTS.portal, fleet: PORTS.fleet }[victim];
  process.kill(pidOnPort(port), "SIGKILL");
}

async function runMode(
  mode: Mode,
  workDir: string,
): Promise<{ rounds: Round[]; failures: string[] }> {
  const failures: string[] = [];
  const own = mode === "postgres" ? startOwnPostgres(PG_PORT) : null;
  if (own) {
    const admin = new pg.Client({ connectionString: own.url("postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE portal");
    await admin.query("CREATE DATABASE devices");
    await admin.end();
  }
  const dataDir = path.join(workDir, mode);
  fs.mkdirSync(dataDir, { recursive: true });
  const product = startProduct(mode, dataDir, own);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const rounds: Round[] = [];
  try {
    const ready = Date.now();
    await waitUntil(everythingUp, Boolean, "the product to start", 180_000);
    log(`${mode}: product up in ${Date.now() - ready} ms`);
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page);
    const ids = await chargerIds(page);
    const victims: Victim[] = [
      "device-manager",
      "portal",
      "fleet",
      ...(own ? ["postgres" as const] : []),
    ];
    let n = 0;
    for (const victim of victims) {
      for (let repeat = 0; repeat < 2; repeat++, n++) {
        const charger = CHARGERS[n % CHARGERS.length]!;
        const killAfterMs = KILL_DELAYS_MS[repeat]!;
        let identity = `CHAOS-${mode.toUpperCase()}-${n}`;
        await fill(page, ids.get(charger)!, identity);
        const saving = submit(page);
        // Strike while the save is in flight (0 ms) or about when it is acknowledged (700 ms).
        await sleep(killAfterMs);
        const struck = Date.now();
        await kill(victim, own);
        // Timed on its own: the save's answer may take longer than the product's recovery.
        const recovered = waitUntil(
          everythingUp,
          Boolean,
          `recovery after killing ${victim}`,
          120_000,
        ).then(() => Date.now() - struck);
        let acknowledged = await saving;
        const recoveryMs = await recovered;
        let retries = 0;
        // Not acknowledged: the person saves again once the product is back (a new identity, so
        // each identity is saved at most once and its audit entries can be counted).
        while (!acknowledged && retries < 5) {
          retries++;
          identity = `CHAOS-${mode.toUpperCase()}-${n}-R${retries}`;
          acknowledged = await save(page, ids.get(charger)!, identity);
          if (!acknowledged) await sleep(2000);
        }
        rounds.push({
          mode,
          victim,
          charger,
          identity,
          killAfterMs,
          acknowledged,
          recoveryMs,
          retries,
        });
        log(
          `${mode}: kill -9 ${victim} ${killAfterMs} ms into saving "${charger}" → back in ${recoveryMs} ms; ` +
            `${retries ? `not acknowledged, saved again (${retries}×) as ${identity}` : `acknowledged as ${identity}`}`,
        );
        if (!acknowledged)
          failures.push(`${mode}: ${charger} never acknowledged after killing ${victim}`);
      }
    }
    failures.push(...(await verify(mode, page, ids, rounds)));
  } finally {
    await browser.close();
    product.kill("SIGTERM");
    await new Promise((resolve) => product.once("exit", resolve));
    own?.stop();
  }
  return { rounds, failures };
}

/** Charger by charger: the last acknowledged save is what everyone sees; nothing twice. */
async function verify(mode: Mode, page: Page, ids: Map<string, string>, rounds: Round[]) {
  const failures: string[] = [];
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const get = (url: string) => fetch(url, { headers: { cookie: cookies } });
  for (const charger of CHARGERS) {
    const mine = rounds.filter((r) => r.charger === charger && r.acknowledged);
    const last = mine.at(-1);
    if (!last) continue;
    const id = ids.get(charger)!;
    try {
      await waitUntil(
        async () =>
          (await (await get(`${origin}/api/chargers/${id}/status`)).json()) as {
            ocppStatus: string;
            desiredConfigVersion: number;
            appliedConfigVersion: number;
          },
        (s) => s.ocppStatus === "connected" && s.appliedConfigVersion === s.desiredConfigVersion,
        `${charger} connected with its last configuration applied`,
        90_000,
      );
      const connected = await waitUntil(
        async () =>
          (
            (await (await fetch(`http://127.0.0.1:${PORTS.csms}/api/chargers`)).json()) as {
              chargers: string[];
            }
          ).chargers,
        (list) => list.includes(last.identity),
        `the central system to see ${last.identity}`,
        60_000,
      );
      const stale = mine.slice(0, -1).filter((r) => connected.includes(r.identity));
      if (stale.length)
        failures.push(`${mode}: ${charger} also connected as ${stale.map((r) => r.identity)}`);
      await page.goto(`${origin}/chargers/${id}/ocpp`);
      const shown = await page.getByLabel("Charge point identity").inputValue();
      if (shown !== last.identity)
        failures.push(`${mode}: ${charger} shows ${shown}, last saved ${last.identity}`);
    } catch (error) {
      failures.push(`${mode}: ${(error as Error).message}`);
    }
  }
  // One CSV line per audit entry; Before and After are JSON (quotes doubled), After the later
  // of the two: the identity a save set is the last one on its line.
  const csv = await (await get(`${origin}/api/audit/export?action=ocpp.configure`)).text();
  const setIdentities = csv
    .split("\n")
    .filter((line) => line.includes("ocpp.configure"))
    .map((line) => [...line.matchAll(/""identity"":""([^"]+)""/g)].at(-1)?.[1]);
  for (const round of rounds) {
    const times = setIdentities.filter((identity) => identity === round.identity).length;
    if (round.acknowledged && times !== 1) {
      failures.push(`${mode}: ${round.identity} audited ${times} times (expected once)`);
    }
  }
  return failures;
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-"));
  const modes: Mode[] = process.env.CHAOS_MODES
    ? (process.env.CHAOS_MODES.split(",") as Mode[])
    : ["pglite", "postgres"];
  const started = Date.now();
  const all: Round[] = [];
  const failures: string[] = [];
  for (const mode of modes) {
    const result = await runMode(mode, workDir).catch((error: unknown) => ({
      rounds: [] as Round[],
      failures: [`${mode}: ${(error as Error).stack ?? String(error)}`],
    }));
    all.push(...result.rounds);
    failures.push(...result.failures);
  }
  console.log("\nChaos suite: what was killed, and how long the product took to come back");
  console.log("mode      victim          kill at   recovered in   acknowledged   charger");
  for (const r of all) {
    console.log(
      `${r.mode.padEnd(9)} ${r.victim.padEnd(15)} ${`${r.killAfterMs} ms`.padEnd(9)} ${`${(r.recoveryMs / 1000).toFixed(1)} s`.padEnd(14)} ${(r.acknowledged ? (r.retries ? `after ${r.retries} retry` : "yes") : "NO").padEnd(14)} ${r.charger}`,
    );
  }
  const byVictim = new Map<string, number[]>();
  for (const r of all) byVictim.set(r.victim, [...(byVictim.get(r.victim) ?? []), r.recoveryMs]);
  for (const [victim, times] of byVictim) {
    console.log(
      `  ${victim}: recovery ${Math.min(...times) / 1000}–${Math.max(...times) / 1000} s`,
    );
  }
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${workDir}`);
  if (failures.length) {
    console.error(`\nChaos suite FAILED:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log("\nChaos suite passed: nothing acknowledged was lost or applied twice.");
  fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
