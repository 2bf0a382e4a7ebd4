import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

// Route handlers check the session and the organisation themselves, whatever the pages show.
test.describe("route handlers", () => {
  test("refuse a caller without a session", async ({ request }) => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const path of [
      `/api/chargers/${id}/status`,
      `/api/chargers/${id}/history`,
      "/api/chargers/status-counts",
      "/api/live",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(401);
    }
  });

  test("answer 404 for another organisation's charger, and serve one's own", async ({ page }) => {
    await signIn(page, "admin@greenway.test");
    await page.getByRole("link", { name: "Garden Copper" }).click();
    await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    expect((await page.request.get(`/api/chargers/${id}/status`)).status()).toBe(200);

    const other = await page.context().browser()!.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "cpo@plugboard.test");
    for (const path of [`/api/chargers/${id}/status`, `/api/chargers/${id}/history`]) {
      expect((await otherPage.request.get(path)).status(), path).toBe(404);
    }
    await other.close();
  });

  test("the sign-in callback refuses a JSON body with a clear 415, not an empty 500", async ({
    request,
  }) => {
    const response = await request.post("/api/auth/callback/credentials", {
      data: { email: "admin@plugboard.test", password: "plugboard-demo" },
    });
    expect(response.status()).toBe(415);
    expect(await response.json()).toEqual({
      error: "Send the sign-in form as application/x-www-form-urlencoded.",
    });
  });

  test("a charger id of 8,000 characters is a plain 404, not a hang", async ({ page }) => {
    await signIn(page, "cpo@plugboard.test");
    const response = await page.request.get(`/api/chargers/${"a".repeat(8000)}/status`);
    expect(response.status()).toBe(404);
  });

  test("the device-event webhook refuses an unsigned request", async ({ request }) => {
    const response = await request.post("/api/device-events", { data: { events: [] } });
    expect(response.status()).toBe(401);
  });
});
