import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { chargerPuk } from "@/lib/chargers/puk";
import { E2E_FACTORY_KEY } from "./support/constants";
import { choosePlan } from "./support/plan";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

test.describe("sites", () => {
  test("an admin adds a site, moves a charger onto it, filters by it and deletes it", async ({
    page,
  }) => {
    await signIn(page, "admin@plugboard.test");
    await page.getByRole("link", { name: "Sites" }).first().click();
    await expect(page.getByRole("heading", { name: "Sites", level: 1 })).toBeVisible();
    // The demo's own sites, with their chargers.
    await expect(page.getByRole("link", { name: "Lyon Part-Dieu garage" })).toBeVisible();

    await page.getByLabel("Name").fill("E2E depot");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByLabel("Address").fill("Alexanderplatz 1, Berlin");
    await page.getByRole("button", { name: "Add site" }).click();
    await expect(toast(page, "added")).toHaveText("Site E2E depot added.");
    await expect(page.getByRole("link", { name: "E2E depot" })).toBeVisible();

    // The same name in another case is refused beside the field.
    await page.getByLabel("Name").fill("e2e DEPOT");
    await page.getByRole("button", { name: "Add site" }).click();
    await expect(
      page.getByText("Your organisation already has a site named e2e DEPOT."),
    ).toBeVisible();

    await page.goto("/chargers?q=Fleet van 1");
    await page.getByRole("link", { name: "Fleet van 1" }).click();
    // On the charger's page (the list has a "Site" select of its own, the filter).
    await expect(page.getByRole("heading", { name: "Fleet van 1", level: 1 })).toBeVisible();
    await page.getByLabel("Site").selectOption({ label: "E2E depot" });
    await page.getByRole("button", { name: "Move" }).click();
    await expect(toast(page, "now on")).toHaveText("The charger is now on the site E2E depot.");

    await page.goto("/chargers");
    await page.getByLabel("Site").selectOption({ label: "E2E depot" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody tr")).toContainText("Fleet van 1");

    await page.goto("/sites");
    await page.getByRole("link", { name: "E2E depot" }).click();
    await page.getByRole("button", { name: "Delete site" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete the site E2E depot?" });
    await expect(dialog).toContainText("Its charger stays, with no site.");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/sites$/);
    await expect(page.getByRole("link", { name: "E2E depot" })).toHaveCount(0);
    await page.goto("/chargers?q=Fleet van 1");
    await expect(page.locator("tbody tr")).toContainText("—");
  });

  test("a CPO reads the sites and cannot change them", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await page.goto("/sites");
    await expect(page.getByRole("link", { name: "Paris Bercy offices" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add site" })).toHaveCount(0);
    await page.getByRole("link", { name: "Paris Bercy offices" }).click();
    await expect(page.getByRole("button", { name: "Delete site" })).toHaveCount(0);
  });
});

test.describe("charger CSV", () => {
  // CSV export and import are Business features; Volta Parking is on Standard in the demo.
  test("on Standard, the list says CSV is the Business plan's; the admin switches", async ({
    page,
  }) => {
    await signIn(page, "admin@plugboard.test");
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
    await expect(page.getByText("CSV export and import: Business plan.")).toBeVisible();
    await page.goto("/settings");
    await choosePlan(page, "Business");
  });

  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page, "admin@plugboard.test");
    await page.goto("/settings");
    await choosePlan(page, "Standard");
    await page.close();
  });

  const file = (text: string) => ({
    name: "chargers.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });

  test("an import with one bad row is refused with the row and the reason; a good one imports", async ({
    page,
  }) => {
    await signIn(page, "admin@plugboard.test");
    await page.getByRole("link", { name: "Import CSV" }).click();
    const header = "serial_number,puk,part_number,name,site";
    const good = `E2E-CSV-1,${chargerPuk("E2E-CSV-1", E2E_FACTORY_KEY)},PLP1-0-2-4-9,CSV bay 1,Paris Bercy offices`;
    await page
      .getByLabel("CSV file")
      .setInputFiles(file([header, good, "E2E-CSV-2,,PLP1-0-2-4-9,CSV bay 2,"].join("\n")));
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(toast(page, "Nothing was imported")).toHaveText(
      "Nothing was imported: 1 row of 2 has errors.",
    );
    const errors = page.getByRole("table", { name: "Rows with errors" });
    await expect(errors.locator("tbody tr")).toHaveCount(1);
    await expect(errors.locator("tbody tr")).toContainText("3");
    await expect(errors.locator("tbody tr")).toContainText(
      "A new charger needs the PUK from its label.",
    );
    await page.goto("/chargers?q=E2E-CSV");
    await expect(page.getByText("No charger matches these filters.")).toBeVisible();

    await page.goto("/chargers/import");
    await page.getByLabel("CSV file").setInputFiles(file([header, good].join("\n")));
    await page.getByRole("button", { name: "Check file" }).click();
    const report = page.getByRole("table", { name: "What the import will do" });
    await expect(report).toContainText("E2E-CSV-1");
    await expect(report).toContainText("Add");
    await page.getByRole("button", { name: "Import 1 row" }).click();
    await expect(toast(page, "added")).toHaveText("1 charger added, none updated.");
    await page.goto("/chargers?q=E2E-CSV");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody tr")).toContainText("Paris Bercy offices");
  });

  test("a file too large is refused in the browser before it is sent", async ({ page }) => {
    await signIn(page, "admin@plugboard.test");
    await page.goto("/chargers/import");
    await page.getByLabel("CSV file").setInputFiles(file("x".repeat(1_100_000)));
    await expect(page.getByText("The file is larger than 1 MB")).toBeVisible();
    await expect(page.getByRole("button", { name: "Check file" })).toBeDisabled();
  });

  test("the export holds the filtered list", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await page.goto("/chargers?q=Level -1");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const text = await readFile((await (await download).path())!, "utf8");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toContain("Serial number,Name,Organisation,Site");
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).every((l) => l.includes("Level -1 bay"))).toBe(true);
  });
});
