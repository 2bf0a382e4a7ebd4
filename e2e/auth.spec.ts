import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, PAGING_ADMIN, THROTTLE_USER } from "./support/fixtures";

test.describe("sign-in", () => {
  for (const [email, role, landing, heading] of [
    ["admin@plugboard.test", "Administrator · Volta Parking", "/chargers", "Chargers"],
    ["cpo@plugboard.test", "CPO · Volta Parking", "/dashboard", "Fleet dashboard"],
    ["support@plugboard.test", "Support · all organisations", "/chargers", "Chargers"],
  ] as const) {
    test(`${email} signs in, lands on ${landing} and sees their role`, async ({ page }) => {
      await signIn(page, email);
      await expect(page).toHaveURL(new RegExp(`${landing}$`));
      await expect(page.getByRole("banner")).toContainText(email);
      await expect(page.getByRole("banner")).toContainText(role);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
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
      // The CPO's own landing page, on this site.
      await expect(page).toHaveURL(/^http:\/\/(127\.0\.0\.1|localhost):\d+\/dashboard$/);
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

  test("wrong passwords from many addresses slow the guesser, never the owner at a known address", async ({
    browser,
  }) => {
    // The owner signs in from home, which makes that address known for the account.
    const owner = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.9" } });
    await signIn(owner, THROTTLE_USER, E2E_PASSWORD);
    await owner.getByRole("button", { name: "Sign out" }).click();
    await expect(owner).toHaveURL(/\/login/);

    // Fourteen wrong passwords, each from another address (the old code locked the account,
    // right password included, after ten).
    const guesser = await browser.newPage();
    const alert = guesser.getByRole("main").getByRole("alert");
    await guesser.goto("/login");
    const seen = new Set<string>();
    for (let i = 0; i < 14; i++) {
      await guesser.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${i + 1}` });
      await guesser.getByLabel("Email").fill(THROTTLE_USER);
      await guesser.getByLabel("Password").fill(`wrong-${i}`);
      await guesser.getByRole("button", { name: "Sign in" }).click();
      await expect(alert).toHaveText(/Wrong email or password\.|Too many failed sign-ins/);
      seen.add((await alert.textContent()) ?? "");
      await alert.evaluate((el) => (el.textContent = ""));
    }
    // Past ten failures on the account, a new address has to wait, with the wait said.
    expect(
      [...seen].some((text) => /Too many failed sign-ins\. Wait \d+ seconds?/.test(text)),
    ).toBe(true);

    // The owner, from home, is let in at once with the right password.
    await signIn(owner, THROTTLE_USER, E2E_PASSWORD);
    // …and sees the failures on their own account in Settings.
    await owner.goto("/settings");
    await expect(owner.getByTestId("own-failure-count")).toContainText("in the last 30 days");
    await expect(
      owner.getByRole("region", { name: "Failed sign-ins to your account" }),
    ).toContainText("198.51.100.");

    // The organisation's administrator sees the account under attack.
    const admin = await browser.newPage();
    await signIn(admin, PAGING_ADMIN, E2E_PASSWORD);
    await admin.goto("/settings");
    await expect(
      admin.getByRole("region", { name: "Failed sign-ins in your organisation" }),
    ).toContainText(THROTTLE_USER);
  });
});
