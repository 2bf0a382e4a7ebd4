import { expect, test, type Page } from "@playwright/test";
import { closedPort } from "../services/virtual-charger/ocpp/testing/test-servers";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, OCPP_ADMIN, PROBE_CHARGER } from "./support/constants";
import { toast } from "./support/toast";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

async function openOcppTab(page: Page) {
  await page.goto("/chargers?q=" + encodeURIComponent(PROBE_CHARGER.name));
  await page.getByRole("link", { name: PROBE_CHARGER.name }).click();
  await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
  await page
    .getByRole("navigation", { name: "Charger sections" })
    .getByRole("link", { name: "OCPP" })
    .click();
  await expect(page).toHaveURL(/\/ocpp$/);
  await expect(page.getByText("Live updates on")).toBeVisible();
}

test.describe("Test connection", () => {
  test("Test connection to a closed port says refused and the saved configuration is unchanged", async ({
    page,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openOcppTab(page);
    const status = page.getByTestId("ocpp-status");
    await expect(status).toContainText("Disabled", { timeout: 30_000 });

    // A saved configuration the charger runs: connected to the demo central system.
    await page.getByRole("switch", { name: "Enable OCPP" }).setChecked(true);
    await page.getByLabel("URL").fill(DEMO_CSMS_URL);
    await page.getByLabel("Charge point identity").fill(PROBE_CHARGER.serial);
    await page.getByLabel("I accept the terms and conditions").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(toast(page, "Saved.")).toBeVisible();
    await expect(status).toContainText("Connected", { timeout: 30_000 });

    // Test other values, typed but not saved: nothing listens on that port.
    const port = await closedPort();
    await page.getByLabel("URL").fill(`ws://127.0.0.1:${port}/ocpp`);
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByRole("status", { name: "Connection test result" });
    await expect(result).toContainText("Connection refused by the central system", {
      timeout: 16_000,
    });
    await expect(result).toContainText(`127.0.0.1:${port}`);
    await expect(result).toContainText("What to check: Nothing is listening at that address");
    await expect(result).toContainText("Nothing was saved: the charger keeps its settings.");
    await expect(result).toHaveAttribute("aria-live", "polite");

    // Still the saved settings, still connected, the refusal nowhere in the charger's status.
    await page.reload();
    await expect(page.getByLabel("URL")).toHaveValue(DEMO_CSMS_URL);
    await expect(page.getByLabel("Charge point identity")).toHaveValue(PROBE_CHARGER.serial);
    await expect(page.getByRole("switch", { name: "Enable OCPP" })).toBeChecked();
    await expect(status).toContainText("Connected");
    await expect(page.getByTestId("ocpp-error-reason")).toHaveCount(0);
    const history = page.getByRole("region", { name: "Connection history" });
    await expect(
      history.getByRole("cell", { name: "Connected", exact: true }).first(),
    ).toBeVisible();
    await expect(history).not.toContainText("Connection refused");
  });
});
