import { expect, test } from "@playwright/test";
import { currentTotpCode } from "@/lib/auth/two-step/totp";
import { E2E_PASSWORD, TWO_STEP_USER } from "./support/fixtures";
import { enterCode, signIn } from "./support/sign-in";
import { toast } from "./support/toast";

test.describe("two-step verification", () => {
  test("a user turns it on in Settings with an authenticator app, then sign-in asks for the code; turning it off signs out", async ({
    page,
  }) => {
    await signIn(page, TWO_STEP_USER, E2E_PASSWORD);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Two-step verification" });
    await section.getByRole("button", { name: "Set up two-step verification" }).click();
    await expect(section.getByRole("img", { name: /QR code/ })).toBeVisible();
    const key = (await section.getByTestId("two-step-key").textContent())!.trim();
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);

    await section.getByLabel("Code from your authenticator app").fill("000000");
    await section.getByRole("button", { name: "Turn on" }).click();
    await expect(section.getByText("That code is not right.")).toBeVisible();
    await section.getByLabel("Code from your authenticator app").fill(await currentTotpCode(key));
    await section.getByRole("button", { name: "Turn on" }).click();
    await expect(toast(page, "Two-step verification is on")).toHaveText(
      "Two-step verification is on: sign-in now asks for a code.",
    );

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("Email").fill(TWO_STEP_USER);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Code from your authenticator app")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await enterCode(page, key);

    await page.goto("/settings");
    await enterCode(page, key, {
      field: "Current code, to turn it off",
      button: "Turn off two-step verification",
      done: /\/login/,
    });
    await signIn(page, TWO_STEP_USER, E2E_PASSWORD);
  });

  test("support cannot sign in on a password alone and cannot turn it off", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("support@plugboard.test");
    await page.getByLabel("Password").fill("plugboard-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Code from your authenticator app")).toBeVisible();
    await page.goto("/chargers");
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, "support@plugboard.test");
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Two-step verification" });
    await expect(section).toContainText("Support accounts must keep it on.");
    await expect(section.getByRole("button", { name: /Turn off/ })).toHaveCount(0);
  });
});
