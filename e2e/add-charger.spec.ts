import { expect, test } from "@playwright/test";
import { chargerPuk } from "@/lib/chargers/puk";
import { E2E_FACTORY_KEY } from "./support/constants";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

test.describe("add a charger", () => {
  test("an admin sees the field error for a bad part number, then adds a good one", async ({
    page,
  }) => {
    await signIn(page, "admin@plugboard.test");
    await page.getByRole("link", { name: "Add charger" }).click();
    await page.getByLabel("Serial number").fill("E2E-ADD-1");
    await page.getByLabel("PUK").fill(chargerPuk("E2E-ADD-1", E2E_FACTORY_KEY));
    await page.getByLabel("Name").fill("Loading dock");
    await page.getByLabel("Part number").fill("PLP1-0-2-7-9");
    await page.getByRole("button", { name: "Add charger" }).click();
    const partNumber = page.getByLabel("Part number");
    await expect(partNumber).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/Unknown power code "7" for Pulsar Plus/)).toBeVisible();
    await expect(page.getByLabel("Serial number")).toHaveValue("E2E-ADD-1");

    await page.getByLabel("Part number").fill("PLP1-0-2-4-9");
    await page.getByLabel("PUK").fill(chargerPuk("E2E-ADD-1", E2E_FACTORY_KEY));
    await page.getByRole("button", { name: "Add charger" }).click();
    await expect(toast(page, "added")).toHaveText("Charger E2E-ADD-1 added.");
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

  test("another organisation's serial number reads like an unused one without its PUK", async ({
    page,
  }) => {
    await signIn(page, "admin@greenway.test");
    const answers: string[] = [];
    // 100001 is a Volta Parking demo charger; E2E-NEVER-USED is nobody's.
    for (const serial of ["100001", "E2E-NEVER-USED"]) {
      await page.goto("/chargers/new");
      await page.getByLabel("Serial number").fill(serial);
      await page.getByLabel("PUK").fill("12345678");
      await page.getByLabel("Name").fill("Probe");
      await page.getByLabel("Part number").fill("PLP1-0-2-4-9");
      await page.getByRole("button", { name: "Add charger" }).click();
      await expect(page.getByText("do not match")).toBeVisible();
      answers.push(await page.locator("form").innerText());
    }
    expect(answers[0]!.replace("100001", "X")).toBe(answers[1]!.replace("E2E-NEVER-USED", "X"));
  });

  test("a cpo sees no add form and the page is 404", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await page.goto("/chargers");
    await expect(page.getByRole("heading", { name: "Chargers" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add charger" })).toHaveCount(0);
    const response = await page.goto("/chargers/new");
    expect(response?.status()).toBe(404);
  });

  test("support sees no add form either", async ({ page }) => {
    await signIn(page, "support@plugboard.test");
    await expect(page.getByRole("link", { name: "Add charger" })).toHaveCount(0);
  });
});
