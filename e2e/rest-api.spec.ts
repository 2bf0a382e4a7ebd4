// The REST API through the whole stack: a token created in the browser drives the typed example
// client (examples/enable-ocpp.ts, run as a separate process) to turn OCPP on for a charger, and
// the portal shows that charger connecting, then connected; the reference renders at /api-docs.
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { API_ADMIN, API_CHARGER } from "./support/api-fixtures";
import { E2E_PASSWORD } from "./support/constants";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DEMO_CSMS_URL = `ws://127.0.0.1:${PORT + 2}/ocpp`;

/** Runs the example client to its end: its exit code and what it printed. */
function runExample(token: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "examples/enable-ocpp.ts", ...args], {
      env: { ...process.env, PLUGBOARD_URL: `http://127.0.0.1:${PORT}`, PLUGBOARD_TOKEN: token },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("close", (code) => resolve({ code, out }));
  });
}

test("a token made in the browser drives the API to turn OCPP on; the portal shows it connecting then connected", async ({
  page,
}) => {
  await signIn(page, API_ADMIN, E2E_PASSWORD);
  await page.goto("/settings/api-tokens");
  await page.getByLabel("Name").fill("Example client");
  await page.getByLabel(/^Configure:/).check();
  await page.getByRole("button", { name: "Create the token" }).click();
  await expect(toast(page, "Token Example client created.")).toBeVisible();
  const token = await page.getByRole("textbox", { name: "The new token" }).inputValue();

  // The charger's OCPP tab, recording every status it shows from now on.
  await page.goto(`/chargers?q=${encodeURIComponent(API_CHARGER.name)}`);
  await page.getByRole("link", { name: API_CHARGER.name }).click();
  await page
    .getByRole("navigation", { name: "Charger sections" })
    .getByRole("link", { name: "OCPP" })
    .click();
  await expect(page.getByTestId("ocpp-status")).toContainText("Disabled", { timeout: 30_000 });
  await expect(page.getByText("Live updates on")).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    const read = () => {
      const status = document
        .querySelector('[data-testid="ocpp-status"] [data-status]')
        ?.getAttribute("data-status");
      if (status && w.seen.at(-1) !== status) w.seen.push(status);
    };
    new MutationObserver(read).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  });

  const result = await runExample(token, [API_CHARGER.name, DEMO_CSMS_URL, "E2E-API-ONE"]);
  expect(result.out).toContain(`${API_CHARGER.name}\t`);
  expect(result.out).toContain("status: connected");
  expect(result.code, result.out).toBe(0);

  await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen).toContain("connecting");
  expect(seen.indexOf("connecting")).toBeLessThan(seen.lastIndexOf("connected"));
  // The saved settings are the API's: the tab shows them once read again.
  await page.reload();
  await expect(page.getByLabel("Charge point identity")).toHaveValue("E2E-API-ONE");
});

test("the API reference renders the generated document at /api-docs", async ({ page }) => {
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Plugboard API", exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText("Set a charger's OCPP configuration").first()).toBeVisible();
  const document = await page.request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
});
