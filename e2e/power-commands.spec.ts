import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, OCPP_ADMIN, OCPP_CPO } from "./support/constants";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

async function openCharger(page: Page, name: string) {
  await page.goto("/chargers?q=" + encodeURIComponent(name));
  await page.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test.describe("restart and factory reset", () => {
  test("support restarts another organisation's charger with a reason and sees it come back", async ({
    page,
  }) => {
    await signIn(page, "support@plugboard.test");
    await openCharger(page, "Trial 7");
    const header = page.locator("h1").locator("..");
    await expect(header).toContainText("Disabled", { timeout: 30_000 });
    await page.getByRole("button", { name: "Restart", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Restart?" });
    await dialog.getByRole("button", { name: "Restart the charger" }).click();
    await expect(
      dialog.getByText("Give a reason: support actions are audited with it."),
    ).toBeVisible();
    await dialog.getByLabel("Reason").fill("Ticket 1234: charger unresponsive");
    await dialog.getByRole("button", { name: "Restart the charger" }).click();
    await expect(page.getByText("Restart sent. The charger restarts now.")).toBeVisible();
    await expect(header).toContainText("Restarting");
    await expect(header).toContainText("Disabled", { timeout: 30_000 });
    await expect(header).not.toContainText("Restarting");
  });

  test("a cpo has no restart or reset", async ({ page }) => {
    await signIn(page, OCPP_CPO, E2E_PASSWORD);
    await openCharger(page, "Trial 8");
    await expect(page.getByRole("button", { name: "Restart", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Factory reset" })).toHaveCount(0);
  });

  test("a factory reset leaves OCPP Disabled and its settings cleared", async ({ page }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openCharger(page, "Trial 9");
    const chargerUrl = page.url();
    await page.goto(`${chargerUrl}/ocpp`);
    await expect(page.getByTestId("ocpp-status")).toContainText("Disabled", { timeout: 30_000 });
    await page.getByRole("switch", { name: "Enable OCPP" }).check();
    await page.getByLabel("URL").fill(DEMO_CSMS_URL);
    await page.getByLabel("Charge point identity").fill("E2E-RESET");
    await page.getByLabel("I accept the terms and conditions").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("ocpp-status")).toContainText("Connected", { timeout: 30_000 });

    await page.goto(chargerUrl);
    await page.getByRole("button", { name: "Factory reset" }).click();
    const dialog = page.getByRole("dialog", { name: "Factory reset?" });
    await expect(dialog).toContainText("OCPP configuration is cleared");
    await dialog.getByRole("button", { name: "Reset to factory settings" }).click();
    await expect(page.getByText(/Factory reset sent/)).toBeVisible();

    await page.goto(`${chargerUrl}/ocpp`);
    await expect(page.getByTestId("ocpp-status")).toContainText("Disabled", { timeout: 30_000 });
    await expect(page.getByRole("switch", { name: "Enable OCPP" })).not.toBeChecked();
    await expect(page.getByLabel("URL")).toHaveValue("");
    await expect(page.getByLabel("Charge point identity")).toHaveValue("");
  });
});
