import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { choosePlan } from "./support/plan";

async function openSettings(page: Page) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(page).toHaveURL(/\/settings$/);
}

test.describe("plan", () => {
  test("Greenway's admin sees Basic, changes to Standard, and every page follows at once", async ({
    page,
  }) => {
    await signIn(page, "admin@greenway.test");
    await page.goto("/audit");
    await expect(page.getByTestId("feature-unavailable-auditExport")).toContainText(
      "Available on the Business plan (this organisation is on Basic).",
    );

    await openSettings(page);
    await expect(page.getByTestId("current-plan")).toHaveText("Current plan: Basic");
    await expect(page.getByRole("radio", { name: "Basic" })).toBeChecked();
    await expect(
      page.getByTestId("plan-comparison").getByRole("columnheader", { name: "Basic (current)" }),
    ).toBeVisible();
    await choosePlan(page, "Standard");
    await expect(
      page.getByTestId("plan-comparison").getByRole("columnheader", { name: "Standard (current)" }),
    ).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("current-plan")).toHaveText("Current plan: Standard");

    // Other pages read the new plan at once, and the change is in the audit log.
    await page.goto("/audit?action=organization.change-plan");
    await expect(page.getByTestId("feature-unavailable-auditExport")).toContainText(
      "(this organisation is on Standard)",
    );
    const entry = page.getByTestId("audit-table").locator("tbody tr").first();
    await expect(entry).toContainText("Plan changed");
    await expect(entry).toContainText("admin@greenway.test");
    await expect(entry).toContainText("basic");
    await expect(entry).toContainText("standard");
    await expect(entry).toContainText("Success");

    // Back to Basic, so the demo organisation is as the other specs expect it.
    await page.goto("/settings");
    await choosePlan(page, "Basic");
  });

  test("a cpo sees the plan read-only and cannot change it", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await openSettings(page);
    await expect(page.getByTestId("current-plan")).toHaveText("Current plan: Standard");
    await expect(
      page.getByText("Read-only: only an administrator of Volta Parking can change the plan."),
    ).toBeVisible();
    await expect(page.getByRole("radio")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Change plan" })).toHaveCount(0);
  });

  test("support sees every organisation's plan, read-only", async ({ page }) => {
    await signIn(page, "support@plugboard.test");
    await openSettings(page);
    const table = page.getByRole("table", { name: "Organisations and their plans" });
    await expect(table.getByRole("row", { name: /Volta Parking\s+Standard/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /Paging Fleet\s+Business/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Change plan" })).toHaveCount(0);
  });
});
