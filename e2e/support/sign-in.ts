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
  // Each role's landing page (lib/auth/landing-page.ts): CPOs the dashboard, others the list.
  await expect(page).toHaveURL(/\/(chargers|dashboard)$/);
}

/**
 * Enters the current code of a TOTP key where a form asks for it, until the page reaches
 * `done`. A code is good once: when an earlier use took this step's code, the next step's is
 * accepted (one step of drift), and failing that the test waits for a fresh step.
 */
export async function enterCode(
  page: Page,
  secret: string,
  form: { field: string; button: RegExp | string; done: RegExp } = {
    field: "Code from your authenticator app",
    button: /Sign in/,
    // Each role's landing page (lib/auth/landing-page.ts).
    done: /\/(chargers|dashboard)$/,
  },
) {
  const field = page.getByLabel(form.field);
  await expect(field).toBeVisible();
  for (let attempt = 0; attempt < 3; attempt++) {
    const at = new Date(Date.now() + (attempt === 0 ? 0 : 30_000));
    await field.fill(await currentTotpCode(secret, at));
    await page.getByRole("button", { name: form.button }).click();
    const outcome = await Promise.race([
      page.waitForURL(form.done, { timeout: 10_000 }).then(() => "done" as const),
      expect(page.getByText("already been used"))
        .toBeVisible({ timeout: 10_000 })
        .then(() => "replayed" as const),
    ]).catch(() => "unknown" as const);
    if (outcome === "done") return;
    if (attempt === 1) await page.waitForTimeout(31_000 - (Date.now() % 30_000));
  }
  await expect(page).toHaveURL(form.done);
}
