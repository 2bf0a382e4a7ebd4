import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test.describe("add a charger", () => {
  test("an admin sees the field error for a bad part number, then adds a good one", async ({
    page,
  }) => {
    await signIn(page, "admin@plugboard.test");
    await page.getByRole("link", { name: "Add charger" }).click();
    await page.getByLabel("Serial number").fill("E2E-ADD-1");
    await page.getByLabel("Name").fill("Loading dock");
    await page.getByLabel("Part number").fill("PLP1-0-2-7-9");
    await page.getByRole("button", { name: "Add charger" }).click();
    const partNumber = page.getByLabel("Part number");
    await expect(partNumber).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/Unknown power code "7" for Pulsar Plus/)).toBeVisible();
    await expect(page.getByLabel("Serial number")).toHaveValue("E2E-ADD-1");

    await page.getByLabel("Part number").fill("PLP1-0-2-4-9");
    await page.getByRole("button", { name: "Add charger" }).click();
    await expect(page.getByRole("status").filter({ hasText: "added" })).toHaveText(
      "Charger E2E-ADD-1 added.",
    );
    await expect(
      page.getByText("Its device credential has been issued to the charger"),
    ).toBeVisible();
    await page.getByRole("link", { name: "Open charger E2E-ADD-1" }).click();
    await expect(page.getByRole("heading", { name: "Loading dock" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Details" })).toContainText(
      "Pulsar Plus, Type 2, 22 kW, 5 m cable, RCD + OCPP",
    );

    await page.goto("/chargers?q=E2E-ADD-1");
    await expect(page.locator("tbody tr")).toHaveCount(1);
  });

  test("a cpo sees no add form and the page is 404", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await expect(page.getByRole("link", { name: "Add charger" })).toHaveCount(0);
    const response = await page.goto("/chargers/new");
    expect(response?.status()).toBe(404);
  });

  test("support sees no add form either", async ({ page }) => {
    await signIn(page, "support@plugboard.test");
    await expect(page.getByRole("link", { name: "Add charger" })).toHaveCount(0);
  });
});
