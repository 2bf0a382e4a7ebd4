// Webhooks through the whole stack: an administrator adds an endpoint for a charger's status
// changes and its connection (a form without events refused first); its secret shows once. The
// charger's OCPP is turned on in its OCPP tab; a receiver in the test sees connecting, then
// connected, each verified with the standardwebhooks library's own Webhook.verify. Its first
// answer is a 500: the same message comes again after the backoff. The delivery log shows it,
// and "Send again" sends a message once more with the same id. Both pages pass axe at phone
// width.
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { E2E_PASSWORD } from "./support/constants";
import { checkAtPhoneWidth } from "./support/phone-width";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";
import { HOOKS_ADMIN, HOOKS_CHARGER } from "./support/webhook-fixtures";
import { addWebhookEndpoint, startWebhookReceiver, type Receiver } from "./support/webhooks";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

interface StatusMessage {
  type: string;
  data: { charger: { name: string }; status: string; previous: { status: string } };
}

test.describe("webhooks", () => {
  let receiver: Receiver;

  test.beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  test.afterAll(() => receiver?.close());

  test("a receiver sees the charger's status changes, signed; a failed delivery is retried and sent again from the log", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, HOOKS_ADMIN, E2E_PASSWORD);
    await page.goto("/settings");
    await page
      .getByRole("navigation", { name: "Settings sections" })
      .getByRole("link", { name: "Webhooks" })
      .click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByText("No webhook endpoints yet.")).toBeVisible();

    // No event chosen: refused beside the events, the URL kept, nothing added.
    const form = page.getByRole("region", { name: "New endpoint" });
    const url = receiver.url("/status");
    await form.getByLabel("URL").fill(url);
    await form.getByRole("checkbox", { name: "Charger status changed" }).uncheck();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByText("Choose at least one event from the list.")).toBeVisible();
    await expect(form.getByLabel("URL")).toHaveValue(url);
    await expect(page.getByText("No webhook endpoints yet.")).toBeVisible();

    const secret = await addWebhookEndpoint(page, url, [
      "Charger status changed",
      "Charger connected",
    ]);
    const row = page.locator(`[data-url="${url}"]`);
    await expect(row).toContainText("Charger status changed, Charger connected");
    await expect(row.getByTestId("endpoint-state")).toHaveText("On");
    await page.reload();
    await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret.slice(6));
    await checkAtPhoneWidth(page, "webhooks-endpoints");

    // The receiver's first answer fails: that message is retried after 10 s.
    receiver.answers.push(500);
    await page.goto(`/chargers?q=${encodeURIComponent(HOOKS_CHARGER.name)}`);
    await page.getByRole("link", { name: HOOKS_CHARGER.name }).click();
    await page
      .getByRole("navigation", { name: "Charger sections" })
      .getByRole("link", { name: "OCPP" })
      .click();
    await expect(page.getByText("Live updates on")).toBeVisible();
    await page.getByRole("switch", { name: "Enable OCPP" }).setChecked(true);
    await page.getByLabel("URL").fill(DEMO_CSMS_URL);
    await page.getByLabel("Charge point identity").fill("E2E-HOOK-ONE");
    await page.getByLabel("I accept the terms and conditions").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(toast(page, "Saved.")).toBeVisible();
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });

    // Every message verifies with the endpoint's secret; the statuses arrive as they happened.
    const messages = () =>
      receiver.received.map((r) => ({
        id: r.headers["webhook-id"],
        message: new Webhook(secret).verify(r.body, r.headers) as StatusMessage,
      }));
    const delivered = () => {
      // One per message id: the 500's message comes again with the same id.
      const byId = new Map(messages().map((m) => [m.id, m.message]));
      return [...byId.values()];
    };
    await expect
      .poll(() => delivered().map((m) => `${m.type}:${m.data.status}`), { timeout: 40_000 })
      .toEqual(
        expect.arrayContaining([
          "charger.status_changed:connecting",
          "charger.status_changed:connected",
          "charger.connected:connected",
        ]),
      );
    const connected = delivered().find((m) => m.type === "charger.connected")!;
    expect(connected.data).toMatchObject({
      charger: { name: HOOKS_CHARGER.name },
      status: "connected",
    });
    // The one answered 500 comes again after the backoff (10 s), with the same id and body.
    const repeatedId = () => {
      const ids = messages().map((m) => m.id);
      return ids.find((id, i) => ids.indexOf(id) !== i);
    };
    await expect
      .poll(repeatedId, { timeout: 30_000, message: "the message answered 500 is sent again" })
      .toBeDefined();
    const repeated = repeatedId()!;
    const copies = receiver.received.filter((r) => r.headers["webhook-id"] === repeated);
    expect(copies[1]!.body).toBe(copies[0]!.body);

    // The log: every message delivered, the retried one after two attempts.
    await page.goto("/settings/webhooks");
    await page.getByRole("link", { name: url }).click();
    await expect(page.getByRole("heading", { name: `Endpoint ${url}` })).toBeVisible();
    const rows = page.locator("[data-event]");
    await expect(rows.first()).toBeVisible();
    await expect(page.locator('[data-delivery-status="delivered"]')).toHaveCount(
      await rows.count(),
    );
    await expect(rows.filter({ hasText: repeated })).toContainText("HTTP 204");
    await checkAtPhoneWidth(page, "webhooks-deliveries");

    // Send again: the same message once more.
    const before = receiver.received.length;
    await rows
      .filter({ hasText: repeated })
      .getByRole("button", { name: /^Send again/ })
      .click();
    await expect(toast(page, "The message will be sent again in a few seconds.")).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(before + 1);
    expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(repeated);
    new Webhook(secret).verify(receiver.received.at(-1)!.body, receiver.received.at(-1)!.headers);

    // Turned off, then deleted (confirmed): the list is empty again; the audit log has it all.
    await page.goto("/settings/webhooks");
    await page.getByRole("button", { name: `Turn off ${url}` }).click();
    await expect(toast(page, /Endpoint turned off/)).toBeVisible();
    await expect(page.locator(`[data-url="${url}"]`).getByTestId("endpoint-state")).toHaveText(
      "Off",
    );
    await page.getByRole("button", { name: `Delete ${url}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(toast(page, "Endpoint deleted.")).toBeVisible();
    await expect(page.getByText("No webhook endpoints yet.")).toBeVisible();
    await page.goto("/audit");
    for (const label of [
      "Webhook endpoint added",
      "Webhook message sent again",
      "Webhook endpoint turned off",
      "Webhook endpoint deleted",
    ]) {
      await expect(page.getByRole("cell", { name: new RegExp(`^${label}`) })).toBeVisible();
    }
  });
});
