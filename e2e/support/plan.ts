import { expect, type Page } from "@playwright/test";
import { toast } from "./toast";

/** On /settings, as an administrator: switch the organisation's plan and see it said. */
export async function choosePlan(page: Page, plan: "Basic" | "Standard" | "Business") {
  await page.getByRole("radio", { name: plan }).check();
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(toast(page, `Plan changed to ${plan}.`)).toHaveText(
    `Plan changed to ${plan}. Features are updated everywhere.`,
  );
  await expect(page.getByTestId("current-plan")).toHaveText(`Current plan: ${plan}`);
}
