import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test.describe("charger details", () => {
  test("shows the decoded part number, capabilities and the OCPP tab for an OCPP charger", async ({
    page,
  }) => {
    await signIn(page, "cpo@plugboard.test");
    await page.goto("/chargers");
    await page.getByRole("link", { name: "Level -2 bay 02" }).click();
    await expect(page.getByRole("heading", { name: "Level -2 bay 02" })).toBeVisible();
    const details = page.getByRole("region", { name: "Details" });
    await expect(details).toContainText("Commander 2, Type 2, 22 kW, 7 m cable, RCD + RFID + OCPP");
    await expect(details).toContainText("Mobile (4G)");
    await expect(details).toContainText("5.17.2");
    await expect(
      page
        .getByRole("navigation", { name: "Charger sections" })
        .getByRole("link", { name: "OCPP" }),
    ).toBeVisible();
  });

  test("a charger that is not OCPP-capable has no OCPP tab and its OCPP URL is 404", async ({
    page,
  }) => {
    await signIn(page, "admin@plugboard.test");
    await page.getByRole("link", { name: "Fleet van 1" }).click();
    await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("region", { name: "Details" })).toContainText("Not OCPP-capable");
    await expect(
      page
        .getByRole("navigation", { name: "Charger sections" })
        .getByRole("link", { name: "OCPP" }),
    ).toHaveCount(0);
    const response = await page.goto(`${page.url()}/ocpp`);
    expect(response?.status()).toBe(404);
  });

  test("a charger of another organisation is 404; support sees it", async ({ page, browser }) => {
    await signIn(page, "admin@greenway.test");
    await page.getByRole("link", { name: "Garden Copper" }).click();
    await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
    const url = page.url();

    const other = await browser.newPage();
    await signIn(other, "admin@plugboard.test");
    const refused = await other.goto(url);
    expect(refused?.status()).toBe(404);
    await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await other.goto(`${url}/ocpp`))?.status()).toBe(404);
    await other.close();

    const support = await browser.newPage();
    await signIn(support, "support@plugboard.test");
    expect((await support.goto(url))?.status()).toBe(200);
    await expect(support.getByRole("heading", { name: "Garden Copper" })).toBeVisible();
    await expect(support.getByText("Greenway Hotels")).toBeVisible();
    await support.close();
  });
});
