// `npm run screenshots`: the README's pictures, taken from the product itself. Starts the whole
// product on a fresh data directory (the demo's fleet), signs in as the demo's administrator,
// turns OCPP on for one charger (the demo has it off everywhere) and photographs the charger
// list, that charger's details and its OCPP tab, at 1280 and 390 px,
// in English and in French (the browser's language; the demo user has no saved preference),
// into docs/screenshots/. Builds the portal first if needed, like `npm start`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { preparePlugboard } from "./lib/prepare";
import { writeStartPlan } from "./lib/start-plan";

const ROOT = process.cwd();
const OUT = path.join(ROOT, "docs", "screenshots");
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3250);
const WIDTHS = [
  { name: "desktop", width: 1280, height: 860 },
  { name: "phone", width: 390, height: 844 },
] as const;
const LANGUAGES = [
  { name: "en", browser: "en-GB" },
  { name: "fr", browser: "fr-FR" },
] as const;

async function waitForHealth(deadline = Date.now() + 300_000): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the product did not start within 5 minutes");
}

async function signIn(page: Page, signInLabel: string) {
  await page.goto(`http://127.0.0.1:${PORT}/login`);
  await page.locator('input[name="email"]').fill("admin@plugboard.test");
  await page.locator('input[name="password"]').fill("plugboard-demo");
  await page.getByRole("button", { name: signInLabel }).click();
  await page.waitForURL(/\/chargers$/);
}

/**
 * Turns OCPP on for the first charger of the list, towards the demo central system, the way an
 * administrator does (the demo starts with OCPP off everywhere), and waits until it is
 * connected: the pictures show a charger in the state the product is for.
 */
async function connectOneCharger(page: Page): Promise<string> {
  // Until the fleet has come up, every charger is offline.
  let charger: string | null = null;
  for (const deadline = Date.now() + 120_000; !charger;) {
    await page.goto(`http://127.0.0.1:${PORT}/chargers?status=disabled`);
    const link = page.locator('tbody a[href^="/chargers/"]').first();
    if ((await link.count()) > 0) charger = await link.getAttribute("href");
    else if (Date.now() > deadline) throw new Error("no charger online within 2 minutes");
    else await page.waitForTimeout(2_000);
  }
  await page.goto(`http://127.0.0.1:${PORT}${charger}/ocpp`);
  await page.locator('input[name="enabled"]').check();
  await page.locator('input[name="url"]').fill(`ws://127.0.0.1:${PORT + 2}/ocpp`);
  await page.locator('input[name="identity"]').fill("VOLTA-L1-01");
  await page.locator('input[name="acceptTerms"]').check();
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId("ocpp-status").getByText("Connected").waitFor({ timeout: 120_000 });
  return charger;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plugboard-screenshots-"));
  const env = {
    ...process.env,
    PORT: String(PORT),
    DEVICE_MANAGER_PORT: String(PORT + 1),
    DEMO_CSMS_PORT: String(PORT + 2),
    FLEET_HEALTH_PORT: String(PORT + 3),
    PLUGBOARD_DATA_DIR: dataDir,
  };
  // Built and seeded here, then run by the bundled supervisor exactly as `npm start` does.
  Object.assign(process.env, env);
  writeStartPlan(await preparePlugboard({ root: ROOT, dataDir, port: PORT }));
  // The product's output goes to a file, shown if it does not come up.
  const logFile = path.join(dataDir, "product.log");
  const log = fs.openSync(logFile, "a");
  const product = spawn(process.execPath, [path.join(ROOT, ".build/scripts/supervise.mjs")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", log, log],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-product.pid!, "SIGINT");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  try {
    await waitForHealth().catch((error: Error) => {
      const output = fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
      throw new Error(`${error.message}; the product said:\n${output}`);
    });
    fs.mkdirSync(OUT, { recursive: true });
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox"],
    });
    let charger: string | undefined;
    for (const language of LANGUAGES) {
      const context = await browser.newContext({
        locale: language.browser,
        timezoneId: "Europe/Paris",
        viewport: { width: 1280, height: 860 },
      });
      const page = await context.newPage();
      await signIn(page, language.name === "fr" ? "Se connecter" : "Sign in");
      charger ??= await connectOneCharger(page);
      const shots = [
        { name: "charger-list", url: "/chargers" },
        { name: "charger-details", url: charger },
        { name: "ocpp-tab", url: `${charger}/ocpp` },
      ];
      for (const shot of shots) {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width: width.width, height: width.height });
          await page.goto(`http://127.0.0.1:${PORT}${shot.url}`);
          await page.waitForLoadState("networkidle").catch(() => undefined);
          const file = path.join(OUT, `${shot.name}-${width.name}-${language.name}.png`);
          await page.screenshot({ path: file, fullPage: width.name === "phone" });
          console.log(`wrote ${path.relative(ROOT, file)}`);
        }
      }
      await context.close();
    }
    await browser.close();
  } finally {
    stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[screenshots] failed:", error);
    process.exit(1);
  },
);
