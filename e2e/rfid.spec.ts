import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test.describe("RFID UID converter", () => {
  test("turns a printed UID into the whitelist value, showing the steps", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Settings" })
      .click();
    await page
      .getByRole("navigation", { name: "Settings sections" })
      .getByRole("link", { name: "RFID UID converter" })
      .click();
    await expect(page).toHaveURL(/\/settings\/rfid$/);

    const result = page.getByTestId("uid-result");
    await expect(result).toHaveAttribute("aria-live", "polite");
    await expect(page.getByLabel("Byte order")).toHaveValue("as-printed");
    await page.getByLabel("Card UID").fill("04:A2:B3:C4");
    await expect(result).toHaveText("Whitelist value: C4B3A204");
    const steps = page.getByRole("list", { name: "Conversion steps" });
    await expect(steps).toContainText("Bytes as printed: 04 A2 B3 C4");
    await expect(steps).toContainText("Reversed for little-endian: C4 B3 A2 04");

    // Same card without separators, lower case: same value.
    await page.getByLabel("Card UID").fill("04a2b3c4");
    await expect(result).toHaveText("Whitelist value: C4B3A204");

    // A UID taken from a reader is already little-endian.
    await page.getByLabel("Byte order").selectOption({ label: "As read by a reader" });
    await expect(result).toHaveText("Whitelist value: 04A2B3C4");
    await expect(steps).toContainText("Already little-endian: order kept");

    await page.getByLabel("Card UID").fill("04 A2 ZZ C4");
    await expect(result).toContainText('UID contains "Z"');
    await expect(page.getByLabel("Card UID")).toHaveAttribute("aria-invalid", "true");
  });
});
