import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { BULK_ADMIN, BULK_CPO, E2E_PASSWORD } from "./support/constants";
import { checkAtPhoneWidth } from "./support/phone-width";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

/** From the charger list filtered to a site, to the bulk form with that selection. */
async function openBulkFormFor(page: Page, site: string) {
  await page.goto("/chargers");
  await page.getByLabel("Site").selectOption({ label: site });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/site=/);
  await page.getByRole("link", { name: "Configure OCPP in bulk" }).click();
  await expect(page.getByRole("heading", { name: "Configure OCPP in bulk" })).toBeVisible();
}

async function fillForm(page: Page, template: string, rate = "5", concurrency = "50") {
  await page.getByLabel("Central system URL").fill(DEMO_CSMS_URL);
  await page.getByLabel("Identity template").fill(template);
  await page.getByLabel("Chargers per second").fill(rate);
  await page.getByLabel("At most in flight").fill(concurrency);
  await page.getByLabel("I accept the terms and conditions").check();
}

test.describe("bulk OCPP configuration", () => {
  test("a site with a template: the preview skips a non-OCPP charger and duplicate identities; the job brings every charger to connected", async ({
    page,
  }) => {
    await signIn(page, BULK_ADMIN, E2E_PASSWORD);
    await openBulkFormFor(page, "Bulk depot");
    await expect(page.getByTestId("bulk-selection")).toContainText(
      "4 chargers match the charger list's filters.",
    );

    // One identity for all: every OCPP charger is a duplicate, the other is not OCPP-capable.
    await fillForm(page, "BULK");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("table", { name: "Preview" });
    await expect(page.getByText("4 chargers: 0 to configure, 4 skipped.")).toBeVisible();
    await expect(preview.locator('tr[data-serial="E2E-BULK-NO"]')).toContainText(
      "Not OCPP-capable",
    );
    await expect(preview.locator('tr[data-serial="E2E-BULK-1"]')).toContainText(
      "The identity BULK is given to more than one charger of the selection.",
    );
    await expect(page.getByRole("button", { name: "Start the job" })).toBeDisabled();

    await page.getByLabel("Identity template").fill("BULK-{serial}");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("4 chargers: 3 to configure, 1 skipped.")).toBeVisible();
    await expect(preview.locator('tr[data-serial="E2E-BULK-2"]')).toContainText("BULK-E2E-BULK-2");
    await page.getByRole("button", { name: "Start the job" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);

    const rows = page.getByRole("table", { name: "Chargers of this job" });
    for (const serial of ["E2E-BULK-1", "E2E-BULK-2", "E2E-BULK-3"]) {
      await expect(rows.locator(`tr[data-serial="${serial}"]`)).toHaveAttribute(
        "data-step",
        "connected",
        { timeout: 60_000 },
      );
    }
    await expect(rows.locator('tr[data-serial="E2E-BULK-NO"]')).toHaveAttribute(
      "data-step",
      "skipped",
    );
    await expect(page.getByTestId("job-status")).toHaveText("Finished", { timeout: 15_000 });
    await expect(page.getByText("4 of 4 settled")).toBeVisible();
    // A count above the table shows the chargers at its step alone.
    const steps = page.getByRole("list", { name: "Show the chargers at a step" });
    await steps.getByRole("button", { name: "Skipped: 1" }).click();
    await expect(steps.getByRole("button", { name: "Skipped: 1" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(rows.locator("tbody tr")).toHaveCount(1);
    await expect(rows.locator("tbody tr")).toHaveAttribute("data-serial", "E2E-BULK-NO");
    await page.getByRole("button", { name: "All steps" }).click();
    await expect(rows.locator("tbody tr")).toHaveCount(4);
    // At phone width, with a step chosen (after a reload: the toast of the start is gone).
    await page.reload();
    await steps.getByRole("button", { name: "Skipped: 1" }).click();
    await checkAtPhoneWidth(page, "bulk-job");

    // The chargers' own pages say the same.
    await page.goto("/chargers?q=E2E-BULK-3");
    await expect(page.locator("tbody tr")).toContainText("Connected");
    await page.goto("/jobs");
    await expect(page.getByRole("table", { name: "Bulk jobs" })).toContainText("Finished");
  });

  test("cancel stops the queue: chargers not yet sent stay untouched", async ({ page }) => {
    await signIn(page, BULK_ADMIN, E2E_PASSWORD);
    await openBulkFormFor(page, "Bulk slow");
    await fillForm(page, "SLOW-{serial}", "1", "1");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("4 chargers: 4 to configure, 0 skipped.")).toBeVisible();
    // The first charger to be configured tries the settings from its own network first.
    await page.getByRole("button", { name: /^Test connection from / }).click();
    await expect(page.getByTestId("ocpp-test-result")).toHaveAttribute(
      "data-outcome",
      "connected",
      { timeout: 20_000 },
    );
    await page.getByRole("button", { name: "Start the job" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Cancel the job" }).click();
    await expect(toast(page, "Job cancelled")).toContainText("stay untouched");
    await expect(page.getByTestId("job-status")).toHaveText("Cancelled");
    const rows = page.getByRole("table", { name: "Chargers of this job" });
    await expect(rows.locator('tr[data-step="cancelled"]')).not.toHaveCount(0);
    const cancelled = await rows.locator('tr[data-step="cancelled"]').count();
    expect(cancelled).toBeGreaterThanOrEqual(2);
    // A cancelled charger was never sent anything: OCPP is still off on it.
    const serial = await rows
      .locator('tr[data-step="cancelled"]')
      .last()
      .getAttribute("data-serial");
    await page.goto(`/chargers?q=${serial}`);
    await expect(page.locator("tbody tr")).toContainText("Disabled");
  });

  test("kill -9 of the portal mid-job: the job finishes after it comes back", async ({
    page,
    request,
  }) => {
    await signIn(page, BULK_ADMIN, E2E_PASSWORD);
    await openBulkFormFor(page, "Bulk restart");
    await fillForm(page, "RST-{serial}", "1", "1");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("3 chargers: 3 to configure, 0 skipped.")).toBeVisible();
    await page.getByRole("button", { name: "Start the job" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    const jobUrl = page.url();

    const portalPort = Number(process.env.E2E_PORT ?? 3210);
    const out = execFileSync("ss", ["-ltnpH", `sport = :${portalPort}`], { encoding: "utf8" });
    const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, "SIGKILL");
    // The supervisor starts it again; the job's state was in the database all along.
    await expect
      .poll(async () => (await request.get("/api/health").catch(() => null))?.status(), {
        timeout: 60_000,
      })
      .toBe(200);
    // Signed in still: the session lives in the database, not in the killed process.
    await page.goto(jobUrl);
    const rows = page.getByRole("table", { name: "Chargers of this job" });
    for (const serial of ["E2E-RST-1", "E2E-RST-2", "E2E-RST-3"]) {
      await expect(rows.locator(`tr[data-serial="${serial}"]`)).toHaveAttribute(
        "data-step",
        "connected",
        { timeout: 90_000 },
      );
    }
    await expect(page.getByTestId("job-status")).toHaveText("Finished", { timeout: 15_000 });
  });

  test("chargers ticked one by one on the list are the selection", async ({ page }) => {
    await signIn(page, BULK_ADMIN, E2E_PASSWORD);
    await page.goto("/chargers");
    await page.getByRole("button", { name: "Configure the selected chargers" }).click();
    await expect(page.getByTestId("bulk-selection")).toContainText("No charger is ticked");
    await page.goto("/chargers");
    await page.getByLabel("Select Bulk SLOW-1").check();
    await page.getByLabel("Select Bulk RST-2").check();
    await page.getByRole("button", { name: "Configure the selected chargers" }).click();
    await expect(page.getByTestId("bulk-selection")).toContainText(
      "2 chargers chosen on the charger list.",
    );
    await fillForm(page, "PICK-{serial}");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("2 chargers: 2 to configure, 0 skipped.")).toBeVisible();
    const preview = page.getByRole("table", { name: "Preview" });
    await expect(preview.locator("tbody tr")).toHaveCount(2);
    await expect(preview).toContainText("PICK-E2E-SLOW-1");
  });

  test("a CPO sees the form read-only", async ({ page }) => {
    await signIn(page, BULK_CPO, E2E_PASSWORD);
    await openBulkFormFor(page, "Bulk depot");
    await expect(page.getByText("this form is read-only for you")).toBeVisible();
    await expect(page.getByLabel("Central system URL")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Start the job" })).toHaveCount(0);
  });
});
