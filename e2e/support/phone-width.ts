// A page checked at phone width (390 px): it does not scroll sideways, a screenshot is kept in
// test-results/, and axe finds nothing serious (WCAG 2.2 AA tags); then back to desktop width.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function checkAtPhoneWidth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `test-results/${name}-390.png`, fullPage: true });
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    name,
  ).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}
