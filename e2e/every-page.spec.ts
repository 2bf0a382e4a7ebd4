// Every page, as each role, at desktop and phone widths (and in the dark theme): nothing
// scrolls sideways from 360 px up, and axe-core (WCAG 2.x A/AA rules) finds no serious or
// critical violation. The
// results per page and width are written to test-results/axe-summary.json for the record.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/sign-in";

const ROLES = {
  admin: "admin@plugboard.test",
  cpo: "cpo@plugboard.test",
  support: "support@plugboard.test",
} as const;

const WIDTHS = [
  { name: "phone-360", width: 360, height: 740 },
  { name: "phone-390", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

type Summary = Record<string, Record<string, Record<string, number>>>;
const summary: Summary = {};

/** The pages a role can open, found from the charger list (a charger of the demo). */
async function pagesOf(page: Page, role: keyof typeof ROLES): Promise<string[]> {
  await page.goto("/chargers");
  const href = await page
    .getByRole("link", { name: "Level -1 bay 01" })
    .first()
    .getAttribute("href");
  const charger = href ?? "/chargers";
  return [
    "/dashboard",
    "/chargers",
    ...(role === "admin" ? ["/chargers/new", "/chargers/import"] : []),
    charger,
    `${charger}/ocpp`,
    `${charger}/settings`,
    "/sites",
    "/jobs",
    "/jobs/new",
    "/alerts",
    "/alerts/rules",
    "/audit",
    "/settings",
    "/settings/rfid",
    "/settings/profile",
    ...(role === "admin" ? ["/settings/users", "/settings/api-tokens", "/settings/webhooks"] : []),
    "/terms",
  ];
}

async function check(page: Page, label: string, width: (typeof WIDTHS)[number]) {
  await page.setViewportSize({ width: width.width, height: width.height });
  await page.waitForLoadState("networkidle").catch(() => undefined);
  if (width.width < 768) {
    const overflow = await page.evaluate(() => {
      // The innermost elements that reach past the right edge, and are not inside a box that
      // scrolls or clips them (a wide table in its scroll area is fine): what to fix.
      const clipped = (el: Element) => {
        // An absolutely positioned element (e.g. .sr-only text) is clipped only by boxes from
        // its containing block (the nearest positioned ancestor) up; a fixed one by none.
        const position = getComputedStyle(el).position;
        let escapes = position === "absolute" || position === "fixed";
        for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
          const style = getComputedStyle(box);
          if (escapes && position === "absolute" && style.position !== "static") escapes = false;
          if (
            !escapes &&
            style.overflowX !== "visible" &&
            box.getBoundingClientRect().right <= window.innerWidth + 1
          )
            return true;
        }
        return false;
      };
      const past = (el: Element) => el.getBoundingClientRect().right > window.innerWidth + 1;
      const wide = [...document.body.querySelectorAll("*")]
        .filter((el) => past(el) && !clipped(el))
        .filter((el) => ![...el.children].some((c) => past(c) && !clipped(c)))
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
      return {
        document: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        wide,
      };
    });
    expect(
      overflow.document,
      `${label} at ${width.width} px scrolls sideways: ${overflow.wide.join(", ")}`,
    ).toBeLessThanOrEqual(overflow.viewport);
  }
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const byImpact: Record<string, number> = {};
  for (const violation of results.violations) {
    byImpact[violation.impact ?? "unknown"] = (byImpact[violation.impact ?? "unknown"] ?? 0) + 1;
  }
  (summary[label] ??= {})[width.name] = byImpact;
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
    `${label} at ${width.name}`,
  ).toEqual([]);
}

test.describe("every page at every width, for every role", () => {
  test.describe.configure({ timeout: 300_000 });

  test.afterAll(() => {
    const file = path.join("test-results", "axe-summary.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(summary, null, 2));
  });

  test("the sign-in page", async ({ page }) => {
    await page.goto("/login");
    for (const width of WIDTHS) await check(page, "/login", width);
  });

  // Public like the sign-in page: an invitation link that cannot be used says so.
  test("an invitation page", async ({ page }) => {
    await page.goto(`/invitations/${"x".repeat(43)}`);
    await expect(
      page.getByRole("heading", { name: "This invitation cannot be used" }),
    ).toBeVisible();
    for (const width of WIDTHS) await check(page, "/invitations/:token", width);
  });

  // The dark theme follows the system setting: its contrast is checked on every page too.
  test("in the dark theme, as admin", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page, ROLES.admin);
    for (const url of await pagesOf(page, "admin")) {
      await page.goto(url);
      for (const width of [WIDTHS[1], WIDTHS[2]])
        await check(page, `dark admin ${url.replace(/[0-9a-f-]{36}/, ":id")}`, width);
    }
  });

  for (const role of Object.keys(ROLES) as Array<keyof typeof ROLES>) {
    test(`as ${role}`, async ({ page }) => {
      await signIn(page, ROLES[role]);
      for (const url of await pagesOf(page, role)) {
        await page.goto(url);
        for (const width of WIDTHS)
          await check(page, `${role} ${url.replace(/[0-9a-f-]{36}/, ":id")}`, width);
      }
    });
  }
});
