// Alerts through the whole stack: an administrator adds an "in error for more than 1 minute"
// rule (a negative threshold refused first) and a webhook; a charger is driven into error on
// the demo central system (BootNotification Rejected); the server opens the alert on its own
// (the evaluator runs every 2 s here), the inbox shows it and the navigation's count goes up
// live on another page; it is acknowledged (the count goes down), the charger is fixed, and
// the alert resolves by itself. A local receiver checks the signed opened/resolved messages
// with standardwebhooks' own verify. The pages are checked at phone width with axe.
import http from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { signIn } from "./support/sign-in";
import { ALERTS_ADMIN, ALERTS_CHARGER, ALERTS_CPO, E2E_PASSWORD } from "./support/constants";
import { toast } from "./support/toast";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

interface Received {
  headers: Record<string, string>;
  body: string;
}

async function openOcppTab(page: Page) {
  await page.goto("/chargers?q=" + encodeURIComponent(ALERTS_CHARGER.name));
  await page.getByRole("link", { name: ALERTS_CHARGER.name }).click();
  await page
    .getByRole("navigation", { name: "Charger sections" })
    .getByRole("link", { name: "OCPP" })
    .click();
  await expect(page).toHaveURL(/\/ocpp$/);
  await expect(page.getByText("Live updates on")).toBeVisible();
}

async function saveOcpp(page: Page, identity: string) {
  await page.getByRole("switch", { name: "Enable OCPP" }).setChecked(true);
  await page.getByLabel("URL").fill(DEMO_CSMS_URL);
  await page.getByLabel("Charge point identity").fill(identity);
  await page.getByLabel("I accept the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Saved.")).toBeVisible();
}

async function axeAtPhoneWidth(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `test-results/alerts-${name}-390.png`, fullPage: true });
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    name,
  ).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe("alerts", () => {
  let server: http.Server;
  let receiverUrl: string;
  const received: Received[] = [];

  test.beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push({ headers: request.headers as Record<string, string>, body });
        response.statusCode = 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  });
  test.afterAll(() => {
    server?.close();
  });

  test("a charger in error opens an alert, counted live, acknowledged, then resolved by itself, each sent signed to the webhook", async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    await signIn(page, ALERTS_ADMIN, E2E_PASSWORD);

    // The rule: a negative threshold is refused beside its field, then 1 minute is added.
    await page.goto("/alerts/rules");
    await expect(page.getByText("No alert rules yet. Add one below.")).toBeVisible();
    await page.getByLabel("Condition").selectOption("charger_error");
    await page.getByLabel("Threshold", { exact: true }).fill("-5");
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect(page.getByText("Enter a whole number of minutes from 1 to 10080.")).toBeVisible();
    await expect(page.getByText("No alert rules yet. Add one below.")).toBeVisible();
    await page.getByLabel("Threshold", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect(toast(page, "Alert rule added.")).toBeVisible();
    await expect(
      page.getByRole("cell", { name: "In error for more than 1 minute", exact: true }),
    ).toBeVisible();

    // The webhook: its secret is shown once.
    await page.getByLabel("URL").fill(receiverUrl);
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect(toast(page, /Webhook saved/)).toBeVisible();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.reload();
    await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await axeAtPhoneWidth(page, "rules");

    // A second page, never reloaded, watches the navigation's count.
    const watcher = await browser.newPage();
    await signIn(watcher, ALERTS_ADMIN, E2E_PASSWORD);
    await watcher.goto("/sites");
    await expect(watcher.getByText("Live updates on")).toBeVisible();
    await expect(watcher.getByTestId("alerts-badge")).toHaveCount(0);

    // The charger's central system rejects it: Error.
    await openOcppTab(page);
    await saveOcpp(page, "CP-REJECTED");
    await expect(page.getByTestId("ocpp-status")).toContainText("Error", { timeout: 30_000 });

    // A minute later the server opens the alert, with no inbox open; the count goes up live.
    await expect(watcher.getByTestId("alerts-badge")).toHaveText(/^1/, { timeout: 100_000 });
    await page.goto("/alerts");
    const row = page.locator("[data-alert]").filter({ hasText: `Charger ${ALERTS_CHARGER.name}` });
    await expect(row).toContainText("In error for more than 1 minute");
    await expect(row).toContainText("Open");
    await expect(row.getByRole("link", { name: `Charger ${ALERTS_CHARGER.name}` })).toHaveAttribute(
      "href",
      /^\/chargers\/[0-9a-f-]{36}$/,
    );
    await axeAtPhoneWidth(page, "inbox");
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const opened = new Webhook(secret).verify(received[0]!.body, received[0]!.headers);
    expect(opened).toMatchObject({
      type: "alert.opened",
      data: { state: "open", charger: { name: ALERTS_CHARGER.name }, rule: { threshold: 1 } },
    });

    // Acknowledged: the count goes down at once on the other page.
    await row
      .getByRole("button", { name: `Acknowledge the alert on Charger ${ALERTS_CHARGER.name}` })
      .click();
    await expect(toast(page, "Alert acknowledged.")).toBeVisible();
    await expect(watcher.getByTestId("alerts-badge")).toHaveCount(0, { timeout: 15_000 });
    await page
      .getByRole("navigation", { name: "Alert states" })
      .getByRole("link", { name: "Acknowledged" })
      .click();
    const acknowledged = page.locator("[data-alert]").filter({ hasText: ALERTS_CHARGER.name });
    await expect(acknowledged).toContainText(`Acknowledged by ${ALERTS_ADMIN}`);

    // Fixed: the charger connects and the alert resolves by itself.
    await openOcppTab(page);
    await saveOcpp(page, "E2E-ALERT-OK");
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });
    await page.goto("/alerts?state=resolved");
    await expect(async () => {
      await page.reload();
      await expect(
        page.locator("[data-alert]").filter({ hasText: ALERTS_CHARGER.name }),
      ).toContainText("Resolved", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    const resolved = new Webhook(secret).verify(received[1]!.body, received[1]!.headers);
    expect(resolved).toMatchObject({ type: "alert.resolved", data: { state: "resolved" } });
    expect(received[1]!.headers["webhook-id"]).not.toBe(received[0]!.headers["webhook-id"]);

    // The delivery log says both were delivered; the audit log has the rule and the acknowledgement.
    await page.goto("/alerts/rules");
    await expect(page.locator('[data-delivery="alert.opened"]')).toContainText("Delivered");
    await expect(page.locator('[data-delivery="alert.resolved"]')).toContainText("HTTP 204");
    await page.goto("/audit");
    await expect(
      page.getByRole("cell", { name: /^Alert acknowledged alert\.acknowledge/ }),
    ).toBeVisible();
    await expect(
      page.getByRole("cell", { name: /^Alert rule added alert\.rule\.create/ }),
    ).toBeVisible();
    await watcher.close();
  });

  test("a CPO reads the rules and the inbox but changes no rule", async ({ page }) => {
    await signIn(page, ALERTS_CPO, E2E_PASSWORD);
    await page.goto("/alerts/rules");
    await expect(
      page.getByText("Only your organisation's administrators change alert rules."),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Add rule" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Turn off" })).toHaveCount(0);
    await page.goto("/alerts");
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Open", exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
  });
});
