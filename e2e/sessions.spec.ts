// Sessions end on the server: a cookie kept from before sign-out (or from another device
// after "sign out everywhere") opens nothing any more.
import { expect, test, type BrowserContext } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { E2E_PASSWORD, SESSIONS_USER } from "./support/fixtures";

async function expectSignedOut(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto("/chargers");
  await expect(page).toHaveURL(/\/login/);
  const api = await context.request.get("/api/chargers/status-counts");
  expect(api.status()).toBe(401);
  // Asking next-auth for the session must not bring the old one back to life either.
  await context.request.get("/api/auth/session");
  await page.goto("/chargers");
  await expect(page).toHaveURL(/\/login/);
}

test.describe("sessions", () => {
  test("a cookie saved before sign-out is refused afterwards", async ({ browser, page }) => {
    await signIn(page, "cpo@plugboard.test");
    const saved = await page.context().storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    const replay = await browser.newContext({ storageState: saved });
    await expectSignedOut(replay);
    await replay.close();
  });

  test("sign out everywhere ends the sessions of other browsers too", async ({ browser }) => {
    const laptop = await browser.newContext();
    const phone = await browser.newContext();
    await signIn(await laptop.newPage(), SESSIONS_USER, E2E_PASSWORD);
    const phonePage = await phone.newPage();
    await signIn(phonePage, SESSIONS_USER, E2E_PASSWORD);

    await phonePage.goto("/settings");
    await phonePage.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(phonePage).toHaveURL(/\/login/);

    await expectSignedOut(laptop);
    await expectSignedOut(phone);
    await laptop.close();
    await phone.close();
  });
});
