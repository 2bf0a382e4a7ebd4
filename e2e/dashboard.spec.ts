// The fleet dashboard through the whole stack: a CPO lands on it, and watches it follow, without
// reloading, what an administrator does to the organisation's chargers in another browser.
import { expect, test, type Page } from "@playwright/test";
import { DASH_ADMIN, DASH_CPO, E2E_PASSWORD } from "./support/constants";
import { signIn } from "./support/sign-in";
import { toast } from "./support/toast";

const DEMO_CSMS_URL = `ws://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}/ocpp`;

async function enableOcpp(page: Page, chargerName: string, url: string, identity: string) {
  await page.goto("/chargers?q=" + encodeURIComponent(chargerName));
  await page.getByRole("link", { name: chargerName }).click();
  await page
    .getByRole("navigation", { name: "Charger sections" })
    .getByRole("link", { name: "OCPP" })
    .click();
  await expect(page.getByTestId("ocpp-status")).toContainText("Disabled", { timeout: 30_000 });
  await page.getByRole("switch", { name: "Enable OCPP" }).setChecked(true);
  await page.getByLabel("URL").fill(url);
  await page.getByLabel("Charge point identity").fill(identity);
  await page.getByLabel("I accept the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Saved.")).toBeVisible();
}

test("a CPO lands on the dashboard and sees it follow the fleet live, then clicks through an error reason", async ({
  page,
  browser,
}) => {
  await signIn(page, DASH_CPO, E2E_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Fleet dashboard", level: 1 })).toBeVisible();
  await expect(page.getByText("Live updates on")).toBeVisible();
  const count = (status: string) => page.getByTestId(`count-${status}`);
  await expect(count("disabled")).toHaveText("2", { timeout: 30_000 });
  await expect(count("connected")).toHaveText("0");
  const depot = page.getByRole("group", { name: "By site" }).locator('tr[data-site="Dash depot"]');
  await expect(depot).toContainText("—");
  await expect(page.getByText("No charger is in error.").first()).toBeVisible();

  // The administrator, in another browser, connects one charger and sends the other to a port
  // where nothing listens.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DASH_ADMIN, E2E_PASSWORD);
  await enableOcpp(admin, "Dash one", DEMO_CSMS_URL, "E2E-DASH-ONE");
  await expect(count("connected")).toHaveText("1", { timeout: 30_000 });
  await expect(page.getByTestId("share-now")).toHaveText("100%", { timeout: 10_000 });
  await expect(depot).toContainText("100%");

  await enableOcpp(admin, "Dash two", "ws://127.0.0.1:9/ocpp", "E2E-DASH-TWO");
  await expect(count("error")).toHaveText("1", { timeout: 30_000 });
  await expect(page.getByTestId("share-now")).toHaveText("50%", { timeout: 10_000 });
  const reasons = page.getByTestId("error-reasons");
  await expect(reasons).toContainText("Connection refused by the central system");
  await expect(reasons).toContainText("1 charger");
  await expect(
    page.getByRole("group", { name: "Longest in error" }).getByRole("link", { name: "Dash two" }),
  ).toBeVisible();
  // Everything above came without a reload: the page is the one signed in to.
  await expect(page).toHaveURL(/\/dashboard$/);

  await reasons.getByRole("link", { name: "See this charger in the list" }).click();
  await expect(page).toHaveURL(/\/chargers\?status=error&reason=connection_refused$/);
  await expect(page.getByLabel("Error reason")).toHaveValue("connection_refused");
  const rows = page.getByRole("group", { name: "Chargers" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Dash two");
  await admin.context().close();
});
