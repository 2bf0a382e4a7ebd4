import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, PAGING_ADMIN } from "./support/fixtures";

test.describe("charger list", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, PAGING_ADMIN, E2E_PASSWORD);
  });

  const rows = (page: Page) => page.locator("tbody tr");

  test("shows counts per status and each charger's model, part number, network and status", async ({
    page,
  }) => {
    await expect(page.getByTestId("count-connected")).toHaveText("33");
    await expect(page.getByTestId("count-error")).toHaveText("32");
    await expect(rows(page)).toHaveCount(50);
    const first = rows(page).first();
    await expect(first).toContainText("Paging 000");
    await expect(first).toContainText("Copper SB");
    await expect(first).toContainText("CPB1-S-2-4-8");
    await expect(first).toContainText("Ethernet");
    await expect(first).toContainText("Connected");
  });

  test("paginates forwards and back, 50 a page", async ({ page }) => {
    await page.getByRole("link", { name: "Next page →" }).click();
    await expect(rows(page).first()).toContainText("Paging 050");
    await page.getByRole("link", { name: "Next page →" }).click();
    await expect(rows(page)).toHaveCount(30);
    await expect(rows(page).last()).toContainText("Paging 129");
    await expect(page.getByRole("link", { name: "Next page →" })).toHaveCount(0);
    await page.getByRole("link", { name: "← Previous page" }).click();
    await expect(rows(page).first()).toContainText("Paging 050");
    await expect(rows(page)).toHaveCount(50);
  });

  test("searches by name or serial number", async ({ page }) => {
    await page.getByLabel("Search").fill("paging 12");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows(page)).toHaveCount(10);
    await page.getByLabel("Search").fill("PG0007");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText("Paging 007");
  });

  test("filters by status and by model, and sorts", async ({ page }) => {
    await page.getByLabel("OCPP status").selectOption("error");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows(page)).toHaveCount(32);
    await expect(rows(page).first()).toContainText("Error");
    await page.getByLabel("OCPP status").selectOption("");
    await page.getByLabel("Model").selectOption("CPB1");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows(page)).toHaveCount(26);
    await page.getByLabel("Model").selectOption("");
    await page.getByLabel("Sort by").selectOption("serial");
    await page.getByLabel("Order").selectOption("desc");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows(page).first()).toContainText("PG0129");
  });

  test("a status count filters the list", async ({ page }) => {
    await page
      .getByRole("link", { name: /Connecting/ })
      .first()
      .click();
    await expect(rows(page)).toHaveCount(33);
    await expect(page.getByLabel("OCPP status")).toHaveValue("connecting");
  });
});
