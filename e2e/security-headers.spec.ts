// Every response carries the security headers, and the pages work under their CSP: Next's own
// scripts carry the nonce, nothing is refused.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

const COMMON = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

test.describe("security headers", () => {
  for (const path of [
    "/login",
    "/chargers",
    "/api/health",
    "/api/chargers/status-counts",
    "/icon.svg",
  ]) {
    test(`${path} is sent with them`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers).toMatchObject(COMMON);
      expect(headers["permissions-policy"]).toContain("camera=()");
      const csp = headers["content-security-policy"] ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      // Plain HTTP here: HSTS is only ever sent over HTTPS.
      expect(headers["strict-transport-security"]).toBeUndefined();
      if (path.startsWith("/api/")) expect(headers["cache-control"]).toBe("no-store");
    });
  }

  test("each page gets its own nonce", async ({ request }) => {
    const nonce = async () =>
      /'nonce-([^']+)'/.exec(
        (await request.get("/login")).headers()["content-security-policy"] ?? "",
      )?.[1];
    const [first, second] = [await nonce(), await nonce()];
    expect(first).toBeTruthy();
    expect(first).not.toBe(second);
  });

  test("signed-in pages run under the policy without a single refusal", async ({ page }) => {
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });
    await signIn(page, "admin@plugboard.test");
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
    await page.goto("/chargers");
    await page.getByRole("link", { name: "Level -1 bay 01" }).click();
    // On the charger's page (its OCPP section is there), not still on the list.
    await expect(page).toHaveURL(/\/chargers\/[0-9a-f-]{36}$/);
    await expect(
      page
        .getByRole("tab", { name: "OCPP", exact: true })
        .or(page.getByRole("link", { name: "OCPP", exact: true })),
    ).toBeVisible();
    expect(refusals).toEqual([]);
  });
});
