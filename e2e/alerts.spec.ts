// Alerts through the whole stack: an administrator adds an "in error for more than 1 minute"
// rule (a negative threshold refused first) and a webhook endpoint for the alert events
// (/settings/webhooks); a charger is driven into error on
// the demo central system (BootNotification Rejected); the server opens the alert on its own
// (the evaluator runs every 2 s here), the inbox shows it and the navigation's count goes up
// live on another page; it is acknowledged (the count goes down), the charger is fixed, and
// the alert resolves by itself. A local receiver checks the signed opened/resolved messages
// with standardwebhooks' own verify. The pages are checked at phone width with axe.
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { checkAtPhoneWidth } from "./support/phone-width";
import { signIn } from "./support/sign-in";
import { ALERTS_ADMIN, ALERTS_CHARGER, ALERTS_CPO, E2E_PASSWORD } from "./support/constants";
import { toast } from "./support/toast";
import { addWebhookEndpoint, startWebhookReceiver, type Receiver } from "./support/webhooks";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

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

test.describe("alerts", () => {
  let receiver: Receiver;

  test.beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  test.afterAll(() => {
    receiver?.close();
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

    // Checked without the toast (it fades in and out over the page).
    await page.reload();
    await checkAtPhoneWidth(page, "alerts-rules");
    // The rules page points to the webhooks; an endpoint for the alert events.
    await page.getByRole("link", { name: "Manage webhooks" }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    const secret = await addWebhookEndpoint(page, receiver.url("/alerts"), [
      "Alert opened",
      "Alert resolved",
    ]);
    const received = receiver.received;

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
    await checkAtPhoneWidth(page, "alerts-inbox");
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
    await page.goto("/settings/webhooks");
    await page.getByRole("link", { name: receiver.url("/alerts") }).click();
    await expect(page.locator('[data-event="alert.opened"]')).toContainText("Delivered");
    await expect(page.locator('[data-event="alert.resolved"]')).toContainText("HTTP 204");
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
