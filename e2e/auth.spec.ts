import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, THROTTLE_USER } from "./support/fixtures";

test.describe("sign-in", () => {
  for (const [email, role] of [
    ["admin@plugboard.test", "Administrator · Volta Parking"],
    ["cpo@plugboard.test", "CPO · Volta Parking"],
    ["support@plugboard.test", "Support · all organisations"],
  ] as const) {
    test(`${email} signs in and sees their role`, async ({ page }) => {
      await signIn(page, email);
      await expect(page.getByRole("banner")).toContainText(email);
      await expect(page.getByRole("banner")).toContainText(role);
      await expect(page.getByRole("heading", { name: "Chargers" })).toBeVisible();
    });
  }

  test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@plugboard.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  for (const callbackUrl of [
    "/%5Cevil.example/phish",
    "/%09/evil.example/phish",
    "//evil.example",
  ]) {
    test(`sign-in never leaves the site for callbackUrl=${callbackUrl}`, async ({ page }) => {
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await page.getByLabel("Email").fill("cpo@plugboard.test");
      await page.getByLabel("Password").fill("plugboard-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/^http:\/\/(127\.0\.0\.1|localhost):\d+\/chargers$/);
    });
  }

  test("sign-in follows a callbackUrl on this site", async ({ page }) => {
    await page.goto("/login?callbackUrl=/audit");
    await page.getByLabel("Email").fill("cpo@plugboard.test");
    await page.getByLabel("Password").fill("plugboard-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/audit$/);
  });

  test("every page but sign-in requires a session", async ({ page }) => {
    for (const path of [
      "/chargers",
      "/chargers/new",
      "/chargers/00000000-0000-0000-0000-000000000000",
    ]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    }
  });

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/chargers");
    await expect(page).toHaveURL(/\/login/);
  });

  test("ten failed sign-ins lock the account with a clear message", async ({ page }) => {
    // Its own client address, so the lock does not spill onto the other tests' sign-ins.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.7" });
    await page.goto("/login");
    for (let i = 0; i < 10; i++) {
      await page.getByLabel("Email").fill(THROTTLE_USER);
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(
        "Wrong email or password.",
      );
      await page
        .getByRole("main")
        .getByRole("alert")
        .evaluate((el) => (el.textContent = ""));
    }
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "Too many failed sign-ins",
    );
    await expect(page).toHaveURL(/\/login/);
  });
});
