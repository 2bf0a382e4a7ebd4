import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, OCPP_ADMIN } from "./support/constants";

async function openCharger(page: Page, name: string) {
  await page.goto("/chargers?q=" + encodeURIComponent(name));
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test.describe("feature availability says why", () => {
  test("on a Basic organisation Power Boost is unavailable, with the plan that has it", async ({
    page,
  }) => {
    await signIn(page, "admin@greenway.test");
    await openCharger(page, "Front drive 1");
    const powerBoost = page.getByTestId("feature-unavailable-powerBoost");
    await expect(powerBoost).toContainText("Available on the Standard plan");
    await expect(powerBoost.getByRole("link", { name: /Change to Standard/ })).toHaveAttribute(
      "href",
      "/settings",
    );
  });

  test("with OCPP on, lock and unlock are unavailable because the central system is in charge", async ({
    page,
  }) => {
    await signIn(page, OCPP_ADMIN, E2E_PASSWORD);
    await openCharger(page, "Trial OCPP on");
    await expect(page.getByTestId("feature-unavailable-lockUnlock")).toContainText(
      "Not available while OCPP is enabled — the central system is in charge",
    );
    // What stays available under OCPP stays available.
    await expect(page.getByRole("region", { name: "Features" })).toContainText("Available: ");
    await expect(page.getByTestId("feature-unavailable-restart")).toHaveCount(0);
  });

  test("a charger behind a VPN says to allow outbound 443 and 80", async ({ page }) => {
    await signIn(page, "admin@plugboard.test");
    await openCharger(page, "Level -2 bay 04");
    await expect(page.getByTestId("feature-unavailable-restart").first()).toContainText(
      "allow outbound connections to the cloud (*.wall-box.com) on ports 443 and 80",
    );
    await expect(page.getByRole("button", { name: "Restart", exact: true })).toHaveCount(0);
  });

  test("a Pulsar has no RFID reader for RFID users", async ({ page }) => {
    await signIn(page, "admin@plugboard.test");
    await openCharger(page, "Level -1 bay 02");
    await expect(page.getByTestId("feature-unavailable-rfidUsers")).toContainText(
      "This model has no RFID reader",
    );
  });
});
