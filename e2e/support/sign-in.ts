import { expect, type Page } from "@playwright/test";
import { currentTotpCode } from "@/lib/auth/two-step/totp";
import { DEMO_SUPPORT_TOTP_SECRET } from "@/lib/demo/seed";

export const DEMO_PASSWORD = "plugboard-demo";

/** Signs in; the demo's support account also enters the code of its published key. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (email === "support@plugboard.test") await enterCode(page, DEMO_SUPPORT_TOTP_SECRET);
  await expect(page).toHaveURL(/\/chargers$/);
}

/**
 * Enters the current code of a TOTP key on the sign-in form. A code is good once: when an
 * earlier sign-in used this step's code, the next step's is accepted (one step of drift), and
 * failing that the test waits for a fresh step.
 */
export async function enterCode(page: Page, secret: string) {
  const field = page.getByLabel("Code from your authenticator app");
  await expect(field).toBeVisible();
  const alert = page.getByRole("main").getByRole("alert");
  for (let attempt = 0; attempt < 3; attempt++) {
    const at = new Date(Date.now() + (attempt === 0 ? 0 : 30_000));
    await field.fill(await currentTotpCode(secret, at));
    await page.getByRole("button", { name: /Sign in/ }).click();
    const outcome = await Promise.race([
      page.waitForURL(/\/chargers$/, { timeout: 10_000 }).then(() => "in" as const),
      expect(alert)
        .toContainText("already been used", { timeout: 10_000 })
        .then(() => "replayed" as const),
    ]).catch(() => "unknown" as const);
    if (outcome === "in") return;
    if (attempt === 1) await page.waitForTimeout(31_000 - (Date.now() % 30_000));
  }
}
