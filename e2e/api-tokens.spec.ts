// API tokens in the browser: a Business organisation's administrator creates one (shown once),
// sees it listed by its prefix, and revokes it; a Standard organisation is told why it has none.
import { expect, test } from "@playwright/test";
import { BULK_ADMIN, E2E_PASSWORD } from "./support/constants";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

test("a Business administrator creates a token, shown once, and revokes it", async ({ page }) => {
  await signIn(page, BULK_ADMIN, E2E_PASSWORD);
  await page.goto("/settings/api-tokens");
  await expect(page.getByRole("heading", { name: "API tokens", level: 2 })).toBeVisible();
  // No scope: refused by the scopes' own error.
  await page.getByLabel("Name").fill("Billing sync");
  await page.getByLabel(/^Read:/).uncheck();
  await page.getByRole("button", { name: "Create the token" }).click();
  await expect(page.getByText("Choose at least one scope.")).toBeVisible();
  await page.getByLabel("Name").fill("Billing sync");
  await page.getByLabel(/^Read:/).check();
  await page.getByLabel(/^Configure:/).check();
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create the token" }).click();
  await expect(toast(page, "Token Billing sync created.")).toBeVisible();
  const token = await page.getByRole("textbox", { name: "The new token" }).inputValue();
  expect(token).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
  const row = page
    .getByRole("group", { name: "API tokens" })
    .locator('tr[data-name="Billing sync"]');
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  await expect(row).toContainText("read, configure");
  await expect(row).toContainText("Never");
  // Shown once: after a reload only the prefix remains.
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  await row.getByRole("button", { name: "Revoke Billing sync" }).click();
  await expect(toast(page, "Token Billing sync revoked: it no longer works.")).toBeVisible();
  await expect(row).toContainText("Revoked");
});

test("a Standard organisation's administrator is told API tokens need the Business plan", async ({
  page,
}) => {
  await signIn(page, "admin@plugboard.test");
  await page.goto("/settings/api-tokens");
  await expect(page.getByText(/API tokens:.*Business/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create the token" })).toHaveCount(0);
});
