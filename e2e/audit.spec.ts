import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { chargerPuk } from "@/lib/chargers/puk";
import { E2E_FACTORY_KEY, E2E_PASSWORD, PAGING_ADMIN } from "./support/constants";
import { toast } from "./support/toast";

async function addCharger(page: Page, serialNumber: string, name: string) {
  await page.goto("/chargers/new");
  await page.getByLabel("Serial number").fill(serialNumber);
  await page.getByLabel("PUK").fill(chargerPuk(serialNumber, E2E_FACTORY_KEY));
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Part number").fill("PLP1-0-2-4-9");
  await page.getByRole("button", { name: "Add charger" }).click();
  await expect(toast(page, "added")).toHaveText(`Charger ${serialNumber} added.`);
}

async function applyFilters(page: Page) {
  await page.getByRole("button", { name: "Apply" }).click();
}

test.describe("audit log", () => {
  test("an admin sees its organisation's entries only, and filters them", async ({ page }) => {
    // Greenway's admin leaves an entry that Volta's admin must never see.
    await signIn(page, "admin@greenway.test");
    await addCharger(page, "E2E-AUD-G1", "Audit Greenway bay");
    await page.context().clearCookies();

    await signIn(page, "admin@plugboard.test");
    await addCharger(page, "E2E-AUD-V1", "Audit Volta bay");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Audit" })
      .click();
    await expect(page).toHaveURL(/\/audit$/);
    const table = page.getByTestId("audit-table");
    const rows = table.locator("tbody tr");
    await expect(rows.first()).toContainText("Charger added");
    await expect(rows.first()).toContainText("admin@plugboard.test");
    await expect(rows.first()).toContainText("E2E-AUD-V1");
    await expect(rows.first()).toContainText("Success");
    await expect(table).not.toContainText("E2E-AUD-G1");
    await expect(table).not.toContainText("admin@greenway.test");

    await page.getByLabel("Action").selectOption({ label: "Charger added" });
    await applyFilters(page);
    await expect(page).toHaveURL(/action=charger\.add/);
    await expect(rows.first()).toBeVisible();
    await expect(table.locator('tbody tr:not([data-action="charger.add"])')).toHaveCount(0);

    await page.getByLabel("Charger", { exact: true }).fill("aud-v1");
    await applyFilters(page);
    await expect(rows).toHaveCount(1);
    await page.getByLabel("User").fill("nobody@");
    await applyFilters(page);
    await expect(page.getByText("No entry matches these filters.")).toBeVisible();
    await page.getByLabel("User").fill("admin@plugboard");
    await applyFilters(page);
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole("link", { name: "Audit Volta bay" }).click();
    await expect(page.getByRole("heading", { name: "Audit Volta bay" })).toBeVisible();
  });

  test("Volta is on Standard: no CSV export, and the page says which plan has it", async ({
    page,
  }) => {
    await signIn(page, "admin@plugboard.test");
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
    const reason = page.getByTestId("feature-unavailable-auditExport");
    await expect(reason).toContainText("Available on the Business plan");
    await expect(
      reason.getByRole("link", { name: "Change to Business in Settings" }),
    ).toHaveAttribute("href", "/settings");
  });

  test("the export route itself refuses no session and a plan below Business", async ({
    page,
    request,
  }) => {
    expect((await request.get("/api/audit/export")).status()).toBe(401);
    await signIn(page, "admin@plugboard.test");
    const response = await page.request.get("/api/audit/export");
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ requiredPlan: "business" });
  });

  test("a cpo reads the log of its organisation", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Audit" })
      .click();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByText("You see your organisation's entries only.")).toBeVisible();
    await expect(page.getByTestId("feature-unavailable-auditExport")).toContainText(
      "Ask an administrator",
    );
  });

  test("the Business organisation downloads its log as CSV", async ({ page }) => {
    await signIn(page, PAGING_ADMIN, E2E_PASSWORD);
    await page.goto("/audit");
    const link = page.getByRole("link", { name: "Export CSV" });
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-paging-fleet-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await fs.readFile((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFTime (ISO 8601 with offset),Organisation,User,Role,Action,")).toBe(
      true,
    );
    // The export records itself, so the file always holds at least that line.
    expect(csv).toMatch(/\r\n[^\r\n]*,Paging Fleet,admin@paging\.test,admin,audit\.export,/);
  });

  test("support narrows to one organisation to export it", async ({ page }) => {
    await signIn(page, "support@plugboard.test");
    await page.goto("/audit");
    await expect(page.getByText("To export a CSV, choose one organisation")).toBeVisible();
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
    await page.getByLabel("Organisation").selectOption({ label: "Paging Fleet" });
    await applyFilters(page);
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
      "href",
      /^\/api\/audit\/export\?organization=[0-9a-f-]{36}$/,
    );
  });
});
